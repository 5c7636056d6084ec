import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * Erasure on request and retention (issue 15 items 8–9; docs/decisions/0042): a person's requests with their
 * deadline and outcome, at most one waiting per person; each contest's retention period for entrants' contact
 * details; a report of every removal the retention job made; and the consent given with a pending registration.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('erasure_requests')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('user_id', t.ref, (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', t.timestamp, (c) => c.notNull())
    .addColumn('due_at', t.timestamp, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'done', 'refused')`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('handled_by_user_id', t.ref, (c) => c.references('users.id'))
    .addColumn('handled_at', t.timestamp)
    .addColumn('staff_reason', 'text')
    .addColumn('outcome_json', 'text')
    .execute();
  await sql`create unique index erasure_requests_one_pending on erasure_requests (user_id)
    where status = 'pending'`.execute(db);
  await db.schema.createIndex('erasure_requests_queue').on('erasure_requests').columns(['status', 'due_at']).execute();
  await db.schema
    .alterTable('contests')
    .addColumn('retention_months', t.int, (c) => c.notNull().defaultTo(12))
    .execute();
  // The consent ticked when registering, kept with the pending registration until its code comes back.
  await db.schema.alterTable('address_codes').addColumn('consent_version', 'text').execute();
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('entrants', 'voters')`))
    .addColumn('ran_at', t.timestamp, (c) => c.notNull())
    .addColumn('report_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('retention_runs_contest')
    .on('retention_runs')
    .columns(['contest_id', 'kind'])
    .unique()
    .execute();
}
