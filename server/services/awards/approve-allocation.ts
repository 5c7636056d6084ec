/**
 * The committee approves the proposed allocation: only a draft, computed from the facts as they still are (nothing
 * changed since it was proposed), with no tie left open. Two approvals at once approve once.
 */
import { allocationStep } from '@core/awards/allocation-state.ts';
import { AppError } from '@core/errors.ts';
import type { Actor, Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { loadContest } from '../contests/load-contest.ts';
import { loadAwardFacts, stepFacts } from './allocation-facts.ts';
import { lockAwards, refuse } from './allocation-steps.ts';

export async function approveAllocation(
  deps: Deps,
  actor: Actor,
  slug: string,
): Promise<{ version: number; state: 'approved' }> {
  const contest = await loadContest(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'awards.decide');
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockAwards(trx, deps, contest.id);
    const f = await loadAwardFacts(trx, { id: contest.id }, deps.clock());
    const step = allocationStep('approve', stepFacts(f));
    if (!step.ok) refuse(step);
    const row = f.stored!.row;
    const done = await trx
      .updateTable('award_allocations')
      .set({ state: 'approved', approved_by: actor.userId, approved_at: at })
      .where('id', '=', row.id)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (changedRows(done) !== 1) throw new AppError('awards.alreadyApproved');
    await appendAudit(trx, deps, actor, {
      action: 'awards.approve',
      contestId: contest.id,
      target: `award_allocation:${contest.id}:${row.version}`,
      details: { version: row.version, inputsSha256: row.inputs_sha256 },
    });
    return { version: row.version, state: 'approved' };
  });
}
