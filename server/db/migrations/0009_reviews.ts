import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * Review of submitted entries (core/review.ts, server/services/reviews/record-review.ts) and in-app notifications
 * (server/notify/).
 *
 * - `contests.reviews_required`: 1 or 2 reviewers must agree.
 * - `entries.review_status`: null until the entry is first submitted; `review_round` counts submissions, so that a
 *   returned entry sent again starts a fresh round; `fix_deadline` is set while the entry is returned for a fix.
 * - `reviews`: one row per decision; a reviewer decides once per round (`is_final` marks the organizer's word that
 *   settles a disputed round, which the same person may give after reviewing).
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .alterTable('contests')
    .addColumn('reviews_required', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`reviews_required in (1, 2)`),
    )
    .execute();
  await db.schema
    .alterTable('entries')
    .addColumn('review_status', 'text', (c) =>
      c.check(sql`review_status in ('pending', 'approved', 'rejected', 'returned', 'disputed')`),
    )
    .execute();
  await db.schema
    .alterTable('entries')
    .addColumn('review_round', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('entries').addColumn('fix_deadline', t.timestamp).execute();
  await db.schema
    .createIndex('entries_contest_review')
    .on('entries')
    .columns(['contest_id', 'review_status'])
    .execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull().check(sql`round >= 1`))
    .addColumn('reviewer_user_id', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('approve', 'reject', 'return')`))
    /** For the entrant. */
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    /** For the staff only. */
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('checklist_json', 'text', (c) => c.notNull())
    .addColumn('fix_deadline', t.timestamp)
    .addColumn('is_final', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addCheckConstraint('reviews_return_deadline', sql`(decision = 'return') = (fix_deadline is not null)`)
    .addUniqueConstraint('reviews_one_per_reviewer', ['entry_id', 'round', 'reviewer_user_id', 'is_final'])
    .execute();
  await db.schema.createIndex('reviews_entry_round').on('reviews').columns(['entry_id', 'round', 'id']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('user_id', t.ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entry_id', t.ref, (c) => c.references('entries.id').onDelete('cascade'))
    /** { title: { vi, en }, body: { vi, en }, ...facts }: never a phone or an address. */
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('read_at', t.timestamp)
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('reviews').execute();
  await db.schema.dropIndex('entries_contest_review').execute();
  await db.schema.alterTable('entries').dropColumn('fix_deadline').execute();
  await db.schema.alterTable('entries').dropColumn('review_round').execute();
  await db.schema.alterTable('entries').dropColumn('review_status').execute();
  await db.schema.alterTable('contests').dropColumn('reviews_required').execute();
}
