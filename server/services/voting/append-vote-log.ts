import { genesisHash, headerLine, recordLine, type LogRecord } from '@core/voting/vote-log.ts';
import type { VoteRule } from '@core/voting/settings.ts';
import { lockChain, type DialectName, type Tx } from '../../db/dialect.ts';
import { sha256Hex } from '../../security/tokens.ts';

const VOTE_LOG_LOCK_KEY = 7_500_000_000;

export interface ChainHead {
  contestId: number;
  seq: number;
  hash: string;
  /** The instant of the last line, '' before the first (lines never go back in time). */
  lastAt: string;
}

/** What the log's header line states: the contest, its rule, time zone and voting window. */
export interface LogContest {
  id: number;
  slug: string;
  rule: VoteRule;
  timeZone: string;
  startsAt: string;
  endsAt: string;
}

/**
 * The contest of an attempt as its log's header needs it: the statement itself, or its id and a function called
 * under the lock only when the head is created.
 */
export type VoteContestHeader = LogContest | { id: number; header: (trx: Tx) => Promise<LogContest> };

/**
 * Takes the contest's vote-log head for this transaction (PostgreSQL: an advisory lock per contest; SQLite: its one
 * writer), creating it with the header line on the first vote. Every append of the transaction follows it. The
 * header may be given as a function, called under the lock only when the head is created (the header is written once
 * and never again, so it must come from the contest as it is then, not from a copy read earlier).
 */
export async function takeVoteLogHead(trx: Tx, dialect: DialectName, contest: VoteContestHeader): Promise<ChainHead> {
  await lockChain(trx, dialect, VOTE_LOG_LOCK_KEY + contest.id);
  const head = await trx
    .selectFrom('vote_log_heads as h')
    .select(['h.seq', 'h.hash'])
    .select((eb) =>
      eb
        .selectFrom('vote_log as l')
        .select('l.at')
        .whereRef('l.contest_id', '=', 'h.contest_id')
        .whereRef('l.seq', '=', 'h.seq')
        .as('last_at'),
    )
    .where('h.contest_id', '=', contest.id)
    .executeTakeFirst();
  if (head) return { contestId: contest.id, seq: head.seq, hash: head.hash, lastAt: head.last_at ?? '' };
  const stated = 'header' in contest ? await contest.header(trx) : contest;
  const header = headerLine({
    contest: stated.slug,
    rule: stated.rule,
    timeZone: stated.timeZone,
    votingStartsAt: stated.startsAt,
    votingEndsAt: stated.endsAt,
  });
  const hash = genesisHash(header, sha256Hex);
  await trx
    .insertInto('vote_log_heads')
    .values({ contest_id: contest.id, header_line: header, seq: 0, hash })
    .execute();
  return { contestId: contest.id, seq: 0, hash, lastAt: '' };
}

/** Appends records after the head (their `seq` must follow it) and moves the head; returns the new head. */
export async function appendVoteLog(trx: Tx, head: ChainHead, records: readonly LogRecord[]): Promise<ChainHead> {
  if (records.length === 0) return head;
  let { seq, hash } = head;
  const rows = records.map((r) => {
    if (r.seq !== seq + 1) throw new Error(`vote log: seq ${r.seq} does not follow ${seq}`);
    const out = recordLine(hash, r, sha256Hex);
    seq = r.seq;
    hash = out.hash;
    return { contest_id: head.contestId, seq: r.seq, line: out.line, hash: out.hash, at: r.at };
  });
  await trx.insertInto('vote_log').values(rows).execute();
  await trx.updateTable('vote_log_heads').set({ seq, hash }).where('contest_id', '=', head.contestId).execute();
  return { contestId: head.contestId, seq, hash, lastAt: records.at(-1)!.at };
}
