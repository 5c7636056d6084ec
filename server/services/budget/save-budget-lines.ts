import { AppError } from '@core/errors.ts';
import { budgetStep } from '@core/documents/budget-review.ts';
import type { CostLine } from '@core/documents/budget-estimate.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { loadBudgetFacts } from './budget-facts.ts';
import { ensureEstimate, lockContestPaperwork } from './budget-lock.ts';

/**
 * Replaces the cost lines (section II) of a draft or returned estimate. The prize section is not edited here: it
 * follows the prize structure. Audited with the totals before and after.
 */
export async function saveBudgetLines(
  deps: Deps,
  actor: Actor,
  slug: string,
  lines: readonly CostLine[],
): Promise<{ totalVnd: number }> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'budget.edit');
  const settings = settingsOf(contest);
  return deps.db.transaction().execute(async (trx) => {
    await lockContestPaperwork(trx, deps.dialect, contest.id);
    const before = await loadBudgetFacts(trx, contest.id, settings);
    const step = budgetStep('edit', { state: before.state, totalVnd: before.estimate.totalVnd, text: null });
    if (!step.ok) throw new AppError(step.problem);
    const at = deps.clock().toISOString();
    const id = await ensureEstimate(trx, contest.id, before.estimateId, actor.userId, at);
    await trx.deleteFrom('budget_lines').where('estimate_id', '=', id).execute();
    if (lines.length > 0)
      await trx
        .insertInto('budget_lines')
        .values(
          lines.map((l, i) => ({
            estimate_id: id,
            position: i + 1,
            category: l.category,
            description: l.description,
            unit: l.unit,
            quantity: l.quantity,
            unit_price_vnd: l.unitPriceVnd,
            note: l.note,
          })),
        )
        .execute();
    await trx
      .updateTable('budget_estimates')
      .set({ updated_by: actor.userId, updated_at: at })
      .where('id', '=', id)
      .execute();
    const after = await loadBudgetFacts(trx, contest.id, settings);
    await appendAudit(trx, deps, actor, {
      action: 'budget.linesSaved',
      contestId: contest.id,
      target: `budget:${id}`,
      details: {
        revision: after.revision,
        lines: lines.length,
        costTotalBefore: before.estimate.costTotalVnd,
        costTotal: after.estimate.costTotalVnd,
        total: after.estimate.totalVnd,
      },
    });
    return { totalVnd: after.estimate.totalVnd };
  });
}
