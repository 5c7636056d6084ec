/**
 * What every awards use case reads, in one place: the contest and its prize structure, the final judging round and
 * whether it is locked, whether the vote is final, both rankings adapted for allocation, the entries that left the
 * contest, the committee's decisions, the latest stored version and the allocation computed now from all of it.
 */
import crypto from 'node:crypto';
import { allocatePrizes, type Allocation, type AllocationInput, type Exclusion } from '@core/awards/allocation.ts';
import type { AllocationFacts } from '@core/awards/allocation-state.ts';
import { allocationChanges } from '@core/awards/allocation-changes.ts';
import type { CommitteeDecision } from '@core/awards/committee-decisions.ts';
import { juryRanking } from '@core/awards/ranking-adapters.ts';
import type { RankedEntry } from '@core/awards/ranking.ts';
import { prizeVote, type PrizeVote, type VoteWait } from '@core/awards/vote-source.ts';
import { fanpageFinal } from '@core/voting/fanpage.ts';
import { decidingSource } from '@core/voting/results.ts';
import { resolveVotingSettings, type VoteSource } from '@core/voting/settings.ts';
import { votingPhase } from '@core/voting/vote-window.ts';
import type { Tx } from '../../db/dialect.ts';
import type { AwardAllocationsTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import { decodeAllocation, decodeAwardDecision, decodeEntryCodes } from '../../db/json-columns.ts';
import { loadContest, type LoadedContest } from '../contests/load-contest.ts';
import { loadRoundFacts, rankRound } from '../judging/round-facts.ts';
import { fanpageRows, galleryEntries } from '../voting/fanpage-rows.ts';

export type AllocationRow = Selectable<AwardAllocationsTable>;

export interface AwardFacts {
  contest: LoadedContest;
  finalRound: { id: number; name: string; state: 'draft' | 'open' | 'locked' } | null;
  judgingLocked: boolean;
  hasVotePrize: boolean;
  /** The count that decides the vote prizes (the voting settings' deciding source); null without a vote prize. */
  voteSource: VoteSource | null;
  votingClosed: boolean;
  /** Why the deciding count is not final yet; null when it is. */
  voteWait: VoteWait | null;
  juryRanking: RankedEntry[];
  voteRanking: RankedEntry[];
  excluded: Exclusion[];
  /** `breakTie` and `revoke` decisions in the order recorded, with their row ids. */
  decisions: (CommitteeDecision & { id: number })[];
  /** The latest version, the allocation in force. */
  stored: { row: AllocationRow; allocation: Allocation } | null;
  /** The allocation computed now; null while the final round is not locked (there is no ranking to read). */
  current: Allocation | null;
  /** What `current` is computed from, and its SHA-256. */
  input: AllocationInput;
  inputsSha256: string;
}

async function finalRoundRanking(db: Tx, contestId: number) {
  const round = await db
    .selectFrom('judging_rounds')
    .selectAll()
    .where('contest_id', '=', contestId)
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!round) return { round: null, ranking: [] as RankedEntry[] };
  if (round.state !== 'locked') return { round, ranking: [] as RankedEntry[] };
  const f = await loadRoundFacts(db, round);
  const { ranking } = await rankRound(db, f, false);
  return { round, ranking: juryRanking(ranking.rows) };
}

