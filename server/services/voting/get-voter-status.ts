import type { VoteRule } from '@core/voting/settings.ts';
import { usableIdentityKinds } from '@core/voting/settings.ts';
import type { Deps } from '../../context.ts';
import { resolveVoter } from './voter-session.ts';
import { voterHash } from './voter-keys.ts';
import { loadVotingContest } from './voting-contest.ts';

export interface VoterStatus {
  /** Whether votes are taken now. */
  open: boolean;
  window: { startsAt: string; endsAt: string } | null;
  rule: VoteRule;
  identities: ('phone' | 'email')[];
  timeZone: string;
  /** The verified voter of this browser, by the masked form of their number or address; null until verified. */
  voter: { kind: 'phone' | 'email'; display: string } | null;
}

/** What the public vote sheet needs to know first: is voting open, how to verify, and is this browser verified. */
export async function getVoterStatus(
  deps: Deps,
  slug: string,
  cookies: { session: string | undefined; device: string | undefined },
): Promise<VoterStatus> {
  const v = await loadVotingContest(deps.db, { slug });
  const now = deps.clock();
  const device = cookies.device ? voterHash(deps, `device:${cookies.device}`) : null;
  const voter = await resolveVoter(deps, v.contest.id, cookies.session, device, now);
  const t = now.getTime();
  return {
    open: !!v.window && t >= Date.parse(v.window.startsAt) && t < Date.parse(v.window.endsAt),
    window: v.window && { startsAt: v.window.startsAt, endsAt: v.window.endsAt },
    rule: v.settings.rule,
    identities: usableIdentityKinds(v.settings),
    timeZone: v.timeZone,
    voter: voter && { kind: voter.kind, display: voter.display },
  };
}
