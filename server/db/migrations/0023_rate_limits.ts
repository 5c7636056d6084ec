import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * `rate_limits`: the counters of rate-limiter-flexible's PostgreSQL store (docs/decisions/0039), shared by every web
 * process. The columns are the library's own (`key`, `points`, `expire` in epoch milliseconds); the table is created
 * here rather than by the library at start-up, so that it lives in the app's schema and backups see it. Created on
 * SQLite too, where it stays empty (one process, counters in memory), so the schema is the same on both engines.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', dialect === 'postgres' ? 'varchar(255)' : 'text', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  await db.schema.createIndex('rate_limits_expire').on('rate_limits').column('expire').execute();
}
