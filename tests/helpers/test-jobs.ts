/**
 * Job queues for the queue tests (tests/integration/jobs.test.ts) and their child worker (job-worker.ts): the same
 * engines the app uses, with test jobs and short timings.
 */
import pino from 'pino';
import { openDatabase, type Database } from '../../server/db/dialect.ts';
import { createEmbeddedQueue } from '../../server/jobs/embedded-queue.ts';
import { createPgBossQueue } from '../../server/jobs/pg-boss-queue.ts';
import type { JobDefinitions, JobQueue } from '../../server/jobs/queue.ts';

export type TestJobs = {
  'test-ok': { n: number };
  'test-fail': { n: number };
  'test-hang': { n: number };
  'test-count': { n: number };
  'test-key': { n: number };
};

export const TEST_JOBS: JobDefinitions<TestJobs> = {
  'test-ok': { retryLimit: 2, retryDelaySeconds: 1, expireInSeconds: 30 },
  'test-fail': { retryLimit: 2, retryDelaySeconds: 1, expireInSeconds: 30 },
  // A run that outlives 2 s without finishing is how pg-boss notices a dead worker; the embedded engine notices the
  // missing heartbeats (LOCK_SECONDS) sooner.
  'test-hang': { retryLimit: 2, retryDelaySeconds: 1, expireInSeconds: 2 },
  'test-count': { retryLimit: 2, retryDelaySeconds: 1, expireInSeconds: 30 },
  'test-key': { retryLimit: 2, retryDelaySeconds: 1, expireInSeconds: 30, singleton: true },
};

export type Engine = 'embedded' | 'pg-boss';

/** Claims of the embedded engine lapse after this long without a heartbeat. */
export const LOCK_SECONDS = 1;

export interface TestQueue {
  queue: JobQueue<TestJobs>;
  /** The queue's own connection to the database (the embedded engine; pg-boss has its own pool). */
  database: Database | null;
  close(): Promise<void>;
}

/**
 * A queue of its own (own connections, as a separate worker process would have) on the test database. `pgBossSchema`
 * is where pg-boss keeps its tables, one per test file. `lockSeconds`: the embedded engine's claims (LOCK_SECONDS by
 * default, short so that a dead worker is noticed quickly).
 */
export function openTestQueue(
  engine: Engine,
  url: string,
  pgBossSchema: string | null,
  lockSeconds = LOCK_SECONDS,
): TestQueue {
  const logger = pino({ level: 'silent' });
  if (engine === 'pg-boss') {
    if (!pgBossSchema) throw new Error('pg-boss needs PostgreSQL');
    const queue = createPgBossQueue({
      connectionString: url,
      schema: pgBossSchema,
      definitions: TEST_JOBS,
      logger,
      maintenanceIntervalSeconds: 1,
    });
    return { queue, database: null, close: () => queue.stop({ graceMs: 2000 }) };
  }
  const database = openDatabase(
    url.startsWith('sqlite:') ? { kind: 'sqlite', file: url.slice('sqlite:'.length) } : { kind: 'postgres', url },
  );
  const queue = createEmbeddedQueue({
    db: database.db,
    dialect: database.dialect,
    definitions: TEST_JOBS,
    logger,
    lockSeconds,
  });
  return {
    queue,
    database,
    async close() {
      await queue.stop({ graceMs: 2000 });
      await database.close();
    },
  };
}
