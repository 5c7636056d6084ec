import { sql, type Kysely } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * Judging's paper check and jurors' reminders (issue 11, ADR 0036).
 *
 * - `judging_scores.rejected_by`, `rejected_at`, `reject_reason`: a typed paper sheet that the second person found
 *   different from the signed one goes back to whoever typed it, with the reason; typing it again clears them. The
 *   check itself uses 0013's `checked_by`, `checked_at`.
 * - `judging_reminders`: one row per round, juror and reminder point (hours before the round's window closes),
 *   written before the reminder is sent; the primary key makes each go once, as `deadline_reminders` does.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .alterTable('judging_scores')
    .addColumn('rejected_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('judging_scores').addColumn('rejected_at', t.timestamp).execute();
  await db.schema.alterTable('judging_scores').addColumn('reject_reason', 'text').execute();

  await db.schema
    .createTable('judging_reminders')
    .addColumn('round_id', t.ref, (c) => c.notNull().references('judging_rounds.id').onDelete('cascade'))
    .addColumn('juror_user_id', t.ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('threshold_hours', t.int, (c) => c.notNull().check(sql`threshold_hours > 0`))
    .addColumn('window_ends_at', t.timestamp, (c) => c.notNull())
    .addColumn('unfinished', t.int, (c) => c.notNull())
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .addColumn('is_emailed', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addPrimaryKeyConstraint('judging_reminders_pk', ['round_id', 'juror_user_id', 'threshold_hours'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('judging_reminders').execute();
  await db.schema.alterTable('judging_scores').dropColumn('reject_reason').execute();
  await db.schema.alterTable('judging_scores').dropColumn('rejected_at').execute();
  await db.schema.alterTable('judging_scores').dropColumn('rejected_by').execute();
}
