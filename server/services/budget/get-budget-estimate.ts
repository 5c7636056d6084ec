import { can } from '@core/roles.ts';
import type { Actor, Deps } from '../../context.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { loadBudgetFacts } from './budget-facts.ts';

/** The budget estimate with its appraisal history, and what the caller may do with it. */
export async function getBudgetEstimate(deps: Deps, actor: Actor, slug: string) {
  const contest = await findContestRow(deps.db, { slug });
  const roles = await authorize(deps, actor, contest.id, 'budget.view', { auditDenied: false });
  const f = await loadBudgetFacts(deps.db, contest.id, settingsOf(contest));
  const history = f.estimateId
    ? await deps.db
        .selectFrom('budget_reviews')
        .innerJoin('budget_estimates', 'budget_estimates.id', 'budget_reviews.estimate_id')
        .leftJoin('users', 'users.id', 'budget_reviews.actor_user_id')
        .select([
          'budget_reviews.step',
          'budget_reviews.text',
          'budget_reviews.total_vnd',
          'budget_reviews.at',
          'budget_estimates.revision',
          'users.full_name',
        ])
        .where('budget_estimates.contest_id', '=', contest.id)
        .orderBy('budget_reviews.id')
        .execute()
    : [];
  const principal = { isSiteAdmin: actor.isSiteAdmin, roles };
  return {
    revision: f.revision,
    state: f.state,
    stale: f.stale,
    updatedAt: f.updatedAt,
    lines: f.lines,
    estimate: f.estimate,
    history: history.map((h) => ({
      revision: h.revision,
      step: h.step,
      text: h.text,
      totalVnd: Number(h.total_vnd),
      at: h.at,
      by: h.full_name,
    })),
    canEdit: can(principal, 'budget.edit'),
    canReview: can(principal, 'budget.review'),
  };
}
