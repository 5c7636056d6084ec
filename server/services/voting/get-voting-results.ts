import { fanpageFinal } from '@core/voting/fanpage.ts';
import {
  mostVoted as bothCounts,
  pickWinners,
  tallyVotes,
  type CommitteeDecision,
  type MostVotedResult,
  type Outcome,
} from '@core/voting/results.ts';
import { decodeEntryCodes, decodeVoteReasons } from '../../db/json-columns.ts';
import { reasonText } from '@core/voting/reasons.ts';
import { talliesVisible } from '@core/voting/vote-window.ts';
import type { Deps } from '../../context.ts';
import { fanpageRows } from './fanpage-rows.ts';
import { loadVotingContest } from './voting-contest.ts';

export interface VotingResults {
  /** False while tallies are shown only at the end and voting is still open: nothing else is given then. */
  visible: boolean;
  /** When they become visible, if not yet. */
  visibleFrom: string | null;
  final: boolean;
  entries: { entryId: number; code: string; counted: number; quarantined: number; invalidated: number }[];
  totals: { counted: number; quarantined: number; invalidated: number };
  /** Reasons in aggregate, with their text in both languages. */
  reasons: { status: 'quarantined' | 'invalidated'; code: string; count: number; vi: string; en: string }[];
  mostVoted: Outcome | null;
  tieRule: string;
  /** When the organizer published the result as final; null until then. */
  published: { at: string } | null;
  /**
   * The most-voted prize as the settings decide it: the counts shown (platform, fanpage or both), the deciding one
   * named, the fanpage's formula in words and its confirmed figures (pending until every one is confirmed).
   */
  prize: MostVotedResult | null;
}

/**
 * The platform's public results: per entry the votes counted, quarantined and invalidated, the reasons in aggregate,
 * and the most-voted entries by counted votes with the tie rule applied (and the committee's recorded decision when
 * the rule could not settle a tie). Live, or only once the window closed, as the settings say.
 */
export async function getVotingResults(
  deps: Deps,
  slug: string,
  opts: { committeeDecision?: boolean } = {},
): Promise<VotingResults> {
  const v = await loadVotingContest(deps.db, { slug });
  const now = deps.clock();
  const visible = talliesVisible(v.settings.tallies, v.contest.phases, now);
  const publication = await deps.db
    .selectFrom('voting_results')
    .select('published_at')
    .where('contest_id', '=', v.contest.id)
    .executeTakeFirst();
  const published = publication ? { at: new Date(publication.published_at).toISOString() } : null;
  const final = !!v.window && now.getTime() >= Date.parse(v.window.endsAt);
  const empty = { counted: 0, quarantined: 0, invalidated: 0 };
  if (!visible) {
    return {
      visible,
      visibleFrom: v.window?.endsAt ?? null,
      final,
      entries: [],
      totals: empty,
      reasons: [],
      mostVoted: null,
      tieRule: v.settings.tieRule,
      published,
      prize: null,
    };
  }
  const [galleryRows, votes, fanpage] = await Promise.all([
    deps.db
      .selectFrom('publications')
      .innerJoin('entries', 'entries.id', 'publications.entry_id')
      .select(['entries.id', 'entries.code'])
      .where('publications.contest_id', '=', v.contest.id)
      .where('publications.unpublished_at', 'is', null)
      .execute(),
    deps.db
      .selectFrom('votes')
      .innerJoin('entries', 'entries.id', 'votes.entry_id')
      .select(['votes.entry_id', 'entries.code', 'votes.cast_at', 'votes.status', 'votes.reasons_json'])
      .where('votes.contest_id', '=', v.contest.id)
      .execute(),
    fanpageRows(deps.db, v.contest.id),
  ]);
  const ids = new Map<string, number>();
  const codeOf = (id: number, code: string | null) => code ?? `#${id}`;
  for (const g of galleryRows) ids.set(codeOf(g.id, g.code), g.id);
  for (const x of votes) ids.set(codeOf(x.entry_id, x.code), x.entry_id);
  const tally = tallyVotes(
    votes.map((x) => ({
      entry: codeOf(x.entry_id, x.code),
      at: x.cast_at,
      status: x.status,
      reasons: decodeVoteReasons(x.reasons_json),
    })),
    galleryRows.map((g) => codeOf(g.id, g.code)),
  );
  const places = v.contest.settings.prizes.filter((p) => p.kind === 'public_vote').reduce((n, p) => n + p.count, 0);
  const decisions =
    opts.committeeDecision === false
      ? { platform: null, fanpage: null }
      : {
          platform: await committeeDecision(deps, v.contest.id, 'platform'),
          fanpage: await committeeDecision(deps, v.contest.id, 'fanpage'),
        };
  const mostVoted = pickWinners(
    tally.entries.map((e) => ({ entry: e.entry, score: e.counted, reachedAt: e.reachedFinalAt })),
    Math.max(1, places),
    v.settings.tieRule,
    decisions.platform,
  );
  // Only confirmed figures are public; they decide once every published entry's are confirmed.
  const prize = bothCounts({
    settings: v.settings,
    places: Math.max(1, places),
    tally,
    fanpage: fanpage
      .filter((r) => r.confirmedBy !== null)
      .map((r) => ({
        entry: r.entry,
        postUrl: r.postUrl,
        reactions: r.reactions,
        shares: r.shares,
        comments: r.comments,
      })),
    fanpageConfirmed: fanpageFinal(
      fanpage,
      galleryRows.map((g) => codeOf(g.id, g.code)),
    ),
    decisions,
  });
  const reasons = (['quarantined', 'invalidated'] as const).flatMap((status) =>
    Object.entries(tally.reasons[status]).map(([code, count]) => ({
      status,
      code,
      count,
      vi: reasonText(code, 'vi'),
      en: reasonText(code, 'en'),
    })),
  );
  return {
    visible,
    visibleFrom: null,
    final,
    entries: tally.entries
      .map((e) => ({
        entryId: ids.get(e.entry)!,
        code: e.entry,
        counted: e.counted,
        quarantined: e.quarantined,
        invalidated: e.invalidated,
      }))
      .sort((a, b) => b.counted - a.counted || a.code.localeCompare(b.code)),
    totals: tally.totals,
    reasons,
    mostVoted,
    tieRule: v.settings.tieRule,
    published,
    prize,
  };
}

/** The committee's recorded choice on a tie of the platform's or the fanpage's count, if any. */
async function committeeDecision(
  deps: Deps,
  contestId: number,
  source: 'platform' | 'fanpage',
): Promise<CommitteeDecision | null> {
  const row = await deps.db
    .selectFrom('voting_tie_decisions')
    .select(['tied_json', 'chosen_json', 'record'])
    .where('contest_id', '=', contestId)
    .where('source', '=', source)
    .executeTakeFirst();
  return row
    ? { tied: decodeEntryCodes(row.tied_json), chosen: decodeEntryCodes(row.chosen_json), record: row.record }
    : null;
}
