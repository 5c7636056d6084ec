import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * The resident list (numbers kept only as keyed hashes, as voters' are), the committee's decision on a tie for the
 * most-voted prize, and the publication of the public vote's results with the log head they were computed from.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('voting_resident_lists')
    .addColumn('contest_id', t.ref, (c) => c.primaryKey().references('contests.id').onDelete('cascade'))
    .addColumn('numbers', t.int, (c) => c.notNull())
    .addColumn('loaded_at', t.timestamp, (c) => c.notNull())
    .addColumn('loaded_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createTable('voting_residents')
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('number_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('voting_residents_pk', ['contest_id', 'number_hash'])
    .execute();
  await db.schema
    .createTable('voting_tie_decisions')
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('platform', 'fanpage')`))
    .addColumn('tied_json', 'text', (c) => c.notNull())
    .addColumn('chosen_json', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('decided_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('voting_tie_decisions_pk', ['contest_id', 'source'])
    .execute();
  await db.schema
    .createTable('voting_results')
    .addColumn('contest_id', t.ref, (c) => c.primaryKey().references('contests.id').onDelete('cascade'))
    .addColumn('published_at', t.timestamp, (c) => c.notNull())
    .addColumn('published_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('log_seq', t.int, (c) => c.notNull())
    .addColumn('log_hash', 'text', (c) => c.notNull())
    .execute();
}
