import { AppError } from '@core/errors.ts';
import type { Outcome } from '@core/voting/results.ts';
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
 * written down, for the platform's count or for the fanpage's confirmed figures (the fanpage has no instant at which
 * an entry reached its count, so a tie there always needs the committee). Only after voting closed and before the
 * result is published; a new decision replaces the last one. Audited; the reason is shown with the result.
 */
export async function recordTieDecision(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: { chosen: string[]; record: string; source?: 'platform' | 'fanpage' },
): Promise<{ winners: string[] }> {
  const source = input.source ?? 'platform';
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'contest.edit');
  const undecided = await getVotingResults(deps, slug, { committeeDecision: false });
  const outcome = source === 'platform' ? undecided.mostVoted : outcomeOf(undecided.prize?.fanpage?.outcome);
  const record = input.record.trim().normalize('NFC');
  const refusal = tieDecisionProblem({
    votingEndsAt: v.window?.endsAt ?? null,
    now: deps.clock(),
    publishedAt: undecided.published?.at ?? null,
    undecided: outcome ?? { kind: 'noVotes' },
    chosen: input.chosen,
    record,
  });
  if (refusal) throw votingError(refusal, v.timeZone);
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
      .values({ contest_id: v.contest.id, source, ...row })
      .onConflict((oc) => oc.columns(['contest_id', 'source']).doUpdateSet(row))
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'voting.tieDecision',
      contestId: v.contest.id,
      target: `contest:${v.contest.id}`,
      details: { source, tied: outcome.tied, chosen: input.chosen, record },
    });
  });
  return { winners: [...outcome.winners, ...input.chosen] };
}

/** The fanpage's outcome is `pending` until its figures are confirmed: no tie to decide then. */
function outcomeOf(o: Outcome | { kind: 'pending' } | undefined): Outcome | null {
  return !o || o.kind === 'pending' ? null : o;
}
