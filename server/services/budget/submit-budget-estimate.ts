import type { Actor, Deps } from '../../context.ts';
import { applyBudgetStep } from './apply-budget-step.ts';

/** Phòng Nội vụ submits the estimate to finance for appraisal; the prize section is frozen as submitted. */
export function submitBudgetEstimate(deps: Deps, actor: Actor, slug: string) {
  return applyBudgetStep(deps, actor, slug, 'submit');
}
