/**
 * A juror declares a conflict of interest with an entry of their round, with a reason. From then on they never see or
 * score it, in any round, and a score they saved does not count. Declaring twice keeps the first declaration.
 */
import { AppError } from '@core/errors.ts';
import { blockReasonOk } from '@core/judging/round-state.ts';
import type { Actor, Deps } from '../../context.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resolveRef } from './entry-refs.ts';
import { loadRoundFacts, pairKey } from './round-facts.ts';

export async function declareConflict(
  deps: Deps,
  actor: Actor,
  roundId: number,
  ref: string,
  reason: string,
): Promise<void> {
  const a = await roundAccess(deps, actor, roundId, 'juror');
  if (a.round.state === 'draft') throw new AppError('judging.roundNotOpen', { round: a.round.name });
  const f = await loadRoundFacts(deps.db, a.round);
  const entryId = resolveRef(f, a.settings, ref);
  // Only an entry the juror may see: otherwise the answer would tell them the entry is in the round.
  if (!f.assigned.has(pairKey(a.actorId, entryId)) && f.blocks.get(a.actorId, entryId) === null)
    throw new AppError('judging.notAssigned', { round: a.round.name, entry: ref });
  const ok = blockReasonOk(reason);
  if (!ok.ok) throw new AppError(ok.code, ok.params);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('judging_blocks')
        .values({
          contest_id: a.contest.id,
          entry_id: entryId,
          juror_user_id: a.actorId,
          kind: 'declared',
          reason,
          by_user_id: a.actorId,
          created_at: deps.clock().toISOString(),
          withdrawn_at: null,
          withdrawn_by: null,
          withdraw_reason: null,
        })
        .execute();
      await appendAudit(trx, deps, actor, {
        action: 'judging.conflictDeclare',
        contestId: a.contest.id,
        target: `entry:${entryId}`,
        details: { roundId, ref, reason },
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
}
