/**
 * Deciding and publishing the result of the public vote: the committee's choice when the tie rule cannot settle a
 * tie for a prize place, and the checks before the result is published as final.
 */
import { problem, type VotingProblem } from './messages.ts';
import type { Outcome } from './results.ts';

export const MIN_TIE_RECORD = 10;

/**
 * Whether the committee may record this choice: voting must be over, the outcome without a decision must need one,
 * and the choice must name exactly the open places among the tied entries, with the reason written down.
 */
export function tieDecisionProblem(input: {
  votingEndsAt: string | null;
  now: Date;
  publishedAt: string | null;
  undecided: Outcome;
  chosen: readonly string[];
  record: string;
}): VotingProblem | null {
  const { undecided: o } = input;
  if (input.publishedAt) return problem('results.alreadyPublished', { at: new Date(input.publishedAt) });
  if (input.votingEndsAt === null || input.now.getTime() < Date.parse(input.votingEndsAt)) {
    return problem('results.votingOpen', { end: input.votingEndsAt ? new Date(input.votingEndsAt) : '—' });
  }
  if (o.kind !== 'committeeNeeded') return problem('tie.notNeeded');
  const chosen = new Set(input.chosen);
  if (chosen.size !== o.places || chosen.size !== input.chosen.length || input.chosen.some((e) => !o.tied.includes(e)))
    return problem('tie.invalidChoice', { places: o.places, entries: o.tied.join(', ') });
  if (input.record.trim().length < MIN_TIE_RECORD) return problem('tie.reasonRequired', { min: MIN_TIE_RECORD });
  return null;
}

/**
 * Whether the result may be published: voting is over, no vote is still held for review, the most-voted entries are
 * decided (by the count, the tie rule or the committee), and it was not published before.
 */
export function publishProblem(input: {
  votingEndsAt: string | null;
  now: Date;
  publishedAt: string | null;
  quarantined: number;
  outcome: Outcome;
}): VotingProblem | null {
  if (input.publishedAt) return problem('results.alreadyPublished', { at: new Date(input.publishedAt) });
  if (input.votingEndsAt === null || input.now.getTime() < Date.parse(input.votingEndsAt)) {
    return problem('results.votingOpen', { end: input.votingEndsAt ? new Date(input.votingEndsAt) : '—' });
  }
  if (input.quarantined > 0) return problem('results.quarantinePending', { count: input.quarantined });
  if (input.outcome.kind === 'committeeNeeded')
    return problem('results.committeeNeeded', { entries: input.outcome.tied.join(', ') });
  return null;
}
