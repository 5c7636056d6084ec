import { resolveVotingSettings, type VotingSettings } from '@core/voting/settings.ts';
import { votingPhase } from '@core/voting/vote-window.ts';
import type { Phase } from '@core/phases.ts';
import { AppError } from '@core/errors.ts';
import type { Kysely } from 'kysely';
import type { Tx } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { currentContest, keptContest, type CurrentContest } from '../contests/current-contest.ts';
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
  return votingContestOf(await loadContest(db, ref));
}

function votingContestOf(contest: LoadedContest): VotingContest {
  return {
    contest,
    settings: resolveVotingSettings(contest.settings.voting),
    timeZone: contest.settings.timeZone,
    window: votingPhase(contest.phases),
  };
}

/** A voting view of the contest as this process keeps it, with the version it was read at. */
export type KeptVotingContest = VotingContest & { version: number };

/** By contest as read (one per version): its voting view. */
const views = new WeakMap<CurrentContest, KeptVotingContest>();

function viewOf(current: CurrentContest): KeptVotingContest {
  let view = views.get(current);
  if (!view) views.set(current, (view = { ...votingContestOf(current.loaded), version: current.version }));
  return view;
}

/**
 * `loadVotingContest` for a vote, kept per process with the contest (current-contest.ts): read again only when the
 * contest's version changed. The result is shared: callers must not change it.
 */
export async function currentVotingContest(deps: { db: Kysely<DB> }, slug: string): Promise<KeptVotingContest> {
  const current = await currentContest(deps.db, slug);
  if (!current) throw new AppError('contest.notFound');
  return viewOf(current);
}

/** The voting view of the contest as this process last read it, unchecked (current-contest.ts `keptContest`). */
export function keptVotingContest(deps: { db: Kysely<DB> }, slug: string): KeptVotingContest | undefined {
  const current = keptContest(deps.db, slug);
  return current && viewOf(current);
}
