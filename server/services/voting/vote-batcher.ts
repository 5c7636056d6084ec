/**
 * Group commit of votes (ADR 0043). Every vote appends to its contest's hash-chained log, so the votes of a contest
 * are written one after another under the log head (PostgreSQL: an advisory lock per contest; SQLite: its one
 * writer). One transaction per vote made each wait for the commit, the fsync, of the one before. Here the attempts
 * that arrive while a batch is being written queue up, per process and per contest, and the next batch writes them all
 * in ONE transaction: the head is taken once, each attempt runs in order inside its own savepoint (a refused one is
 * rolled back alone, and a voter's second attempt sees the first exactly as if they had come one after another), the
 * log lines of the kept ones are appended, and the batch commits once. Only after that commit is any waiter answered,
 * each with its own outcome; if the transaction fails, every waiter of the batch gets the error and nothing of the
 * batch is stored. Attempts that throw an `AppError` are refusals; any other error fails the whole batch.
 * Cast votes read what they need for the whole batch at once, write nothing when refused, so they run without a
 * savepoint (`BatchGroup`, ADR 0052), and leave their rows to one insert at the end of the batch (ADR 0056).
 */
import { AppError } from '@core/errors.ts';
import type { LogRecord } from '@core/voting/vote-log.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DialectName } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { appendVoteLog, takeVoteLogHead, type VoteContestHeader } from './append-vote-log.ts';

/** What a batch's attempts share: the log position after what was kept so far, and its last instant. */
export interface BatchLog {
  /** The seq of the last line, written or pending; the next line is `seq + 1`. */
  readonly seq: number;
  /** The instant of the last line (lines never go back in time); '' before the first. */
  readonly lastAt: string;
  /** Adds lines after `seq`, kept if the attempt that adds them succeeds. */
  add(records: readonly LogRecord[]): void;
}

/** One attempt: run inside the batch's transaction, in order. Throw an `AppError` to refuse it alone. */
export type VoteWrite<T> = (trx: Transaction<DB>, log: BatchLog, shared: unknown) => Promise<T>;

/**
 * Attempts of one kind (cast votes) that read what they need for the whole batch at once: `load` runs once per batch,
 * after the head is taken, with the `hint` of every attempt of the group in the batch, and its result is passed to
 * each of their writes (which keep it up to date as they write). `cleanRefusals`: the group's writes leave nothing
 * behind when they refuse (they undo what they wrote), so they need no savepoint.
 */
export interface BatchGroup<H> {
  key: string;
  hint: H;
  load: (trx: Transaction<DB>, hints: H[]) => Promise<unknown>;
  /** Runs once per batch after every attempt's write, before the log is appended: the group's own bulk writes. */
  flush?: (trx: Transaction<DB>, shared: unknown) => Promise<void>;
  cleanRefusals: boolean;
}

interface Waiter {
  /** The contest as this attempt read it; the first of a batch writes the log's header if there is none yet. */
  header: VoteContestHeader;
  write: VoteWrite<unknown>;
  group?: BatchGroup<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Attempts written in one transaction at most: keeps a batch's transaction, and its answers' wait, short. */
export const MAX_BATCH = 256;

class ContestQueue {
  private waiting: Waiter[] = [];
  private writing = false;
  private scheduled = false;

  constructor(private readonly owner: VoteBatcher) {}

  get queued(): number {
    return this.waiting.length;
  }

  push(w: Waiter): void {
    this.waiting.push(w);
    this.owner.notify();
    this.schedule();
  }

