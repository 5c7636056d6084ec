import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * Publication of approved entries in the public gallery (R11, R16), reports from the public, and the contest's news.
 *
 * - `publications`: one row per entry ever published; `unpublished_at` set while it is withdrawn from the gallery
 *   (with the reason), cleared when it is published again. `caption` is the public credit (names and unit only).
 * - `contests.hashtag`: the contest's hashtag for captions; null means one made from the slug.
 * - `entry_reports`: a report by anyone (copied, rights, inappropriate, other) and the committee's outcome.
 * - `news_posts`: announcements the organizers write on the contest's home page.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema.alterTable('contests').addColumn('hashtag', 'text').execute();
  await db.schema
    .createTable('publications')
    .addColumn('entry_id', t.ref, (c) => c.primaryKey().references('entries.id').onDelete('cascade'))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('caption', 'text', (c) => c.notNull())
    .addColumn('published_at', t.timestamp, (c) => c.notNull())
    .addColumn('published_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('unpublished_at', t.timestamp)
    .addColumn('unpublished_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('unpublish_reason', 'text')
    .execute();
  await db.schema
    .createIndex('publications_contest')
    .on('publications')
    .columns(['contest_id', 'unpublished_at'])
    .execute();

  await db.schema
    .createTable('entry_reports')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('copied', 'rights', 'inappropriate', 'other')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    /** Only for the committee to reply; never shown publicly. */
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reporter_user_id', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'dismissed', 'upheld')`),
    )
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resolved_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entry_reports_contest').on('entry_reports').columns(['contest_id', 'status']).execute();

  await db.schema
    .createTable('news_posts')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_user_id', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('news_posts_contest').on('news_posts').columns(['contest_id', 'published_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('news_posts').execute();
  await db.schema.dropTable('entry_reports').execute();
  await db.schema.dropTable('publications').execute();
  await db.schema.alterTable('contests').dropColumn('hashtag').execute();
}
