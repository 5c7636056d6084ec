import { genesisHash, headerLine, recordLine, type LogRecord } from '@core/voting/vote-log.ts';
import type { VoteRule } from '@core/voting/settings.ts';
import { sql, type QueryCreator } from 'kysely';
import { lockChain, type DialectName, type Tx } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { sha256Hex } from '../../security/tokens.ts';

const VOTE_LOG_LOCK_KEY = 7_500_000_000;

export interface ChainHead {
  contestId: number;
  seq: number;
  hash: string;
  /** The instant of the last line, '' before the first (lines never go back in time). */
  lastAt: string;
}

/**
 * Takes the contest's vote-log head for this transaction (PostgreSQL: an advisory lock per contest; SQLite: its one
 * writer), creating it with the header line on the first vote. Every append of the transaction follows it.
 */
export async function takeVoteLogHead(
  trx: Tx,
  dialect: DialectName,
  contest: { id: number; slug: string; rule: VoteRule; timeZone: string; startsAt: string; endsAt: string },
): Promise<ChainHead> {
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
  const header = headerLine({
    contest: contest.slug,
    rule: contest.rule,
    timeZone: contest.timeZone,
    votingStartsAt: contest.startsAt,
    votingEndsAt: contest.endsAt,
  });
  const hash = genesisHash(header, sha256Hex);
  await trx
    .insertInto('vote_log_heads')
    .values({ contest_id: contest.id, header_line: header, seq: 0, hash })
    .execute();
  return { contestId: contest.id, seq: 0, hash, lastAt: '' };
}

/** A write that may run as a CTE of the log's append (an insert, update or delete built on the given creator). */
export type AppendWith = (db: QueryCreator<DB>) => { execute(): Promise<unknown> };

/**
 * Appends records after the head (their `seq` must follow it) and moves the head; returns the new head. `alongside`
 * are other writes of the same transaction made with it: on PostgreSQL they go in the same statement, as
 * data-modifying CTEs (a round trip saved is a turn of a busy event loop less for every answer waiting on the
 * batch), on SQLite one after another. They must not depend on each other's effects, nor on the log's.
 */
export async function appendVoteLog(
  trx: Tx,
  head: ChainHead,
  records: readonly LogRecord[],
  alongside?: { dialect: DialectName; writes: readonly AppendWith[] },
): Promise<ChainHead> {
  let { seq, hash } = head;
  const rows = records.map((r) => {
    if (r.seq !== seq + 1) throw new Error(`vote log: seq ${r.seq} does not follow ${seq}`);
    const out = recordLine(hash, r, sha256Hex);
    seq = r.seq;
    hash = out.hash;
    return { contest_id: head.contestId, seq: r.seq, line: out.line, hash: out.hash, at: r.at };
  });
  const writes: AppendWith[] = [...(alongside?.writes ?? [])];
  if (rows.length > 0) writes.push((db) => db.insertInto('vote_log').values(rows));
  const moveHead = (db: QueryCreator<DB>) =>
    db.updateTable('vote_log_heads').set({ seq, hash }).where('contest_id', '=', head.contestId);
  if (alongside?.dialect === 'postgres' && writes.length > 0) {
    // Kysely types each CTE by name; these are only run for their effects.
    let q = trx as unknown as QueryCreator<DB>;
    writes.forEach((w, i) => {
      q = q.with(`w${i}`, (db) => w(db) as never) as unknown as QueryCreator<DB>;
    });
    await (rows.length > 0 ? moveHead(q) : q.selectNoFrom(sql<number>`1`.as('one'))).execute();
  } else {
    for (const w of writes) await w(trx).execute();
    if (rows.length > 0) await moveHead(trx).execute();
  }
  return rows.length > 0 ? { contestId: head.contestId, seq, hash, lastAt: records.at(-1)!.at } : head;
}
