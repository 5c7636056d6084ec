/** Where the present stands against a contest's voting window (its `public_voting` phase). */
export type VotingState =
  | { kind: 'none' }
  | { kind: 'before'; startsAt: string; endsAt: string }
  | { kind: 'open'; startsAt: string; endsAt: string }
  | { kind: 'after'; startsAt: string; endsAt: string };

interface PhaseLike {
  kind: string;
  startsAt: string;
  endsAt: string;
}

/** Written here rather than taken from core/voting, whose modules would bring zod into the public pages. */
export function votingState(phases: readonly PhaseLike[], now: Date): VotingState {
  const p = phases.find((x) => x.kind === 'public_voting');
  if (!p) return { kind: 'none' };
  const t = now.getTime();
  const w = { startsAt: p.startsAt, endsAt: p.endsAt };
  if (t < Date.parse(p.startsAt)) return { kind: 'before', ...w };
  if (t >= Date.parse(p.endsAt)) return { kind: 'after', ...w };
  return { kind: 'open', ...w };
}