  schedule(): void {
    if (this.writing || this.scheduled || this.owner.paused || this.waiting.length === 0) return;
    this.scheduled = true;
    // After the I/O of this turn of the event loop, so that requests that arrived together share the first batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      let answerBefore: (() => void) | undefined;
      while (this.waiting.length > 0 && !this.owner.paused) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        const writing = this.write(batch);
        // PostgreSQL: the batch before is answered once this one's first statement is on its way, so that the
        // database works on it while the answers are written. (SQLite writes a batch without giving the event loop
        // back: its answers are sent at once.)
        if (answerBefore) setImmediate(answerBefore);
        const answer = await writing;
        if (this.owner.dialect === 'sqlite') answer();
        else answerBefore = answer;
      }
      answerBefore?.();
    } finally {
      this.writing = false;
    }
  }

  /** Writes the batch; returns what answers its waiters (the commit's outcome for each, or the failure for all). */
  private async write(batch: Waiter[]): Promise<() => void> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.owner.db.transaction().execute(async (trx) => {
        const head = await takeVoteLogHead(trx, this.owner.dialect, batch[0]!.header);
        const kept: LogRecord[] = [];
        let pending: LogRecord[] = [];
        const log: BatchLog = {
          get seq() {
            return head.seq + kept.length + pending.length;
          },
          get lastAt() {
            return (pending.at(-1) ?? kept.at(-1))?.at ?? head.lastAt;
          },
          add(records) {
            pending.push(...records);
          },
        };
        // By group: what its `load` read, shared by its attempts' writes and handed to its `flush`.
        const shared = new Map<string, { group: BatchGroup<unknown>; value: unknown }>();
        for (const w of batch) {
          const g = w.group;
          if (!g || shared.has(g.key)) continue;
          const hints = batch.filter((x) => x.group?.key === g.key).map((x) => x.group!.hint);
          shared.set(g.key, { group: g, value: await g.load(trx, hints) });
        }
        for (const w of batch) {
          pending = [];
          const savepoint = !w.group?.cleanRefusals;
          if (savepoint) await sql`savepoint vote`.execute(trx);
          try {
            const value = await w.write(trx, log, w.group ? shared.get(w.group.key)!.value : undefined);
            if (savepoint) await sql`release savepoint vote`.execute(trx);
            kept.push(...pending);
            outcomes.push({ ok: true, value });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            if (savepoint) {
              await sql`rollback to savepoint vote`.execute(trx);
              await sql`release savepoint vote`.execute(trx);
            }
            outcomes.push({ ok: false, error });
          }
        }
        pending = [];
        for (const { group, value } of shared.values()) await group.flush?.(trx, value);
        await appendVoteLog(trx, head, kept);
      });
    } catch (error) {
      return () => {
        for (const w of batch) w.reject(error);
        this.owner.onBatch?.(batch.length, false);
      };
    }
    return () => {
      this.owner.onBatch?.(batch.length, true);
      batch.forEach((w, i) => {
        const o = outcomes[i]!;
        if (o.ok) w.resolve(o.value);
        else w.reject(o.error);
      });
    };
  }
}

/** The batcher of one database handle (one process's pool): a queue per contest. */
export class VoteBatcher {
  paused = false;
  /** Called after each batch with its size and whether it committed (metrics, tests). */
  onBatch?: (size: number, committed: boolean) => void;
  private readonly queues = new Map<number, ContestQueue>();
  private listeners: (() => void)[] = [];

  constructor(
    readonly db: Kysely<DB>,
    readonly dialect: DialectName,
  ) {}

  /** Queues an attempt for the contest's next batch; settles after that batch's commit (or its failure). */
  submit<T, H = never>(header: VoteContestHeader, write: VoteWrite<T>, group?: BatchGroup<H>): Promise<T> {
    let q = this.queues.get(header.id);
    if (!q) {
      q = new ContestQueue(this);
      this.queues.set(header.id, q);
    }
    const queue = q;
    return new Promise<T>((resolve, reject) => {
      queue.push({
        header,
        write: write as VoteWrite<unknown>,
        group: group as BatchGroup<unknown> | undefined,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
    });
  }

  /** Attempts waiting for a batch in this contest (not counting the batch being written). */
  queued(contestId: number): number {
    return this.queues.get(contestId)?.queued ?? 0;
  }

  /** Holds new batches back (tests use it to put chosen attempts in one batch); `resume` writes what waited. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const q of this.queues.values()) q.schedule();
  }

  /** Resolves once at least `n` attempts wait in the contest's queue. */
  async whenQueued(contestId: number, n: number): Promise<void> {
    while (this.queued(contestId) < n) await new Promise<void>((r) => this.listeners.push(r));
  }

  notify(): void {
    const ls = this.listeners;
    this.listeners = [];
    for (const l of ls) l();
  }
}

const batchers = new WeakMap<Kysely<DB>, VoteBatcher>();

/** The process's batcher for this database handle. */
export function voteBatcher(deps: { db: Kysely<DB>; dialect: DialectName }): VoteBatcher {
  let b = batchers.get(deps.db);
  if (!b) {
    b = new VoteBatcher(deps.db, deps.dialect);
    batchers.set(deps.db, b);
  }
  return b;
}
