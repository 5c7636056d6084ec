/**
 * The ranking that allocation reads, for the jury (the final round's aggregate scores) and for the public vote (the
 * valid votes). Judging and voting adapt their own results to this shape; ties their own rules could not break are
 * marked, and only the committee can break those.
 */

export type EntryId = number;

export interface RankedEntry {
  entryId: EntryId;
  /** 1 is best; tied entries share a rank (1, 2, 2, 4). Shown, not used to order: the list's order is the order. */
  rank: number;
  /** Jury: the aggregate score; vote: the count of valid votes. */
  score: number;
  /** This entry and the next one in the list are tied. */
  tiedWithNext: boolean;
  /** Its place above equal scores was set by a decision the committee recorded before allocation (a fanpage tie). */
  orderedByCommittee?: boolean;
}

/** Why a ranking cannot be used; an adapter's mistake, never the user's. */
export function rankingProblem(ranking: readonly RankedEntry[]): string | null {
  const seen = new Set<EntryId>();
  for (const r of ranking) {
    if (seen.has(r.entryId)) return `entry ${r.entryId} is ranked twice`;
    seen.add(r.entryId);
  }
  for (let i = 0; i < ranking.length; i++) {
    const r = ranking[i]!;
    const next = ranking[i + 1];
    if (!Number.isInteger(r.rank) || r.rank < 1) return `entry ${r.entryId} has rank ${r.rank}`;
    if (!Number.isFinite(r.score)) return `entry ${r.entryId} has score ${r.score}`;
    if (!next) {
      if (r.tiedWithNext) return `the last entry ${r.entryId} is marked tied with a next one`;
      continue;
    }
    if (next.rank < r.rank) return `entry ${next.entryId} is ranked above entry ${r.entryId} but listed after it`;
    if (r.tiedWithNext !== (next.rank === r.rank))
      return `entries ${r.entryId} and ${next.entryId}: a tie must share a rank, and a shared rank is a tie`;
  }
  return null;
}

/** The ranking cut into runs of tied entries (a lone entry is a run of one), in order. */
export function tieGroups<T extends RankedEntry>(ranking: readonly T[]): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  for (const r of ranking) {
    current.push(r);
    if (!r.tiedWithNext) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length) groups.push(current);
  return groups;
}

/** A tie's identity: the ranking it is in and its entries. It changes when an entry joins or leaves the tie. */
export function tieId(ranking: 'jury' | 'vote', entryIds: readonly EntryId[]): string {
  return `${ranking}:${[...entryIds].sort((a, b) => a - b).join('-')}`;
}
