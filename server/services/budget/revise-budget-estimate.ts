import type { Actor, Deps } from '../../context.ts';
import { applyBudgetStep } from './apply-budget-step.ts';

/** An approved estimate that must change (the prize structure changed, a cost was missed) opens a new revision. */
export function reviseBudgetEstimate(deps: Deps, actor: Actor, slug: string, reason: string) {
  return applyBudgetStep(deps, actor, slug, 'revise', reason);
}
