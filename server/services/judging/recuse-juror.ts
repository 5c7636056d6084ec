/**
 * The chair takes a juror off an entry, with a reason (contest-wide, as a declared conflict is). The recused juror
 * never sees or scores the entry again and a score they saved does not count. Audited.
 */
import { AppError } from '@core/errors.ts';
import { blockReasonOk } from '@core/judging/round-state.ts';
import type { Actor, Deps } from '../../context.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resolveRef } from './entry-refs.ts';
import { loadRoundFacts } from './round-facts.ts';

export async function recuseJuror(
  deps: Deps,
  actor: Actor,
  roundId: number,
  input: { jurorUserId: number; ref: string; reason: string },
): Promise<void> {
  const a = await roundAccess(deps, actor, roundId, 'chair');
  if (a.round.state === 'locked') throw new AppError('judging.roundLocked', { round: a.round.name });
  const f = await loadRoundFacts(deps.db, a.round);
  const entryId = resolveRef(f, a.settings, input.ref);
  if (!f.jurors.some((j) => j.userId === input.jurorUserId))
    throw new AppError('judging.notRoundJuror', { round: a.round.name });
  const ok = blockReasonOk(input.reason);
  if (!ok.ok) throw new AppError(ok.code, ok.params);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('judging_blocks')
        .values({
          contest_id: a.contest.id,
          entry_id: entryId,
          juror_user_id: input.jurorUserId,
          kind: 'recused',
          reason: input.reason,
          by_user_id: a.actorId,
          created_at: deps.clock().toISOString(),
          withdrawn_at: null,
          withdrawn_by: null,
          withdraw_reason: null,
        })
        .execute();
      await appendAudit(trx, deps, actor, {
        action: 'judging.recuse',
        contestId: a.contest.id,
        target: `entry:${entryId}`,
        details: { roundId, jurorUserId: input.jurorUserId, ref: input.ref, reason: input.reason },
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
}
