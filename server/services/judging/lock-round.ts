/**
 * The chair (or the organizer) locks a round: no score changes after it. Jurors who have not submitted are named in
 * the warnings and their drafts do not count.
 */
import { AppError } from '@core/errors.ts';
import { lockRound } from '@core/judging/round-state.ts';
import type { Problem } from '@core/judging/messages.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { forUpdate } from './row-locks.ts';

export async function lockJudgingRound(deps: Deps, actor: Actor, roundId: number): Promise<{ warnings: Problem[] }> {
  const a = await roundAccess(deps, actor, roundId, 'chairOrManager');
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const round = await forUpdate(
      trx.selectFrom('judging_rounds').select(['state', 'name']).where('id', '=', roundId),
      deps.dialect,
    ).executeTakeFirstOrThrow();
    const jurors = await trx
      .selectFrom('judging_round_jurors')
      .innerJoin('users', 'users.id', 'judging_round_jurors.user_id')
      .select(['user_id', 'full_name', 'submitted_at'])
      .where('round_id', '=', roundId)
      .execute();
    const names = new Map(jurors.map((j) => [j.user_id, j.full_name]));
    const step = lockRound({
      name: round.name,
      state: round.state,
      actor: { isChair: a.isChair, isOrganizer: a.mayManage },
      jurors: jurors.map((j) => ({ jurorId: j.user_id, submitted: j.submitted_at !== null })),
      jurorLabel: (id) => names.get(id) ?? `#${id}`,
    });
    if (!step.ok) throw new AppError(step.code, step.params, { problems: step.problems });
    await trx
      .updateTable('judging_rounds')
      .set({ state: 'locked', locked_at: at, updated_at: at })
      .where('id', '=', roundId)
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'judging.roundLock',
      contestId: a.contest.id,
      target: `judging_round:${roundId}`,
      details: { name: round.name, notSubmitted: step.warnings.map((w) => w.jurorId) },
    });
    return { warnings: step.warnings };
  });
}
