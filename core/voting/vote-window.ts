/** Whether votes are taken now (the `public_voting` phase) and for this entry (published in the gallery). */
import type { Phase } from '../phases.ts';
import { problem, type VotingProblem } from './messages.ts';

export function votingPhase(phases: readonly Phase[]): Phase | null {
  return phases.find((p) => p.kind === 'public_voting') ?? null;
}

/** Null while the public_voting phase is open at `now` (start included, end excluded). */
export function voteWindowProblem(phases: readonly Phase[], now: Date): VotingProblem | null {
  const p = votingPhase(phases);
  if (!p) return problem('vote.unscheduled');
  const t = now.getTime();
  const start = new Date(p.startsAt);
  const end = new Date(p.endsAt);
  if (t < start.getTime()) return problem('vote.notOpen', { start, end });
  if (t >= end.getTime()) return problem('vote.closed', { end });
  return null;
}

/** The entry's place in the gallery, as `publications` records it (ADR 0014). */
export type PublicationState = 'unpublished' | 'published' | 'withdrawn';

export function entryVotableProblem(state: PublicationState): VotingProblem | null {
  if (state === 'published') return null;
  return problem(state === 'withdrawn' ? 'vote.entryWithdrawn' : 'vote.entryNotPublished');
}

/** Whether tallies may be shown to the public now: always when live, otherwise once the window has closed. */
export function talliesVisible(tallies: 'live' | 'at_end', phases: readonly Phase[], now: Date): boolean {
  if (tallies === 'live') return true;
  const p = votingPhase(phases);
  return !!p && now.getTime() >= Date.parse(p.endsAt);
}
