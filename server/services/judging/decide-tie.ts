/**
 * The chair breaks a tie on a locked round: an order of exactly the entries still tied at the chair's step of the tie
 * rules, with a reason; recorded (never updated: the latest fitting decision applies) and audited. A chair blocked
 * from one of the tied entries may not decide (`judging.chairConflicted`).
 */
import { AppError } from '@core/errors.ts';
import { mayDecideTie } from '@core/judging/round-state.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { entryRef, resolveRef } from './entry-refs.ts';
import { loadRoundFacts, rankRound } from './round-facts.ts';

export async function decideTie(
  deps: Deps,
  actor: Actor,
  roundId: number,
  input: { order: string[]; reason: string },
): Promise<void> {
  const a = await roundAccess(deps, actor, roundId, 'chair');
  const f = await loadRoundFacts(deps.db, a.round);
  const order = input.order.map((r) => resolveRef(f, a.settings, r));
  const { ranking } = await rankRound(deps.db, f, false);
  let tied: number[] = [];
  let value = NaN;
  for (const t of ranking.ties) {
    const step = t.steps.find((s) => s.rule.kind === 'chair' && !s.decision && s.entryIds.includes(order[0]!));
    if (step) {
      tied = step.entryIds;
      value = t.value;
      break;
    }
  }
  const check = mayDecideTie({
    roundName: a.round.name,
    roundState: a.round.state,
    actor: { isChair: a.isChair, isOrganizer: a.mayManage },
    tied: tied.map((entryId) => ({ entryId, label: entryRef(f, a.settings, entryId) })),
    order,
    chairBlock: (e) => f.blocks.get(a.actorId, e),
    reason: input.reason,
  });
  if (!check.ok) throw new AppError(check.code, check.params);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('judging_tie_decisions')
      .values({
        round_id: roundId,
        value,
        entry_ids_json: JSON.stringify(order),
        reason: input.reason,
        decided_by: a.actorId,
        decided_at: deps.clock().toISOString(),
      })
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'judging.tieDecision',
      contestId: a.contest.id,
      target: `judging_round:${roundId}`,
      details: { value, order: input.order, entryIds: order, reason: input.reason },
    });
  });
}
