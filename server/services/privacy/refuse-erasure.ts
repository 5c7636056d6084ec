/**
 * Staff answer a request without erasing, with the reason the law allows (for example, data the office must keep
 * for a complaint in progress); the person is told the reason. Audited.
 */
import { AppError } from '@core/errors.ts';
import { requireSiteAdmin } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { changedRows } from '../../db/dialect.ts';
import type { Actor, Deps } from '../../context.ts';
import { tellErasureOutcome } from './tell-erasure-outcome.ts';

export async function refuseErasure(deps: Deps, actor: Actor, requestId: number, reasonIn: string): Promise<void> {
  requireSiteAdmin(actor);
  const reason = reasonIn.normalize('NFC').trim();
  if (reason.length < 10) throw new AppError('privacy.refuseReasonRequired');
  const req = await deps.db
    .selectFrom('erasure_requests as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.user_id', 'r.status', 'u.email', 'u.locale'])
    .where('r.id', '=', requestId)
    .executeTakeFirst();
  if (!req) throw new AppError('privacy.erasureNotFound');
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('erasure_requests')
      .set({
        status: 'refused',
        handled_by_user_id: actor.userId,
        handled_at: deps.clock().toISOString(),
        staff_reason: reason,
      })
      .where('id', '=', requestId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (changedRows(done) !== 1) throw new AppError('privacy.erasureHandled');
    await appendAudit(trx, deps, actor, {
      action: 'privacy.erasureRefuse',
      contestId: null,
      target: `user:${req.user_id}`,
      details: { request: requestId, reason },
    });
  });
  await tellErasureOutcome(deps, { email: req.email, locale: req.locale }, { kind: 'refused', reason });
}
