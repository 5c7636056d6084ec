import { resolveVotingSettings, type VotingSettings } from '@core/voting/settings.ts';
import { votingPhase } from '@core/voting/vote-window.ts';
import type { Phase } from '@core/phases.ts';
import type { Tx } from '../../db/dialect.ts';
import { loadContest, type LoadedContest } from '../contests/load-contest.ts';

export interface VotingContest {
  contest: LoadedContest;
  settings: VotingSettings;
  timeZone: string;
  /** The `public_voting` phase, or null when the contest has none. */
  window: Phase | null;
}

/** A contest with its voting settings in force (stored or the defaults) and its voting window. */
export async function loadVotingContest(db: Tx, ref: { slug: string } | { id: number }): Promise<VotingContest> {
  const contest = await loadContest(db, ref);
  return {
    contest,
    settings: resolveVotingSettings(contest.settings.voting),
    timeZone: contest.settings.timeZone,
    window: votingPhase(contest.phases),
  };
}
