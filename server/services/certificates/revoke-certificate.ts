import { z } from 'zod';
import { decisionReasonSchema } from '@core/awards/committee-decisions.ts';
import { AppError } from '@core/errors.ts';
import type { Actor, Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow } from '../contests/load-contest.ts';

export const revokeCertificateSchema = z.object({ reason: decisionReasonSchema });

/**
 * Revokes a certificate (a prize revoked, a certificate printed in error): its verification page says so from then
 * on, with the date and the reason. Its number is never given again.
 */
export async function revokeCertificate(deps: Deps, actor: Actor, slug: string, id: number, reason: string) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'documents.generate');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('certificates')
      .select(['id', 'number', 'status'])
      .where('id', '=', id)
      .where('contest_id', '=', contest.id)
      .executeTakeFirst();
    if (!row) throw new AppError('certificates.notFound');
    const at = deps.clock().toISOString();
    const changed = changedRows(
      await trx
        .updateTable('certificates')
        .set({ status: 'revoked', revoked_reason: reason, revoked_at: at })
        .where('id', '=', id)
        .where('status', '=', 'valid')
        .executeTakeFirst(),
    );
    if (changed === 0) throw new AppError('certificates.notValid');
    await appendAudit(trx, deps, actor, {
      action: 'certificates.revoked',
      contestId: contest.id,
      target: `certificate:${id}`,
      details: { number: row.number, reason },
    });
    return { status: 'revoked' as const };
  });
}
