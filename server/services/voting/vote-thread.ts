/**
 * On SQLite, votes are written by a worker thread (ADR 0061). The main thread parses and checks each vote's request
 * (cookies, CSRF, the proof of work's signatures, the window) and sends the result, plain data, as one message; the
 * thread batches the votes, reads, decides, writes and commits with its own connection, and answers each vote after
 * the commit. The main thread's connection serves everything else meanwhile. Both connections take SQLite's write
 * lock when their transactions begin (dialect.ts), so the log's head is always read under it.
 *
 * A thread that fails or stops hands its votes back: they are written by the main thread's batcher. A vote whose
 * batch had committed is then refused by the rule the database holds ("already voted today"), never counted twice.
 */
import { AppError, type ErrorCode, type ErrorParams } from '@core/errors.ts';
import type { Deps } from '../../context.ts';
import { beforeClose } from '../../db/dialect.ts';
import { RequestThread, type ThreadFailure } from '../../threads/request-thread.ts';
import { ContestChanged, type CastAttempt } from './cast-attempt.ts';

type Cast = { status: 'counted' | 'quarantined'; now: Date };

/** The thread is not (or no longer) there: the vote is to be written by the main thread. */
export { ThreadStopped as VoteThreadStopped } from '../../threads/request-thread.ts';

function castError(f: ThreadFailure): unknown {
  if (f.code === 'vote.contestChanged') return new ContestChanged();
  if (f.code) return new AppError(f.code as ErrorCode, f.params as ErrorParams, f.details);
  return new Error(f.message ?? 'vote thread: no answer');
}

export class VoteThread {
  private readonly thread: RequestThread<CastAttempt, Cast>;

  constructor(file: string, onError: (err: unknown) => void) {
    this.thread = new RequestThread(new URL('./vote-thread-worker.ts', import.meta.url), { file }, onError, castError);
  }

  get usable(): boolean {
    return this.thread.usable;
  }

  /** Settles after the vote's batch committed; `VoteThreadStopped` if the thread could not write it. */
  cast(attempt: CastAttempt): Promise<Cast> {
    return this.thread.request(attempt);
  }

  /** Ends the thread at once, as a crash would: its votes waiting are handed back (tests). */
  terminate(): Promise<void> {
    return this.thread.terminate();
  }

  /** Waits for the votes sent, then closes the thread's connection and ends it. */
  close(): Promise<void> {
    return this.thread.close();
  }
}

const threads = new WeakMap<object, VoteThread>();

/** The vote thread of this database, started at its first vote; null where votes are written on the main thread. */
export function voteThreadOf(deps: Deps): VoteThread | null {
  const database = deps.config.database;
  if (!deps.config.voteThread || database.kind !== 'sqlite' || database.file === ':memory:') return null;
  let thread = threads.get(deps.db);
  if (!thread) {
    thread = new VoteThread(database.file, (err) =>
      deps.logger.error({ err }, 'The vote thread failed; votes are written by the main thread'),
    );
    threads.set(deps.db, thread);
    const started = thread;
    beforeClose(deps.db, () => started.close());
  }
  return thread.usable ? thread : null;
}
