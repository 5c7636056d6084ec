/**
 * Judging's and voting's results in the shape allocation reads (`RankedEntry[]`, ADR 0022 §1): best first, entries
 * their own rules could not separate sharing a rank and marked `tiedWithNext`.
 */
import type { TieRule } from '../voting/settings.ts';
import type { EntryId, RankedEntry } from './ranking.ts';

/** A row of a judging round's ranking (core/judging/ranking.ts): ranked rows carry their place, shared when tied. */
export interface JuryRow {
  entryId: EntryId;
  rank: number | null;
  status: 'ranked' | 'insufficient';
  value: number | null;
}

/**
 * The final round's ranking: only entries with enough scores to be ranked; the round's tie rules and the chair's
 * decisions have already ordered what they could, so entries still sharing a place are tied for the committee.
 */
export function juryRanking(rows: readonly JuryRow[]): RankedEntry[] {
  const ranked = rows
    .filter((r) => r.status === 'ranked' && r.rank !== null && r.value !== null)
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.rank! - b.r.rank! || a.i - b.i)
    .map(({ r }) => r);
  return ranked.map((r, i) => ({
    entryId: r.entryId,
    rank: r.rank!,
    score: r.value!,
    tiedWithNext: ranked[i + 1]?.rank === r.rank,
  }));
}

/** One entry's counted votes and when it reached that count (ms; null without a counted vote). */
export interface VoteCount {
  entryId: EntryId;
  counted: number;
  reachedFinalAt: number | null;
}

/**
 * The vote ranking by counted votes. Under `earliest_to_final` equal counts are ordered by who reached the count
 * first (exactly equal instants stay tied); under `committee` equal counts stay tied for the committee. Entries
 * without a counted vote are left out: they cannot win a vote prize.
 */
export function voteRanking(counts: readonly VoteCount[], tieRule: TieRule): RankedEntry[] {
  const byTime = tieRule === 'earliest_to_final';
  const key = (c: VoteCount) => (byTime ? (c.reachedFinalAt ?? Number.MAX_SAFE_INTEGER) : 0);
  const sorted = counts
    .filter((c) => c.counted > 0)
    .slice()
    .sort((a, b) => b.counted - a.counted || key(a) - key(b) || a.entryId - b.entryId);
  const same = (a: VoteCount, b: VoteCount | undefined) => !!b && a.counted === b.counted && key(a) === key(b);
  const out: RankedEntry[] = [];
  sorted.forEach((c, i) => {
    const rank = i > 0 && same(sorted[i - 1]!, c) ? out[i - 1]!.rank : i + 1;
    out.push({ entryId: c.entryId, rank, score: c.counted, tiedWithNext: same(c, sorted[i + 1]) });
  });
  return out;
}
