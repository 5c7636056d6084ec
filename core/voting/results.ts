/**
 * Results of the public vote: per entry, the votes counted, quarantined and invalidated, with the reasons in
 * aggregate; the most-voted entries with the tie rule applied; and the platform's and the fanpage's counts side by
 * side with the one that decides named.
 */
import { type FanpageCounts, fanpageScore, formulaInWords } from './fanpage.ts';
import type { PrizeSource, TieRule, VoteSource, VotingSettings } from './settings.ts';
import type { VoteStatus } from './vote-log.ts';

export interface TalliedVote {
  entry: string;
  /** When it was cast (ms or ISO). */
  at: number | string;
  status: VoteStatus;
  reasons: readonly string[];
}

export interface EntryTally {
  entry: string;
  counted: number;
  quarantined: number;
  invalidated: number;
  /** When the entry's last counted vote was cast, i.e. when it reached its final count (ms); null with none. */
  reachedFinalAt: number | null;
}

export interface VoteTally {
  entries: EntryTally[];
  totals: { counted: number; quarantined: number; invalidated: number };
  /** Per status, how many votes carry each reason. */
  reasons: { quarantined: Record<string, number>; invalidated: Record<string, number> };
}

/** Tallies every vote by its final status; entries without votes appear with zeros. */
export function tallyVotes(votes: Iterable<TalliedVote>, entries: readonly string[]): VoteTally {
  const by = new Map<string, EntryTally>(
    entries.map((e) => [e, { entry: e, counted: 0, quarantined: 0, invalidated: 0, reachedFinalAt: null }]),
  );
  const totals = { counted: 0, quarantined: 0, invalidated: 0 };
  const reasons = { quarantined: {} as Record<string, number>, invalidated: {} as Record<string, number> };
  for (const v of votes) {
    let t = by.get(v.entry);
    if (!t) by.set(v.entry, (t = { entry: v.entry, counted: 0, quarantined: 0, invalidated: 0, reachedFinalAt: null }));
    t[v.status]++;
    totals[v.status]++;
    if (v.status === 'counted') {
      const at = typeof v.at === 'number' ? v.at : Date.parse(v.at);
      t.reachedFinalAt = Math.max(t.reachedFinalAt ?? -Infinity, at);
    } else for (const r of v.reasons) reasons[v.status][r] = (reasons[v.status][r] ?? 0) + 1;
  }
  return { entries: [...by.values()], totals, reasons };
}

export interface Ranked {
  entry: string;
  score: number;
  /** When the score was reached, for `earliest_to_final`; null when unknown (fanpage figures). */
  reachedAt: number | null;
}

/** A committee's recorded choice among tied entries (minutes or decision number for the record). */
export interface CommitteeDecision {
  tied: readonly string[];
  chosen: readonly string[];
  record: string;
}

export type Outcome =
  | { kind: 'decided'; winners: string[]; tieBrokenBy: TieRule | null; tied: string[]; record?: string }
  /** The boundary is tied and the rule cannot settle it: the committee must decide among `tied`. */
  | { kind: 'committeeNeeded'; winners: string[]; tied: string[]; places: number; staleDecision: boolean }
  | { kind: 'noVotes' };

const byScore = (a: Ranked, b: Ranked) => b.score - a.score || a.entry.localeCompare(b.entry);

/**
 * The `places` most-voted entries. When entries tie across the last place, the tie rule settles it: the earlier to
 * have reached the score wins (exactly equal instants stay tied), or the committee's recorded decision; without one
 * that fits the present tie, the outcome says the committee must decide and names the tied entries.
 */
