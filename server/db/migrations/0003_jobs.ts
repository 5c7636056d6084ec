import { sql, type Kysely } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * The embedded job queue (server/jobs/embedded-queue.ts). With pg-boss (PostgreSQL) this table stays empty: pg-boss
 * keeps its jobs in a schema of its own.
 *
 * Also drops `uploads.check_started_at`: the interim upload-check runner used it to claim uploads; the queue claims
 * jobs instead, so nothing reads or writes it any more.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('created', 'active', 'completed', 'failed')`))
    .addColumn('singleton_key', 'text')
    /** Runs started so far, including one in progress. */
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().check(sql`max_attempts >= 1`))
    /** The wait before the first retry; each further retry waits twice as long (with jitter). */
    .addColumn('retry_delay_ms', 'integer', (c) => c.notNull())
    /** Longest one run may take; a run still going after that is given up and counts as failed. */
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    .addColumn('run_after', t.timestamp, (c) => c.notNull())
    /** The claim of the worker running it; its heartbeats push `locked_until` on, a dead worker's lapses. */
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('started_at', t.timestamp)
    .addColumn('completed_at', t.timestamp)
    .execute();
  await db.schema.createIndex('jobs_claim').on('jobs').columns(['name', 'state', 'run_after']).execute();
  await db.schema.createIndex('jobs_locked').on('jobs').columns(['state', 'locked_until']).execute();
  // At most one unfinished job per key: a second `send` with the same key while one waits or runs is dropped.
  await db.schema
    .createIndex('jobs_singleton')
    .on('jobs')
    .columns(['name', 'singleton_key'])
    .unique()
    .where(sql<boolean>`singleton_key is not null and state in ('created', 'active')`)
    .execute();

  await db.schema.alterTable('uploads').dropColumn('check_started_at').execute();
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('uploads').addColumn('check_started_at', types(dialect).timestamp).execute();
  await db.schema.dropTable('jobs').execute();
}
