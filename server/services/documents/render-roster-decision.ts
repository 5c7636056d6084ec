/**
 * The draft decision establishing the organizing committee or the jury, from the contest's roster, as DOCX for the
 * office to edit and sign, or as PDF to read. Only names, positions and roles are printed: never contacts.
 */
import { AppError } from '@core/errors.ts';
import { civilDateOf } from '@core/documents/place-and-date.ts';
import { issuerTitleOf, signatureOf } from '@core/documents/document-settings.ts';
import { rosterDecision, type RosterDecisionOptions } from '@core/documents/roster-decision.ts';
import type { Actor, Deps } from '../../context.ts';
import { administrativeDocx } from '../../documents/administrative-docx.ts';
import { administrativePdf } from '../../documents/administrative-pdf.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { loadDocumentSettings } from './document-settings-facts.ts';

const BODY_NAME = {
  organizing_committee: { vi: 'Ban Tổ chức', en: 'The organizing committee' },
  jury: { vi: 'Ban Giám khảo', en: 'The jury' },
} as const;

export async function renderRosterDecision(
  deps: Deps,
  actor: Actor,
  slug: string,
  format: 'docx' | 'pdf',
  options: RosterDecisionOptions,
): Promise<Buffer> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'documents.generate');
  const settings = settingsOf(contest);
  const members = await deps.db
    .selectFrom('roster_members')
    .select(['full_name', 'position', 'role_in_body'])
    .where('contest_id', '=', contest.id)
    .where('body', '=', options.body)
    .orderBy('id')
    .execute();
  if (members.length === 0) throw new AppError('documents.emptyBody', { body: BODY_NAME[options.body] });
  const { settings: doc0 } = await loadDocumentSettings(deps.db, contest.id);
  const issuer = options.issuer ?? doc0.issuer;
  const doc = rosterDecision({
    body: options.body,
    // A request's own issuer stands alone: the stored parent, title and recipients belong to the stored issuer.
    ...(options.issuer
      ? { signer: options.signer ?? '' }
      : {
          superior: doc0.superior,
          issuerTitle: issuerTitleOf(doc0),
          ...(doc0.recipients.length ? { recipients: doc0.recipients } : {}),
          signature: signatureOf(doc0.signer, options.signer),
        }),
    issuer,
    abbr: options.abbr ?? (options.issuer ? 'UBND' : doc0.abbr),
    place: options.place ?? doc0.place,
    grounds: options.grounds,
    contestName: settings.name,
    draftYear: civilDateOf(deps.clock(), settings.timeZone).year,
    members: members.map((m) => ({ fullName: m.full_name, position: m.position, roleInBody: m.role_in_body })),
  });
  const file = format === 'docx' ? await administrativeDocx(doc) : await administrativePdf(doc);
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, actor, {
      action: 'documents.rosterDecisionMade',
      contestId: contest.id,
      target: `roster:${options.body}`,
      details: { body: options.body, format, members: members.length },
    }),
  );
  return file;
}