/** The deciding count's ranking and whether it is final (core/awards/vote-source.ts). */
async function voteFacts(db: Tx, contest: LoadedContest, now: Date): Promise<PrizeVote> {
  const settings = resolveVotingSettings(contest.settings.voting);
  const window = votingPhase(contest.phases);
  const rows = await db
    .selectFrom('votes')
    .select((eb) => ['entry_id', 'status', eb.fn.countAll<number>().as('n'), eb.fn.max('cast_at').as('last')])
    .where('contest_id', '=', contest.id)
    .groupBy(['entry_id', 'status'])
    .execute();
  const quarantined = rows.filter((r) => r.status === 'quarantined').reduce((n, r) => n + Number(r.n), 0);
  const counted = rows
    .filter((r) => r.status === 'counted')
    .map((r) => ({ entryId: r.entry_id, counted: Number(r.n), reachedFinalAt: Date.parse(String(r.last)) }));
  const fanpageDecides = decidingSource(settings.prizeSource) === 'fanpage';
  // One query after the other: `db` may be a transaction, which runs on one connection.
  const figures = fanpageDecides ? await fanpageRows(db, contest.id) : [];
  const gallery = fanpageDecides ? await galleryEntries(db, contest.id) : [];
  const decision = fanpageDecides
    ? await db
        .selectFrom('voting_tie_decisions')
        .select(['tied_json', 'chosen_json', 'record'])
        .where('contest_id', '=', contest.id)
        .where('source', '=', 'fanpage')
        .executeTakeFirst()
    : undefined;
  return prizeVote({
    settings,
    windowEnded: !!window && now.getTime() >= Date.parse(window.endsAt),
    platform: { counts: counted, quarantined },
    fanpage: {
      rows: figures.map((r) => ({
        entryId: r.entryId,
        code: r.entry,
        reactions: r.reactions,
        shares: r.shares,
        comments: r.comments,
        confirmed: r.confirmedBy !== null,
      })),
      final: fanpageFinal(
        figures,
        gallery.map((g) => g.code),
      ),
      decision: decision
        ? {
            tied: decodeEntryCodes(decision.tied_json),
            chosen: decodeEntryCodes(decision.chosen_json),
            record: decision.record,
          }
        : null,
    },
  });
}

async function exclusions(db: Tx, ids: readonly number[]): Promise<Exclusion[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('entries')
    .select(['id', 'status', 'review_status'])
    .where('id', 'in', [...ids])
    .execute();
  const found = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((entryId): Exclusion[] => {
    const r = found.get(entryId);
    if (!r || r.status !== 'submitted') return [{ entryId, reason: 'withdrawn' }];
    if (r.review_status === 'rejected') return [{ entryId, reason: 'disqualified' }];
    return [];
  });
}

export async function loadAwardFacts(db: Tx, ref: { slug: string } | { id: number }, now: Date): Promise<AwardFacts> {
  const contest = await loadContest(db, ref);
  const prizes = contest.settings.prizes;
  const hasVotePrize = prizes.some((p) => p.kind === 'public_vote');
  const { round, ranking: jury } = await finalRoundRanking(db, contest.id);
  const vote = hasVotePrize ? await voteFacts(db, contest, now) : null;
  const voteRanking = vote?.ranking ?? [];
  const ids = [...new Set([...jury, ...voteRanking].map((r) => r.entryId))].sort((a, b) => a - b);
  const excluded = await exclusions(db, ids);
  const decisionRows = await db
    .selectFrom('award_decisions')
    .select(['id', 'payload_json'])
    .where('contest_id', '=', contest.id)
    .where('kind', 'in', ['breakTie', 'revoke'])
    .orderBy('id')
    .execute();
  const decisions = decisionRows.map((d) => ({ ...decodeAwardDecision(d.payload_json), id: d.id }));
  const row = await db
    .selectFrom('award_allocations')
    .selectAll()
    .where('contest_id', '=', contest.id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const judgingLocked = round?.state === 'locked';
  const input: AllocationInput = {
    prizes,
    juryRanking: jury,
    voteRanking,
    ...(vote ? { voteSource: vote.source } : {}),
    excluded,
    decisions: decisions.map(({ id: _id, ...d }) => d as CommitteeDecision),
  };
  return {
    contest,
    finalRound: round ? { id: round.id, name: round.name, state: round.state } : null,
    judgingLocked,
    hasVotePrize,
    voteSource: vote?.source ?? null,
    votingClosed: !vote?.waitingFor,
    voteWait: vote?.waitingFor ?? null,
    juryRanking: jury,
    voteRanking,
    excluded,
    decisions,
    stored: row ? { row, allocation: decodeAllocation(row.result_json) } : null,
    current: judgingLocked ? allocatePrizes(input) : null,
    input,
    inputsSha256: inputsHash(input),
  };
}

export function inputsHash(input: AllocationInput): string {
  return crypto.createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/** The facts `allocationStep` judges a step by. */
export function stepFacts(f: AwardFacts, reason: string | null = null): AllocationFacts {
  const changed = f.stored && f.current ? allocationChanges(f.stored.allocation, f.current).length : 0;
  return {
    state: f.stored?.row.state ?? null,
    judgingLocked: f.judgingLocked,
    votingClosed: f.votingClosed,
    fanpagePending: f.voteWait === 'fanpageNotConfirmed',
    complete: f.current?.complete ?? false,
    openTies: f.current?.openTies.length ?? 0,
    changedPlaces: changed,
    reason,
  };
}
