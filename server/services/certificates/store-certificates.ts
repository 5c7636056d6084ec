/**
 * Writes the certificates of the given winners that are missing, under the contest's lock so that two issuances
 * cannot take the same numbers (the unique key on contest, year and sequence would refuse the second anyway). Each
 * row holds what is printed and the code computed from it.
 */
import {
  certificatesToIssue,
  type CertificateIssueOptions,
  type WinnerForCertificate,
} from '@core/documents/certificate-issue.ts';
import { certificateSuperiorOf } from '@core/documents/document-settings.ts';
import { civilDateOf } from '@core/documents/place-and-date.ts';
import { docLine } from '@core/documents/text.ts';
import type { Actor, Deps } from '../../context.ts';
import type { ContestRow } from '../../db/schema.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { settingsOf } from '../contests/load-contest.ts';
import { lockContestPaperwork } from '../budget/budget-lock.ts';
import { certificateCode, certificateKeyId } from './certificate-code.ts';
import { CERTIFICATE_ISSUER } from './certificate-rows.ts';
import { loadDocumentSettings } from '../documents/document-settings-facts.ts';

export async function storeCertificates(
  deps: Deps,
  actor: Actor,
  contest: ContestRow,
  allocationVersion: number,
  winners: readonly WinnerForCertificate[],
  options: CertificateIssueOptions,
): Promise<{ issued: number; total: number }> {
  const settings = settingsOf(contest);
  const now = deps.clock();
  const today = civilDateOf(now, settings.timeZone);
  const issuedOn = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
  return deps.db.transaction().execute(async (trx) => {
    await lockContestPaperwork(trx, deps.dialect, contest.id);
    const existing = await trx
      .selectFrom('certificates')
      .select(['prize_index', 'place', 'entry_id', 'status', 'year', 'seq'])
      .where('contest_id', '=', contest.id)
      .execute();
    const toIssue = certificatesToIssue(
      winners,
      existing.map((c) => ({ prizeIndex: c.prize_index, place: c.place, entryId: c.entry_id, status: c.status })),
      existing.filter((c) => c.year === today.year).map((c) => c.seq),
      CERTIFICATE_ISSUER.abbr,
    );
    // The stored details, unless this issuance gives its own; the default signer is the committee's head.
    const { settings: doc, committeeHead } = await loadDocumentSettings(trx, contest.id);
    const signer = docLine(options.signer ?? '') || doc.committeeSigner.fullName || docLine(committeeHead ?? '');
    const superior = docLine(options.superior ?? '') || certificateSuperiorOf(doc);
    const place = docLine(options.place ?? '') || doc.place;
    const keyId = certificateKeyId(deps.keys);
    for (const c of toIssue) {
      const printed = {
        number: c.number,
        recipient: docLine(c.recipient.name),
        entryCode: docLine(c.winner.entry.code),
        prizeName: docLine(c.winner.prize.name),
      };
      const code = certificateCode(deps.keys, { contestId: contest.id, issuedOn, ...printed });
      await trx
        .insertInto('certificates')
        .values({
          contest_id: contest.id,
          year: today.year,
          seq: c.seq,
          number: printed.number,
          code,
          key_id: keyId,
          allocation_version: allocationVersion,
          entry_id: c.winner.entry.entryId,
          prize_index: c.winner.prizeIndex,
          place: c.winner.place,
          recipient: printed.recipient,
          recipient_kind: c.recipient.kind,
          members_json: JSON.stringify(c.recipient.members.map(docLine)),
          unit_name: docLine(c.recipient.unitName),
          entry_code: printed.entryCode,
          entry_title: docLine(c.winner.entry.title),
          prize_name: printed.prizeName,
          issued_on: issuedOn,
          superior_body: superior || null,
          place_name: place,
          signer_name: signer,
          signer_collective: doc.committeeSigner.collective,
          signer_deputy_for: doc.committeeSigner.deputyFor,
          signer_position: doc.committeeSigner.position,
          status: 'valid',
          created_by: actor.userId,
          created_at: now.toISOString(),
        })
        .execute();
    }
    await appendAudit(trx, deps, actor, {
      action: 'certificates.issued',
      contestId: contest.id,
      target: `contest:${contest.id}`,
      details: { version: allocationVersion, issued: toIssue.length, numbers: toIssue.map((c) => c.number) },
    });
    return { issued: toIssue.length, total: existing.length + toIssue.length };
  });
}
