import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * Awards (issue 13, ADR 0022 and 0034): the prize allocation in versions, the committee's decisions with their
 * reasons, and the winners of each announced version.
 *
 * - `award_allocations`: one row per version; the latest is the allocation in force. A draft is re-proposed in place;
 *   approval and announcement change its state; an amendment after announcement is a new announced version naming
 *   the version it amends and the decision that made it. `result_json` is the `Allocation` (core/awards).
 * - `award_decisions`: append-only; `breakTie` and `revoke` are applied by every recomputation, `reopen` and `amend`
 *   are the record of those steps.
 * - `award_winners`: the awarded places of each announced version, what results, certificates and lists read. An
 *   entry that won cannot be deleted while the record names it.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('award_decisions')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('breakTie', 'revoke', 'reopen', 'amend')`))
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('award_decisions_contest').on('award_decisions').columns(['contest_id', 'id']).execute();

  await db.schema
    .createTable('award_allocations')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'approved', 'announced')`))
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('inputs_sha256', 'text', (c) => c.notNull())
    .addColumn('proposed_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('proposed_at', t.timestamp, (c) => c.notNull())
    .addColumn('approved_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('approved_at', t.timestamp)
    .addColumn('announced_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('announced_at', t.timestamp)
    .addColumn('amends_version', 'integer')
    .addColumn('decision_id', t.ref, (c) => c.references('award_decisions.id'))
    .addUniqueConstraint('award_allocations_version', ['contest_id', 'version'])
    .execute();

  await db.schema
    .createTable('award_winners')
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('allocation_version', 'integer', (c) => c.notNull())
    .addColumn('prize_index', 'integer', (c) => c.notNull())
    .addColumn('place', 'integer', (c) => c.notNull())
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id'))
    .addColumn('prize_name', 'text', (c) => c.notNull())
    .addColumn('prize_name_en', 'text')
    .addColumn('prize_kind', 'text', (c) => c.notNull().check(sql`prize_kind in ('jury', 'public_vote')`))
    .addColumn('amount_vnd', t.bigint, (c) => c.notNull())
    .addColumn('is_by_committee', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addPrimaryKeyConstraint('award_winners_pk', ['contest_id', 'allocation_version', 'prize_index', 'place'])
    .execute();
  await db.schema.createIndex('award_winners_entry').on('award_winners').column('entry_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('award_winners').execute();
  await db.schema.dropTable('award_allocations').execute();
  await db.schema.dropTable('award_decisions').execute();
}
