/**
 * The committee orders entries tied at a prize boundary, with its reason. The decision must fit a tie the allocation
 * finds now (exactly its entries); it is recorded (never updated: a later one on the same tie replaces it) and a
 * draft is recomputed with it at once. On an approved allocation it waits for a reopening; after announcement it
 * takes effect through an amendment.
 */
import { allocatePrizes } from '@core/awards/allocation.ts';
import { UNUSED_DECISION_TEXT } from '@core/awards/messages.ts';
import type { BreakTie } from '@core/awards/committee-decisions.ts';
import { AppError } from '@core/errors.ts';
import { reasonLongEnough } from '@core/awards/inputs.ts';
import type { Actor, Deps } from '../../context.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { loadContest } from '../contests/load-contest.ts';
import { inputsHash, loadAwardFacts } from './allocation-facts.ts';
import { entryCodes, lockAwards } from './allocation-steps.ts';

export async function recordTieDecision(
  deps: Deps,
  actor: Actor,
  slug: string,
  decision: BreakTie,
): Promise<{ decisionId: number; complete: boolean; openTies: number }> {
  const contest = await loadContest(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'awards.decide');
  if (!reasonLongEnough(decision.reason)) throw new AppError('awards.reasonTooShort');
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockAwards(trx, deps, contest.id);
    const f = await loadAwardFacts(trx, { id: contest.id }, deps.clock());
    if (!f.judgingLocked) throw new AppError('awards.judgingNotLocked');
    if (f.stored?.row.state === 'approved') throw new AppError('awards.alreadyApproved');
    const input = { ...f.input, decisions: [...f.input.decisions, decision] };
    const after = allocatePrizes(input);
    const unused = after.unused.find((u) => u.decision === decision);
    if (unused) throw new AppError('awards.decisionDoesNotApply', { why: UNUSED_DECISION_TEXT[unused.reason] });
    const row = await trx
      .insertInto('award_decisions')
      .values({
        contest_id: contest.id,
        kind: 'breakTie',
        payload_json: JSON.stringify(decision),
        reason: decision.reason,
        decided_by: actor.userId,
        decided_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (f.stored?.row.state === 'draft')
      await trx
        .updateTable('award_allocations')
        .set({ result_json: JSON.stringify(after), inputs_sha256: inputsHash(input) })
        .where('id', '=', f.stored.row.id)
        .execute();
    const codes = await entryCodes(trx, decision.order);
    await appendAudit(trx, deps, actor, {
      action: 'awards.tieDecision',
      contestId: contest.id,
      target: `award_tie:${contest.id}:${decision.tieId}`,
      details: { tieId: decision.tieId, order: decision.order.map((id) => codes.get(id)), reason: decision.reason },
    });
    return { decisionId: row.id, complete: after.complete, openTies: after.openTies.length };
  });
}
