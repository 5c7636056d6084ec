/**
 * The committee reopens an approved allocation, before announcement, giving the reason (recorded as a decision):
 * it becomes a draft again, to be proposed and approved anew.
 */
import { allocationStep } from '@core/awards/allocation-state.ts';
import { AppError } from '@core/errors.ts';
import { nfc } from '@core/normalize.ts';
import type { Actor, Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { loadContest } from '../contests/load-contest.ts';
import { loadAwardFacts, stepFacts } from './allocation-facts.ts';
import { lockAwards, refuse } from './allocation-steps.ts';

export async function reopenAllocation(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: { reason: string },
): Promise<{ version: number; state: 'draft' }> {
  const contest = await loadContest(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'awards.decide');
  const reason = nfc(input.reason.trim());
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockAwards(trx, deps, contest.id);
    const f = await loadAwardFacts(trx, { id: contest.id }, deps.clock());
    const step = allocationStep('reopen', stepFacts(f, reason));
    if (!step.ok) refuse(step);
    const row = f.stored!.row;
    const decision = await trx
      .insertInto('award_decisions')
      .values({
        contest_id: contest.id,
        kind: 'reopen',
        payload_json: JSON.stringify({ version: row.version }),
        reason,
        decided_by: actor.userId,
        decided_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const done = await trx
      .updateTable('award_allocations')
      .set({ state: 'draft', approved_by: null, approved_at: null })
      .where('id', '=', row.id)
      .where('state', '=', 'approved')
      .executeTakeFirst();
    if (changedRows(done) !== 1) throw new AppError('awards.notApproved');
    await appendAudit(trx, deps, actor, {
      action: 'awards.reopen',
      contestId: contest.id,
      target: `award_allocation:${contest.id}:${row.version}`,
      details: { version: row.version, reason, decision: decision.id },
    });
    return { version: row.version, state: 'draft' };
  });
}
