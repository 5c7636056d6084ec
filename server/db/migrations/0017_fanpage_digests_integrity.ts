import type { Kysely } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * Voting, second part (ADR 0021, 0038).
 *
 * - `fanpage_counts`: per published entry, the Facebook post's link and its reactions, shares and comments at the
 *   close, the screenshot's storage key, who last entered them and who confirmed them (a second person; any later
 *   edit clears the confirmation).
 * - `vote_digests`: the vote log's head at the end of each contest day (the day in the contest's time zone), published
 *   on the results so that a rewritten tail is caught by anyone who noted an earlier digest.
 * - `vote_integrity_cursor`: how far the stream checks (core/voting/integrity.ts) have read the contest's vote log.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('fanpage_counts')
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('post_url', 'text', (c) => c.notNull())
    .addColumn('reactions', t.bigint, (c) => c.notNull())
    .addColumn('shares', t.bigint, (c) => c.notNull())
    .addColumn('comments', t.bigint, (c) => c.notNull())
    .addColumn('evidence_key', 'text')
    .addColumn('evidence_type', 'text')
    .addColumn('edited_by', t.ref, (c) => c.notNull().references('users.id'))
    .addColumn('edited_at', t.timestamp, (c) => c.notNull())
    .addColumn('confirmed_by', t.ref, (c) => c.references('users.id'))
    .addColumn('confirmed_at', t.timestamp)
    .addPrimaryKeyConstraint('fanpage_counts_pk', ['contest_id', 'entry_id'])
    .execute();

  await db.schema
    .createTable('vote_digests')
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('stored_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_digests_pk', ['contest_id', 'day'])
    .execute();

  await db.schema
    .createTable('vote_integrity_cursor')
    .addColumn('contest_id', t.ref, (c) => c.primaryKey().references('contests.id').onDelete('cascade'))
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();
}
