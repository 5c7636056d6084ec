/**
 * The worker role's integrity checks over new votes (run-integrity-checks.ts), every few seconds. They run on a
 * thread with its own connection to the database (ADR 0066), so that a pass over thousands of votes takes no turn
 * from the voters' requests on the main thread: in the default install, the web and worker roles share one process.
 * A thread that fails or stops hands the pass back to the main thread, whose monitors start again from the stored
 * cursor, as a restarted process does. `INTEGRITY_THREAD=0`, or an in-memory SQLite database (which no second
 * connection can open), keeps them on the main thread.
 */
import type { Deps } from '../../context.ts';
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
  /** Waits for the pass under way, then ends the thread. */
  close(): Promise<void>;
  /** Where the last pass ran. */
  readonly ranOn: 'thread' | 'main' | null;
  /** Ends the thread at once, as a crash would (tests). */
  terminate(): Promise<void>;
}

export function integrityChecks(deps: Deps): IntegrityChecks {
  const database = deps.config.database;
  const threaded = deps.config.integrityThread && !(database.kind === 'sqlite' && database.file === ':memory:');
  let thread: RequestThread<IntegrityPass, number> | null = null;
  let ranOn: IntegrityChecks['ranOn'] = null;
  return {
    get ranOn() {
      return ranOn;
    },
    async run() {
      const contests = await contestsWithUnreadVotes(deps);
      if (contests.length === 0) return 0;
      if (threaded) {
        // Started at the first pass with votes to read: a server without votes never starts it.
        thread ??= new RequestThread(
          new URL('./integrity-checks-thread-worker.ts', import.meta.url),
          { database },
          (err) => deps.logger.error({ err }, 'The integrity checks thread failed; they run on the main thread'),
          (f) => new Error(f.message ?? f.code ?? 'integrity checks thread: no answer'),
        );
        if (thread.usable) {
          try {
            const held = await thread.request({ contests, clockOffsetMs: deps.clock().getTime() - Date.now() });
            ranOn = 'thread';
            return held;
          } catch (e) {
            if (!(e instanceof ThreadStopped)) throw e;
          }
        }
      }
      const held = await runIntegrityChecksOf(deps, contests);
      ranOn = 'main';
      return held;
    },
    close: () => thread?.close() ?? Promise.resolve(),
    terminate: () => thread?.terminate() ?? Promise.resolve(),
  };
}
