/**
 * Phòng Nội vụ (or the organizer) proposes the allocation: computed from the locked final round, the final vote,
 * the entries that left the contest and the committee's decisions so far. A draft is proposed again in place; an
 * approved allocation must be reopened first, an announced one changes only by a decision (amend).
 */
import { allocationStep } from '@core/awards/allocation-state.ts';
import type { Actor, Deps } from '../../context.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { loadContest } from '../contests/load-contest.ts';
import { loadAwardFacts, stepFacts } from './allocation-facts.ts';
import { lockAwards, refuse } from './allocation-steps.ts';

export async function proposeAllocation(
  deps: Deps,
  actor: Actor,
  slug: string,
): Promise<{ version: number; state: 'draft'; complete: boolean; openTies: number }> {
  const contest = await loadContest(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'awards.allocate');
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockAwards(trx, deps, contest.id);
    const f = await loadAwardFacts(trx, { id: contest.id }, deps.clock());
    const step = allocationStep('propose', stepFacts(f));
    if (!step.ok) refuse(step);
    const current = f.current!;
    const values = {
      state: 'draft' as const,
      result_json: JSON.stringify(current),
      inputs_sha256: f.inputsSha256,
      proposed_by: actor.userId,
      proposed_at: at,
    };
    let version: number;
    if (f.stored) {
      version = f.stored.row.version;
      await trx.updateTable('award_allocations').set(values).where('id', '=', f.stored.row.id).execute();
    } else {
      version = 1;
      await trx
        .insertInto('award_allocations')
        .values({ ...values, contest_id: contest.id, version })
        .execute();
    }
    await appendAudit(trx, deps, actor, {
      action: 'awards.propose',
      contestId: contest.id,
      target: `award_allocation:${contest.id}:${version}`,
      details: {
        version,
        finalRound: f.finalRound?.name ?? null,
        complete: current.complete,
        openTies: current.openTies.map((t) => t.tieId),
        inputsSha256: f.inputsSha256,
      },
    });
    return { version, state: 'draft', complete: current.complete, openTies: current.openTies.length };
  });
}
