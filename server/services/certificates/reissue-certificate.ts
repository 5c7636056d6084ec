import { z } from 'zod';
import { decisionReasonSchema } from '@core/awards/committee-decisions.ts';
import { certificateNumber } from '@core/documents/certificate-number.ts';
import { civilDateOf } from '@core/documents/place-and-date.ts';
import { docLine } from '@core/documents/text.ts';
import { AppError } from '@core/errors.ts';
import type { Actor, Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';
import { decodeCertificateMembers } from '../../db/json-columns.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import { lockContestPaperwork } from '../budget/budget-lock.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { certificateCode, certificateKeyId } from './certificate-code.ts';
import { CERTIFICATE_ISSUER } from './certificate-rows.ts';

const nameLine = z.string().transform(docLine).pipe(z.string().min(2).max(300));

export const reissueCertificateSchema = z.object({
  /** The recipient as it should be printed (a corrected name). */
  recipient: nameLine,
  /** A group's members as they should be printed; omitted: as on the old certificate. */
  members: z.array(nameLine).max(30).optional(),
  reason: decisionReasonSchema,
});
export type ReissueInput = z.infer<typeof reissueCertificateSchema>;

/**
 * Reissues a valid certificate with corrected names: a new row with the next number of the year and a new code, and
 * the old one marked replaced, pointing to the new one, so that its verification page names the new number. The
 * old number is never given again. Under the contest's paperwork lock, like issuing, so numbers never collide.
 */
export async function reissueCertificate(deps: Deps, actor: Actor, slug: string, id: number, input: ReissueInput) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'documents.generate');
  const now = deps.clock();
  const today = civilDateOf(now, settingsOf(contest).timeZone);
  const issuedOn = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
  return deps.db.transaction().execute(async (trx) => {
    await lockContestPaperwork(trx, deps.dialect, contest.id);
    const old = await trx
      .selectFrom('certificates')
      .selectAll()
      .where('id', '=', id)
      .where('contest_id', '=', contest.id)
      .executeTakeFirst();
    if (!old) throw new AppError('certificates.notFound');
    if (old.status !== 'valid') throw new AppError('certificates.notValid');
    const used = await trx
      .selectFrom('certificates')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('contest_id', '=', contest.id)
      .where('year', '=', today.year)
      .executeTakeFirst();
    const seq = Number(used?.seq ?? 0) + 1;
    const number = certificateNumber(seq, CERTIFICATE_ISSUER.abbr);
    const members = input.members ?? decodeCertificateMembers(old.members_json);
    const code = certificateCode(deps.keys, {
      contestId: contest.id,
      issuedOn,
      number,
      recipient: input.recipient,
      entryCode: old.entry_code,
      prizeName: old.prize_name,
    });
    const { id: _old, ...copy } = old;
    const inserted = await trx
      .insertInto('certificates')
      .values({
        ...copy,
        year: today.year,
        seq,
        number,
        code,
        key_id: certificateKeyId(deps.keys),
        recipient: input.recipient,
        members_json: JSON.stringify(members),
        issued_on: issuedOn,
        status: 'valid',
        replaced_by_id: null,
        revoked_reason: null,
        revoked_at: null,
        created_by: actor.userId,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const newId = Number(inserted.id);
    const changed = changedRows(
      await trx
        .updateTable('certificates')
        .set({ status: 'replaced', replaced_by_id: newId, revoked_reason: input.reason, revoked_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'valid')
        .executeTakeFirst(),
    );
    if (changed === 0) throw new AppError('certificates.notValid');
    await appendAudit(trx, deps, actor, {
      action: 'certificates.reissued',
      contestId: contest.id,
      target: `certificate:${id}`,
      details: {
        number: old.number,
        newNumber: number,
        reason: input.reason,
        recipient: { before: old.recipient, after: input.recipient },
      },
    });
    return { id: newId, number, replaced: old.number };
  });
}
