import { type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * Jurors reminded by hand (issue 11, item 7; ADR 0044): each "Nhắc giám khảo" the chair or the secretary sends to a
 * juror of a round, with who sent it, what was left and whether the e-mail and the text message went; the newest
 * one per round and juror rate-limits the next. Apart from `judging_reminders` (the job's 72 and 24 hour points),
 * so that a reminder by hand neither uses up nor is blocked by the automatic ones.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('judging_manual_reminders')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('round_id', t.ref, (c) => c.notNull().references('judging_rounds.id').onDelete('cascade'))
    .addColumn('juror_user_id', t.ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('sent_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('unfinished', t.int, (c) => c.notNull())
    .addColumn('is_emailed', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('is_texted', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('judging_manual_reminders_juror')
    .on('judging_manual_reminders')
    .columns(['round_id', 'juror_user_id', 'sent_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('judging_manual_reminders').execute();
}
