/**
 * Which count the most-voted prize follows (R14, ADR 0048): the voting settings' deciding source, the platform's
 * counted votes or the fanpage's confirmed figures, turned into the vote ranking allocation reads, and whether that
 * count is final yet.
 *
 * - Platform: counted votes; final once the window has ended and no vote is held for review (as before).
 * - Fanpage: each entry's score by the contest's formula, from confirmed figures only; final once the window has
 *   ended and every published entry's figures are confirmed (`fanpageFinal`, as the public results say). The fanpage
 *   has no instant at which an entry reached its score, so equal scores stay tied whatever the tie rule: the
 *   committee decides. A decision already recorded on that tie with the voting results (source `fanpage`) orders it
 *   here too, its chosen entries first, while it still fits the tie.
 */
import { fanpageScore, type FanpageCounts } from '../voting/fanpage.ts';
import { decidingSource, type CommitteeDecision as VotingTieDecision } from '../voting/results.ts';
import type { VoteSource, VotingSettings } from '../voting/settings.ts';
import { voteRanking, type VoteCount } from './ranking-adapters.ts';
import { tieGroups, type EntryId, type RankedEntry } from './ranking.ts';

/** Why the deciding count is not final yet. */
export type VoteWait = 'votingOpen' | 'votesHeld' | 'fanpageNotConfirmed';

export interface FanpageFigures extends FanpageCounts {
  entryId: EntryId;
  /** The entry's code, as the voting results' tie decision names it. */
  code: string;
  confirmed: boolean;
}

export interface PrizeVoteInput {
  settings: Pick<VotingSettings, 'prizeSource' | 'fanpageFormula' | 'tieRule'>;
  windowEnded: boolean;
  platform: { counts: readonly VoteCount[]; quarantined: number };
  fanpage: {
    rows: readonly FanpageFigures[];
    /** Every published entry's figures are confirmed (`fanpageFinal`). */
    final: boolean;
    /** The committee's decision on a fanpage tie recorded with the voting results, if any. */
    decision: VotingTieDecision | null;
  };
}

export interface PrizeVote {
  source: VoteSource;
  ranking: RankedEntry[];
  /** Null when the deciding count is final. */
  waitingFor: VoteWait | null;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** The ranking with the tie the decision names split: its chosen entries first, then the others, still tied. */
function applyTieDecision(
  ranking: readonly RankedEntry[],
  codeOf: ReadonlyMap<EntryId, string>,
  d: VotingTieDecision,
): RankedEntry[] {
  const groups = tieGroups(ranking);
  const at = groups.findIndex(
    (g) =>
      g.length > 1 &&
      sameSet(
        g.map((r) => codeOf.get(r.entryId) ?? ''),
        d.tied,
      ),
  );
  if (at < 0) return [...ranking];
  const group = groups[at]!;
  const chosen = d.chosen.map((c) => group.find((r) => codeOf.get(r.entryId) === c));
  if (chosen.length === 0 || chosen.length >= group.length || chosen.some((r) => !r)) return [...ranking];
  const first = chosen as RankedEntry[];
  const rest = group.filter((r) => !first.includes(r));
  const rank = group[0]!.rank;
  const run = (rs: readonly RankedEntry[], r: number, byCommittee: boolean) =>
    rs.map((e, i) => ({
      ...e,
      rank: r,
      tiedWithNext: i < rs.length - 1,
      ...(byCommittee ? { orderedByCommittee: true } : {}),
    }));
  groups[at] = [...run(first, rank, true), ...run(rest, rank + first.length, false)];
  return groups.flat();
}

export function prizeVote(input: PrizeVoteInput): PrizeVote {
  const source = decidingSource(input.settings.prizeSource);
  if (source === 'platform') {
    const waitingFor = !input.windowEnded ? 'votingOpen' : input.platform.quarantined > 0 ? 'votesHeld' : null;
    return { source, ranking: voteRanking(input.platform.counts, input.settings.tieRule), waitingFor };
  }
  const confirmed = input.fanpage.rows.filter((r) => r.confirmed);
  const ranking = voteRanking(
    confirmed.map((r) => ({
      entryId: r.entryId,
      counted: fanpageScore(r, input.settings.fanpageFormula),
      reachedFinalAt: null,
    })),
    'committee',
  );
  const waitingFor = !input.windowEnded ? 'votingOpen' : !input.fanpage.final ? 'fanpageNotConfirmed' : null;
  const decision = input.fanpage.decision;
  return {
    source,
    ranking: decision
      ? applyTieDecision(ranking, new Map(confirmed.map((r) => [r.entryId, r.code])), decision)
      : ranking,
    waitingFor,
  };
}
