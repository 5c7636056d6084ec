import type { Actor, Deps } from '../../context.ts';
import { applyBudgetStep } from './apply-budget-step.ts';

/** Finance (Phòng Tài chính - Kế hoạch) approves the submitted estimate; it is frozen from then on. */
export function approveBudgetEstimate(deps: Deps, actor: Actor, slug: string) {
  return applyBudgetStep(deps, actor, slug, 'approve');
}
