/**
 * The paperwork of the announced results: the draft award decision (Quyết định khen thưởng) as DOCX, the prize
 * payment list and the CCHC list per unit as XLSX. Built from the announced version only; each download audited.
 */
import { z } from 'zod';
import { awardDecision } from '@core/documents/award-decision.ts';
import { cchcList } from '@core/documents/cchc-list.ts';
import { paymentList } from '@core/documents/payment-list.ts';
import { civilDateOf } from '@core/documents/place-and-date.ts';
import { issuerLines } from '@core/documents/roster-decision.ts';
import { bodyAbbrSchema } from '@core/documents/document-number.ts';
import { issuerTitleOf, signatureOf } from '@core/documents/document-settings.ts';
import { upperVi } from '@core/documents/text.ts';
import { formatDateTime } from '@core/time.ts';
import type { Actor, Deps } from '../../context.ts';
import { administrativeDocx } from '../../documents/administrative-docx.ts';
import { cchcListXlsx, paymentListXlsx } from '../../documents/lists-xlsx.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { loadAnnouncedFacts } from './announced-facts.ts';
import { loadDocumentSettings } from './document-settings-facts.ts';

/** Overrides, for this one document, of the contest's stored document details; the rest is the document's own. */
export const awardDecisionOptionsSchema = z.object({
  issuer: z.string().trim().min(1).max(200).optional(),
  abbr: bodyAbbrSchema.optional(),
  place: z.string().trim().min(1).max(100).optional(),
  signer: z.string().trim().max(200).optional(),
  fundingSource: z.string().trim().min(1).max(300).default('ngân sách huyện'),
  grounds: z.string().trim().max(4000).default(''),
});
export type AwardDecisionOptions = z.infer<typeof awardDecisionOptionsSchema>;

async function start(deps: Deps, actor: Actor, slug: string, kind: string) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, kind === 'paymentList' ? 'budget.view' : 'documents.generate');
  const facts = await loadAnnouncedFacts(deps.db, contest.id);
  const settings = settingsOf(contest);
  const { settings: doc } = await loadDocumentSettings(deps.db, contest.id);
  const audit = (details: Record<string, unknown>) =>
    deps.db.transaction().execute((trx) =>
      appendAudit(trx, deps, actor, {
        action: `documents.${kind}Made`,
        contestId: contest.id,
        target: `contest:${contest.id}`,
        details: { version: facts.announced.version, ...details },
      }),
    );
  const meta = (issuer: string | undefined) => ({
    issuer: upperVi(issuer ?? doc.issuer),
    contestName: settings.name,
    madeAt: `${formatDateTime(deps.clock(), settings.timeZone)} (giờ Việt Nam)`,
  });
  return { contest, settings, doc, facts, audit, meta };
}

export async function renderPaymentList(deps: Deps, actor: Actor, slug: string, issuer?: string): Promise<Buffer> {
  const s = await start(deps, actor, slug, 'paymentList');
  const list = paymentList(s.facts.allocation, s.facts.entries);
  const file = await paymentListXlsx(list, s.meta(issuer));
  await s.audit({ rows: list.rows.length, total: list.totalVnd });
  return file;
}

export async function renderCchcList(deps: Deps, actor: Actor, slug: string, issuer?: string): Promise<Buffer> {
  const s = await start(deps, actor, slug, 'cchcList');
  const units = await deps.db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('contest_id', '=', s.contest.id)
    .execute();
  const year = civilDateOf(s.facts.announced.announcedAt, s.settings.timeZone).year;
  const list = cchcList(s.facts.allocation, s.facts.entries, units, year);
  const file = await cchcListXlsx(list, s.meta(issuer));
  await s.audit({ units: list.rows.length, unmatched: list.unmatched.length });
  return file;
}

export async function renderAwardDecision(
  deps: Deps,
  actor: Actor,
  slug: string,
  o: AwardDecisionOptions,
): Promise<Buffer> {
  const s = await start(deps, actor, slug, 'awardDecision');
  // A request's own issuer stands alone: the stored parent, title, signer's capacity and recipients are the stored
  // issuer's.
  const own = o.issuer !== undefined;
  const issuer = o.issuer ?? s.doc.issuer;
  const lines = issuerLines(issuer);
  const d = awardDecision({
    issuingBody: {
      ...(!own && s.doc.superior ? { superior: s.doc.superior } : {}),
      nameLines: lines,
      abbr: o.abbr ?? (own ? 'UBND' : s.doc.abbr),
      place: o.place ?? s.doc.place,
    },
    issuerTitle: own ? `Chủ tịch ${issuer}` : issuerTitleOf(s.doc),
    number: null,
    date: null,
    draftYear: civilDateOf(deps.clock(), s.settings.timeZone).year,
    contestName: s.settings.name,
    grounds: [
      ...o.grounds.split('\n').filter((g) => g.trim()),
      `Căn cứ kết quả chấm thi, bình chọn và đề nghị của Ban Tổ chức Cuộc thi “${s.settings.name}”`,
    ],
    proposer: 'Trưởng phòng Nội vụ',
    fundingSource: o.fundingSource,
    executors: ['Chánh Văn phòng', 'Trưởng phòng Nội vụ', 'Trưởng phòng Tài chính - Kế hoạch'],
    signature: own
      ? { collective: lines[0], position: 'Chủ tịch', fullName: o.signer ?? '' }
      : signatureOf(s.doc.signer, o.signer),
    recipients: own || s.doc.recipients.length === 0 ? [`Thường trực ${issuer}`] : s.doc.recipients,
    archive: ['VT', 'NV'],
    allocation: s.facts.allocation,
    entries: s.facts.entries,
  });
  const a = d.annex;
  const file = await administrativeDocx(d.document, [
    {
      title: a.title,
      columns: a.columns,
      rows: a.rows.map((r) => [r.no, r.recipient, r.entryCode, r.entryTitle, r.prizeName, r.amountVnd]),
      moneyColumns: [5],
      footer: [a.totalInWords, ...a.notes],
    },
  ]);
  await s.audit({ rows: a.rows.length, total: a.totalVnd });
  return file;
}
