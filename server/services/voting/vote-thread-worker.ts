/**
 * The vote thread (vote-thread.ts): its own connection to the server's SQLite file, its own batcher, and the same
 * batch code as the main thread's (`submitCast`). Bundled with its imports when the thread starts.
 */
import { workerData } from 'node:worker_threads';
import { openSqlite } from '../../db/dialect.ts';
import { serveRequests } from '../../threads/serve-requests.ts';
import { ContestChanged, type CastAttempt } from './cast-attempt.ts';
import { submitCast } from './cast-vote.ts';
import { currentVotingContest } from './voting-contest.ts';

// Checkpoints stay with the main thread's connection (sqlite-checkpointer.ts): this one has no checkpointer.
const database = openSqlite(workerData.file as string, false);
const deps = { db: database.db, dialect: 'sqlite' as const };

async function cast(a: CastAttempt) {
  // The contest as this connection reads it, at the version the main thread checked; else it is checked again there.
  const v = await currentVotingContest(deps, a.slug);
  if (v.version !== a.version) throw new ContestChanged();
  return submitCast(deps, v, a, () => new Date(a.checkedAt));
}

serveRequests(cast, () => database.close());
