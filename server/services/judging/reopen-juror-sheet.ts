/** The chair gives a juror's submitted sheet back to them, with a reason, while the round is open. Audited. */
import { AppError } from '@core/errors.ts';
import { reopenSheet } from '@core/judging/round-state.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { forUpdate } from './row-locks.ts';

export async function reopenJurorSheet(
  deps: Deps,
  actor: Actor,
  roundId: number,
  jurorUserId: number,
  reason: string,
): Promise<void> {
  const a = await roundAccess(deps, actor, roundId, 'chair');
  await deps.db.transaction().execute(async (trx) => {
    const round = await forUpdate(
      trx.selectFrom('judging_rounds').select(['state', 'name']).where('id', '=', roundId),
      deps.dialect,
    ).executeTakeFirstOrThrow();
    const juror = await forUpdate(
      trx
        .selectFrom('judging_round_jurors')
        .innerJoin('users', 'users.id', 'judging_round_jurors.user_id')
        .select(['submitted_at', 'full_name'])
        .where('round_id', '=', roundId)
        .where('user_id', '=', jurorUserId),
      deps.dialect,
    ).executeTakeFirst();
    if (!juror) throw new AppError('judging.notRoundJuror', { round: round.name });
    const check = reopenSheet({
      roundName: round.name,
      roundState: round.state,
      actor: { isChair: a.isChair, isOrganizer: a.mayManage },
      submitted: juror.submitted_at !== null,
      jurorLabel: juror.full_name,
      reason,
    });
    if (!check.ok) throw new AppError(check.code, check.params);
    await trx
      .updateTable('judging_round_jurors')
      .set({ submitted_at: null, submitted_by: null })
      .where('round_id', '=', roundId)
      .where('user_id', '=', jurorUserId)
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'judging.sheetReopen',
      contestId: a.contest.id,
      target: `judging_round:${roundId}`,
      details: { jurorUserId, reason },
    });
  });
}