export function pickWinners(
  ranked: readonly Ranked[],
  places: number,
  tieRule: TieRule,
  decision: CommitteeDecision | null = null,
): Outcome {
  const sorted = [...ranked].filter((r) => r.score > 0).sort(byScore);
  if (sorted.length === 0) return { kind: 'noVotes' };
  if (sorted.length <= places)
    return { kind: 'decided', winners: sorted.map((r) => r.entry), tieBrokenBy: null, tied: [] };
  const cut = sorted[places - 1]!.score;
  const above = sorted.filter((r) => r.score > cut).map((r) => r.entry);
  const atCut = sorted.filter((r) => r.score === cut);
  if (above.length + atCut.length <= places) {
    return { kind: 'decided', winners: [...above, ...atCut.map((r) => r.entry)], tieBrokenBy: null, tied: [] };
  }
  const free = places - above.length;
  let tied = atCut.map((r) => r.entry);
  let settled: string[] = [];
  if (tieRule === 'earliest_to_final' && atCut.every((r) => r.reachedAt !== null)) {
    const order = [...atCut].sort((a, b) => a.reachedAt! - b.reachedAt!);
    const boundary = order[free - 1]!.reachedAt!;
    const before = order.filter((r) => r.reachedAt! < boundary).map((r) => r.entry);
    const atBoundary = order.filter((r) => r.reachedAt === boundary).map((r) => r.entry);
    if (before.length + atBoundary.length <= free) {
      return {
        kind: 'decided',
        winners: [...above, ...before, ...atBoundary],
        tieBrokenBy: 'earliest_to_final',
        tied: tied.sort(),
      };
    }
    settled = before;
    tied = atBoundary;
  }
  const open = free - settled.length;
  const sameSet = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
  if (
    decision &&
    sameSet(decision.tied, tied) &&
    decision.chosen.length === open &&
    new Set(decision.chosen).size === open &&
    decision.chosen.every((e) => tied.includes(e))
  ) {
    return {
      kind: 'decided',
      winners: [...above, ...settled, ...decision.chosen],
      tieBrokenBy: 'committee',
      tied: [...tied].sort(),
      record: decision.record,
    };
  }
  return {
    kind: 'committeeNeeded',
    winners: [...above, ...settled],
    tied: [...tied].sort(),
    places: open,
    staleDecision: decision !== null,
  };
}

export interface FanpageEntry extends FanpageCounts {
  entry: string;
  postUrl: string;
}

export interface SourceResult {
  source: VoteSource;
  ranking: Ranked[];
  outcome: Outcome | { kind: 'pending' };
}

export interface MostVotedResult {
  shown: VoteSource[];
  deciding: VoteSource;
  platform?: SourceResult & { tally: VoteTally };
  fanpage?: SourceResult & { formula: { vi: string; en: string }; rows: FanpageEntry[] };
  /** The deciding source's outcome: what the prize follows. */
  outcome: Outcome | { kind: 'pending' };
}

export function decidingSource(p: PrizeSource): VoteSource {
  return p.show === 'both' ? p.deciding : p.show;
}

/**
 * Both counts as the settings show them. The fanpage's figures decide nothing until every one is confirmed
 * (`fanpageConfirmed`); until then its outcome is pending.
 */
export function mostVoted(input: {
  settings: Pick<VotingSettings, 'prizeSource' | 'fanpageFormula' | 'tieRule'>;
  places: number;
  tally: VoteTally;
  fanpage: readonly FanpageEntry[];
  fanpageConfirmed: boolean;
  decisions?: { platform?: CommitteeDecision | null; fanpage?: CommitteeDecision | null };
}): MostVotedResult {
  const { settings: s, places } = input;
  const shown: VoteSource[] = s.prizeSource.show === 'both' ? ['platform', 'fanpage'] : [s.prizeSource.show];
  const deciding = decidingSource(s.prizeSource);
  const out: MostVotedResult = { shown, deciding, outcome: { kind: 'pending' } };
  if (shown.includes('platform')) {
    const ranking = input.tally.entries
      .map((t) => ({ entry: t.entry, score: t.counted, reachedAt: t.reachedFinalAt }))
      .sort(byScore);
    const outcome = pickWinners(ranking, places, s.tieRule, input.decisions?.platform ?? null);
    out.platform = { source: 'platform', ranking, outcome, tally: input.tally };
  }
  if (shown.includes('fanpage')) {
    const ranking = input.fanpage
      .map((r) => ({ entry: r.entry, score: fanpageScore(r, s.fanpageFormula), reachedAt: null }))
      .sort(byScore);
    const outcome = input.fanpageConfirmed
      ? pickWinners(ranking, places, s.tieRule, input.decisions?.fanpage ?? null)
      : ({ kind: 'pending' } as const);
    out.fanpage = {
      source: 'fanpage',
      ranking,
      outcome,
      formula: { vi: formulaInWords(s.fanpageFormula, 'vi'), en: formulaInWords(s.fanpageFormula, 'en') },
      rows: [...input.fanpage],
    };
  }
  out.outcome = (deciding === 'platform' ? out.platform : out.fanpage)!.outcome;
  return out;
}
