import type { Actor, Deps } from '../../context.ts';
import { applyBudgetStep } from './apply-budget-step.ts';

/** Finance returns the submitted estimate with its comments (at least 10 characters) for Phòng Nội vụ to correct. */
export function returnBudgetEstimate(deps: Deps, actor: Actor, slug: string, comments: string) {
  return applyBudgetStep(deps, actor, slug, 'return', comments);
}
