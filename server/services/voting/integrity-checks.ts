/**
 * The worker role's integrity checks over new votes (run-integrity-checks.ts), every few seconds. They run on a
 * thread with its own connection to the database (ADR 0066), so that a pass over thousands of votes takes no turn
 * from the voters' requests on the main thread: in the default install, the web and worker roles share one process.
 * A thread that fails or stops hands its pass back to the main thread, whose monitors start again from the stored
 * cursor, as a restarted process does; the next pass starts a new thread, which does the same. `INTEGRITY_THREAD=0`,
 * or an in-memory SQLite database (which no second connection can open), keeps them on the main thread.
 */
import type { Deps } from '../../context.ts';
import { beforeClose } from '../../db/dialect.ts';
import { RequestThread, ThreadStopped } from '../../threads/request-thread.ts';
import { contestsWithUnreadVotes, runIntegrityChecksOf } from './run-integrity-checks.ts';

/** A pass asked of the thread: the contests with new votes, and how far the main thread's clock is from its own. */
export interface IntegrityPass {
  contests: number[];
  clockOffsetMs: number;
}

export interface IntegrityChecks {
  /** One pass over every contest's new votes; returns how many votes it quarantined. */
  run(): Promise<number>;
  /** Waits for the pass under way, then ends the thread; later passes run on the main thread. */
  close(): Promise<void>;
  /** Where the last pass ran. */
  readonly ranOn: 'thread' | 'main' | null;
  /** A pass is under way on the thread. */
  readonly onThreadNow: boolean;
  /** Ends the thread at once, as a crash would (tests). */
  terminate(): Promise<void>;
}

/** Threads started after the first one failed or stopped, before the checks stay on the main thread. */
const RESTARTS = 3;

export function integrityChecks(deps: Deps): IntegrityChecks {
  const database = deps.config.database;
  const threaded = deps.config.integrityThread && !(database.kind === 'sqlite' && database.file === ':memory:');
  let thread: RequestThread<IntegrityPass, number> | null = null;
  let starts = 0;
  let closed = false;
  let ranOn: IntegrityChecks['ranOn'] = null;
  const close = async () => {
    closed = true;
    await thread?.close();
  };

  /** The thread, started at the first pass with votes to read (a server without votes never starts it). */
  function usableThread(): RequestThread<IntegrityPass, number> | null {
    if (!threaded || closed) return null;
    // One that failed or stopped is replaced at the next pass, a few times: a passing fault must not move the
    // checks to the voters' thread for good.
    if ((!thread || !thread.usable) && starts <= RESTARTS) {
      starts++;
      thread = new RequestThread(
        new URL('./integrity-checks-thread-worker.ts', import.meta.url),
        { database },
        (err) => deps.logger.error({ err }, 'The integrity checks thread failed; this pass runs on the main thread'),
        (f) => {
          const err = new Error(f.message ?? 'integrity checks thread: no answer');
          if (f.stack) err.stack = f.stack;
          return err;
        },
      );
      // Closed before the database is, whoever closes it first: on SQLite the last connection removes the WAL.
      if (starts === 1) beforeClose(deps.db, close);
    }
    return thread?.usable ? thread : null;
  }

  return {
    get ranOn() {
      return ranOn;
    },
    get onThreadNow() {
      return (thread?.pending ?? 0) > 0;
    },
    async run() {
      const contests = await contestsWithUnreadVotes(deps);
      if (contests.length === 0) return 0;
      const onThread = usableThread();
      if (onThread) {
        try {
          const held = await onThread.request({ contests, clockOffsetMs: deps.clock().getTime() - Date.now() });
          ranOn = 'thread';
          return held;
        } catch (e) {
          if (!(e instanceof ThreadStopped)) throw e;
        }
      }
      const held = await runIntegrityChecksOf(deps, contests);
      ranOn = 'main';
      return held;
    },
    close,
    terminate: () => thread?.terminate() ?? Promise.resolve(),
  };
}
