import { AppError } from '@core/errors.ts';
import { tieDecisionProblem } from '@core/voting/publication.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { getVotingResults } from './get-voting-results.ts';
import { votingError } from './voting-errors.ts';
import { loadVotingContest } from './voting-contest.ts';

/**
 * The organizer records the committee's decision on a tie for a prize place that the tie rule cannot settle (the
 * `committee` rule, or entries that reached the same count at the same instant), with its reason and where it is
 * written down. Only after voting closed and before the result is published; a new decision replaces the last one.
 * Audited; the reason is shown with the result.
 */
export async function recordTieDecision(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: { chosen: string[]; record: string },
): Promise<{ winners: string[] }> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'contest.edit');
  const undecided = await getVotingResults(deps, slug, { committeeDecision: false });
  const record = input.record.trim().normalize('NFC');
  const refusal = tieDecisionProblem({
    votingEndsAt: v.window?.endsAt ?? null,
    now: deps.clock(),
    publishedAt: undecided.published?.at ?? null,
    undecided: undecided.mostVoted ?? { kind: 'noVotes' },
    chosen: input.chosen,
    record,
  });
  if (refusal) throw votingError(refusal, v.timeZone);
  const outcome = undecided.mostVoted;
  if (outcome?.kind !== 'committeeNeeded') throw new AppError('internal');
  const row = {
    tied_json: JSON.stringify(outcome.tied),
    chosen_json: JSON.stringify(input.chosen),
    record,
    decided_by: actor.userId,
    decided_at: deps.clock().toISOString(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('voting_tie_decisions')
      .values({ contest_id: v.contest.id, source: 'platform', ...row })
      .onConflict((oc) => oc.columns(['contest_id', 'source']).doUpdateSet(row))
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'voting.tieDecision',
      contestId: v.contest.id,
      target: `contest:${v.contest.id}`,
      details: { tied: outcome.tied, chosen: input.chosen, record },
    });
  });
  return { winners: [...outcome.winners, ...input.chosen] };
}
