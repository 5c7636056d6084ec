/** The chair reopens a locked round, with a reason, while the next round is still in draft. Audited. */
import { AppError } from '@core/errors.ts';
import { reopenRound } from '@core/judging/round-state.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { forUpdate } from './row-locks.ts';

export async function reopenJudgingRound(deps: Deps, actor: Actor, roundId: number, reason: string): Promise<void> {
  const a = await roundAccess(deps, actor, roundId, 'chair');
  const at = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const round = await forUpdate(
      trx.selectFrom('judging_rounds').select(['state', 'name', 'position']).where('id', '=', roundId),
      deps.dialect,
    ).executeTakeFirstOrThrow();
    const next = await trx
      .selectFrom('judging_rounds')
      .select(['name', 'state'])
      .where('contest_id', '=', a.contest.id)
      .where('position', '=', round.position + 1)
      .executeTakeFirst();
    const step = reopenRound({
      name: round.name,
      state: round.state,
      actor: { isChair: a.isChair, isOrganizer: a.mayManage },
      reason,
      next: next ?? null,
    });
    if (!step.ok) throw new AppError(step.code, step.params);
    await trx
      .updateTable('judging_rounds')
      .set({ state: 'open', locked_at: null, updated_at: at })
      .where('id', '=', roundId)
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'judging.roundReopen',
      contestId: a.contest.id,
      target: `judging_round:${roundId}`,
      details: { name: round.name, reason },
    });
  });
}
