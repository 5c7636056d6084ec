/**
 * One step of the estimate's appraisal (core/documents/budget-review.ts): submit, approve, return with comments, or
 * revise an approved estimate into a new draft revision. Checked against the state read under the contest's lock,
 * recorded in `budget_reviews` with the total at that moment, and audited in the same transaction.
 */
import { AppError } from '@core/errors.ts';
import { budgetStep, type BudgetState } from '@core/documents/budget-review.ts';
import { nfc } from '@core/normalize.ts';
import type { Action } from '@core/roles.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { loadBudgetFacts, prizeSnapshot } from './budget-facts.ts';
import { ensureEstimate, lockContestPaperwork } from './budget-lock.ts';

export type AppraisalStep = 'submit' | 'approve' | 'return' | 'revise';

const ACTION_OF: Record<AppraisalStep, Action> = {
  submit: 'budget.edit',
  revise: 'budget.edit',
  approve: 'budget.review',
  return: 'budget.review',
};

export async function applyBudgetStep(
  deps: Deps,
  actor: Actor,
  slug: string,
  step: AppraisalStep,
  text: string | null = null,
): Promise<{ state: BudgetState; revision: number }> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, ACTION_OF[step]);
  const settings = settingsOf(contest);
  const note = text === null ? null : nfc(text).trim();
  return deps.db.transaction().execute(async (trx) => {
    await lockContestPaperwork(trx, deps.dialect, contest.id);
    const f = await loadBudgetFacts(trx, contest.id, settings);
    const result = budgetStep(step, { state: f.state, totalVnd: f.estimate.totalVnd, text: note });
    if (!result.ok) throw new AppError(result.problem);
    const at = deps.clock().toISOString();
    let id = await ensureEstimate(trx, contest.id, f.estimateId, actor.userId, at);
    let revision = f.revision;
    if (step === 'revise') {
      // A new revision starts as a draft with the approved one's lines; the approved one stays as it was appraised.
      revision += 1;
      const next = await trx
        .insertInto('budget_estimates')
        .values({ contest_id: contest.id, revision, state: 'draft', updated_by: actor.userId, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const lines = await trx.selectFrom('budget_lines').selectAll().where('estimate_id', '=', id).execute();
      if (lines.length > 0)
        await trx
          .insertInto('budget_lines')
          .values(lines.map(({ id: _id, ...l }) => ({ ...l, estimate_id: next.id })))
          .execute();
      id = next.id;
    } else {
      await trx
        .updateTable('budget_estimates')
        .set({
          state: result.next,
          updated_by: actor.userId,
          updated_at: at,
          ...(step === 'submit' ? { prize_lines_json: prizeSnapshot(settings) } : {}),
        })
        .where('id', '=', id)
        .execute();
    }
    await trx
      .insertInto('budget_reviews')
      .values({ estimate_id: id, step, text: note, total_vnd: f.estimate.totalVnd, actor_user_id: actor.userId, at })
      .execute();
    await appendAudit(trx, deps, actor, {
      action: `budget.${step}`,
      contestId: contest.id,
      target: `budget:${id}`,
      details: {
        revision,
        from: f.state,
        to: result.next,
        total: f.estimate.totalVnd,
        ...(note ? { text: note } : {}),
      },
    });
    return { state: result.next, revision };
  });
}
