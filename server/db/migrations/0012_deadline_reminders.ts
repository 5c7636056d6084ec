import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * Deadline reminders and units' contact people (ADR 0024).
 *
 * - `deadline_reminders`: one row per draft and threshold (72 or 24 hours before the deadline), written before the
 *   reminder is sent; the primary key is what makes it go once, whichever worker runs the job and however often.
 * - `units.contact_name`, `contact_position`, `contact_phone`: the unit's contact person (the e-mail is the existing
 *   `contact_email`).
 * - `unit_reminders`: each "Nhắc nhở" sent to a unit's contact, with what it said; the newest one rate-limits the next.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('deadline_reminders')
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('threshold_hours', t.int, (c) => c.notNull().check(sql`threshold_hours in (72, 24)`))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('deadline', t.timestamp, (c) => c.notNull())
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .addColumn('is_emailed', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('is_texted', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addPrimaryKeyConstraint('deadline_reminders_pk', ['entry_id', 'threshold_hours'])
    .execute();

  await db.schema.alterTable('units').addColumn('contact_name', 'text').execute();
  await db.schema.alterTable('units').addColumn('contact_position', 'text').execute();
  await db.schema.alterTable('units').addColumn('contact_phone', 'text').execute();

  await db.schema
    .createTable('unit_reminders')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('unit_id', t.ref, (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('sent_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submitted', t.int, (c) => c.notNull())
    .addColumn('min_entries', t.int, (c) => c.notNull())
    .addColumn('is_emailed', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('is_texted', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('unit_reminders_unit').on('unit_reminders').columns(['unit_id', 'sent_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_reminders').execute();
  await db.schema.alterTable('units').dropColumn('contact_phone').execute();
  await db.schema.alterTable('units').dropColumn('contact_position').execute();
  await db.schema.alterTable('units').dropColumn('contact_name').execute();
  await db.schema.dropTable('deadline_reminders').execute();
}
