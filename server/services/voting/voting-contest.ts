import { resolveVotingSettings, type VotingSettings } from '@core/voting/settings.ts';
import { votingPhase } from '@core/voting/vote-window.ts';
import type { Phase } from '@core/phases.ts';
import { AppError } from '@core/errors.ts';
import type { DialectName, Tx } from '../../db/dialect.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
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

const contestVersion = preparedQuery((db: Tx, slug: string) =>
  db.selectFrom('contests').select(['id', 'version']).where('slug', '=', slug),
);

/** By database handle, by slug: the voting contest as last read, with the contest's version then. */
const kept = new WeakMap<object, Map<string, { version: number; contest: Promise<VotingContest> }>>();

/**
 * `loadVotingContest` for a vote, kept per process: one point query reads the contest's version, which the database
 * raises on every write to the contest's row (its settings, voting settings included), its phases or its unit
 * categories, whoever writes them (migration 0029, ADR 0046); the contest is read again only when it changed. The
 * result is shared: callers must not change it.
 */
export async function currentVotingContest(
  deps: { db: Tx; dialect: DialectName },
  slug: string,
): Promise<VotingContest> {
  const head = (await contestVersion(deps.db, deps.dialect, slug))[0];
  if (!head) throw new AppError('contest.notFound');
  let bySlug = kept.get(deps.db);
  if (!bySlug) kept.set(deps.db, (bySlug = new Map()));
  const hit = bySlug.get(slug);
  if (hit && hit.version === head.version) return hit.contest;
  // A read made after the version was seen may only be newer than it: at worst one more read later, never stale.
  const contest = loadVotingContest(deps.db, { id: head.id });
  if (bySlug.size >= 500) bySlug.clear();
  const entry = { version: head.version, contest };
  bySlug.set(slug, entry);
  contest.catch(() => {
    if (bySlug.get(slug) === entry) bySlug.delete(slug);
  });
  return contest;
}
