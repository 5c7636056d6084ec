/**
 * The committee announces the approved allocation: its winners are written for the results, certificates and lists.
 * Refused if the facts changed since approval (a winner withdrew, a score was reopened): reopen, propose, approve.
 */
import { allocationStep } from '@core/awards/allocation-state.ts';
import { AppError } from '@core/errors.ts';
import type { Actor, Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { loadContest } from '../contests/load-contest.ts';
import { loadAwardFacts, stepFacts } from './allocation-facts.ts';
import { lockAwards, refuse, writeWinners } from './allocation-steps.ts';

export async function announceResults(
  deps: Deps,
  actor: Actor,
  slug: string,
): Promise<{ version: number; state: 'announced'; winners: number }> {
  const contest = await loadContest(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'awards.decide');
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockAwards(trx, deps, contest.id);
    const f = await loadAwardFacts(trx, { id: contest.id }, deps.clock());
    const step = allocationStep('announce', stepFacts(f));
    if (!step.ok) refuse(step);
    const { row, allocation } = f.stored!;
    const done = await trx
      .updateTable('award_allocations')
      .set({ state: 'announced', announced_by: actor.userId, announced_at: at })
      .where('id', '=', row.id)
      .where('state', '=', 'approved')
      .executeTakeFirst();
    if (changedRows(done) !== 1) throw new AppError('awards.alreadyAnnounced');
    const winners = await writeWinners(trx, contest.id, row.version, allocation);
    await appendAudit(trx, deps, actor, {
      action: 'awards.announce',
      contestId: contest.id,
      target: `award_allocation:${contest.id}:${row.version}`,
      details: { version: row.version, winners },
    });
    return { version: row.version, state: 'announced', winners };
  });
}
