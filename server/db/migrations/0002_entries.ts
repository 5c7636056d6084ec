import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  const id = idColumnSql(dialect);

  await db.schema
    .createTable('entries')
    .addColumn('id', id)
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('code', 'text')
    .addColumn('owner_user_id', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('party_kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', t.ref, (c) => c.references('units.id'))
    /** Whose quota the entry counts against: "unit:12", "phone:0912345678" or "user:7" (R2, R3). */
    .addColumn('quota_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('draft_json', 'text', (c) => c.notNull())
    .addColumn('title_folded', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_intake', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('intake_by_user_id', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('accepted_upload_id', 'text')
    .addColumn('active_upload_id', 'text')
    .addColumn('submitted_at', t.timestamp)
    .addColumn('withdrawn_at', t.timestamp)
    .addColumn('consent_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addCheckConstraint('entries_party', sql`(party_kind = 'unit') = (unit_id is not null)`)
    .addUniqueConstraint('entries_code', ['contest_id', 'code'])
    .execute();
  await db.schema.createIndex('entries_contest_status').on('entries').columns(['contest_id', 'status']).execute();
  await db.schema.createIndex('entries_owner').on('entries').column('owner_user_id').execute();

  // One row per submitted entry; the unique (contest, quota_key, slot) makes "at most N" hold under any race,
  // on either database, without locks: a submission claims the lowest free slot number up to the limit.
  await db.schema
    .createTable('entry_slots')
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('quota_key', 'text', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull().check(sql`slot >= 1`))
    .addColumn('entry_id', t.ref, (c) => c.notNull().unique().references('entries.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('entry_slots_pk', ['contest_id', 'quota_key', 'slot'])
    .execute();

  // Entry codes are numbered per contest in submission order.
  await db.schema
    .createTable('entry_code_counters')
    .addColumn('contest_id', t.ref, (c) => c.primaryKey().references('contests.id').onDelete('cascade'))
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('user_id', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('size_bytes', t.bigint, (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('verdict_json', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('completed_at', t.timestamp)
    .addColumn('check_started_at', t.timestamp)
    .addColumn('checked_at', t.timestamp)
    .execute();
  await db.schema.createIndex('uploads_entry').on('uploads').column('entry_id').execute();
  await db.schema.createIndex('uploads_status').on('uploads').column('status').execute();

  await db.schema
    .createTable('entry_events')
    .addColumn('id', id)
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('actor_user_id', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('details_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entry_events_entry').on('entry_events').columns(['entry_id', 'id']).execute();
}
