/**
 * The integrity checks' thread (integrity-checks.ts): its own connection to the server's database, and the same
 * checks as the main thread's (run-integrity-checks.ts), whose monitors then live here. Bundled with its imports when
 * the thread starts.
 */
import { workerData } from 'node:worker_threads';
import type { Config } from '../../config.ts';
import { openDatabase } from '../../db/dialect.ts';
import { serveRequests } from '../../threads/serve-requests.ts';
import { runIntegrityChecksOf } from './run-integrity-checks.ts';
import type { IntegrityPass } from './integrity-checks.ts';

// One connection: a pass reads and writes one batch at a time. On SQLite, checkpoints stay with the main thread's.
const database = openDatabase(workerData.database as Config['database'], false, 1);
// The main thread's clock, as far from this thread's as it was when the pass was asked for (the tests' clock too).
let offset = 0;
const deps = { db: database.db, dialect: database.dialect, clock: () => new Date(Date.now() + offset) };

serveRequests(
  (pass: IntegrityPass) => {
    offset = pass.clockOffsetMs;
    return runIntegrityChecksOf(deps, pass.contests);
  },
  () => database.close(),
);
