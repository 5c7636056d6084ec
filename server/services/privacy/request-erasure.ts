/**
 * A person asks for their personal data to be erased (Luật 91/2025/QH15). The request waits in the staff's queue
 * with its deadline (`ERASURE_DEADLINE_HOURS`); one at a time per person. The current password is asked, so that a
 * session left open on a shared computer cannot erase someone.
 */
import { AppError } from '@core/errors.ts';
import { erasureDueAt } from '@core/privacy-erasure.ts';
import { requireLogin } from '../access/authorize.ts';
import { checkCurrentPassword } from '../accounts/check-current-password.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { Actor, Deps } from '../../context.ts';
import { presentErasureRequest, type ErasureRequestView } from './present-erasure-request.ts';

export async function requestErasure(
  deps: Deps,
  actor: Actor,
  input: { password: string; note?: string },
): Promise<ErasureRequestView> {
  requireLogin(actor);
  await checkCurrentPassword(deps, actor.userId, input.password);
  const now = deps.clock();
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('erasure_requests')
        .values({
          user_id: actor.userId,
          requested_at: now.toISOString(),
          due_at: erasureDueAt(now, deps.config.erasureDeadlineHours).toISOString(),
          status: 'pending',
          note: (input.note ?? '').normalize('NFC').trim(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, deps, actor, {
        action: 'privacy.erasureRequest',
        contestId: null,
        target: `user:${actor.userId}`,
        details: { request: row.id },
      });
      return row.id;
    });
    const row = await deps.db.selectFrom('erasure_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return presentErasureRequest(row, now);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('privacy.erasurePending');
    throw err;
  }
}
