import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * Judging (issue 11, ADR 0020 and 0025): the contest's judging settings, rounds with their jurors, entries and
 * assignment, conflicts declared and recusals, blind codes, one score sheet per round × juror × entry with every
 * version kept (append-only), and the chair's tie decisions. Paper columns (`source`, `entered_by`, `checked_by`) are
 * here so that the secretary's typing of signed sheets needs no second migration.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .alterTable('contests')
    .addColumn('judging_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  await db.schema
    .createTable('judging_rounds')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`state in ('draft', 'open', 'locked')`),
    )
    .addColumn('window_starts_at', t.timestamp, (c) => c.notNull())
    .addColumn('window_ends_at', t.timestamp, (c) => c.notNull())
    .addColumn('entry_set_json', 'text', (c) => c.notNull())
    .addColumn('rubric_json', 'text', (c) => c.notNull())
    .addColumn('assignment_json', 'text', (c) => c.notNull())
    .addColumn('method_json', 'text', (c) => c.notNull())
    .addColumn('opened_at', t.timestamp)
    .addColumn('locked_at', t.timestamp)
    .addColumn('created_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('judging_rounds_position', ['contest_id', 'position'])
    .execute();

  await db.schema
    .createTable('judging_round_jurors')
    .addColumn('round_id', t.ref, (c) => c.notNull().references('judging_rounds.id').onDelete('cascade'))
    .addColumn('user_id', t.ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('is_chair', t.bool, (c) => c.notNull().defaultTo(t.false))
    .addColumn('unit_id', t.ref, (c) => c.references('units.id').onDelete('set null'))
    .addColumn('unit_name', 'text')
    .addColumn('mode', 'text', (c) =>
      c
        .notNull()
        .defaultTo('online')
        .check(sql`mode in ('online', 'paper')`),
    )
    .addColumn('submitted_at', t.timestamp)
    .addColumn('submitted_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addPrimaryKeyConstraint('judging_round_jurors_pk', ['round_id', 'user_id'])
    .execute();
  await sql`create unique index judging_one_chair on judging_round_jurors (round_id) where is_chair = ${
    dialect === 'postgres' ? sql`true` : sql`1`
  }`.execute(db);

  await db.schema
    .createTable('judging_round_entries')
    .addColumn('round_id', t.ref, (c) => c.notNull().references('judging_rounds.id').onDelete('cascade'))
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('judging_round_entries_pk', ['round_id', 'entry_id'])
    .execute();

  await db.schema
    .createTable('judging_assignments')
    .addColumn('round_id', t.ref, (c) => c.notNull().references('judging_rounds.id').onDelete('cascade'))
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('juror_user_id', t.ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('judging_assignments_pk', ['round_id', 'entry_id', 'juror_user_id'])
    .execute();
  await db.schema
    .createIndex('judging_assignments_juror')
    .on('judging_assignments')
    .columns(['round_id', 'juror_user_id'])
    .execute();

  await db.schema
    .createTable('judging_blocks')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('juror_user_id', t.ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('declared', 'recused')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_user_id', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('withdrawn_at', t.timestamp)
    .addColumn('withdrawn_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('withdraw_reason', 'text')
    .execute();
  await sql`create unique index judging_blocks_in_force on judging_blocks (entry_id, juror_user_id, kind)
    where withdrawn_at is null`.execute(db);
  await db.schema.createIndex('judging_blocks_contest').on('judging_blocks').columns(['contest_id']).execute();

  await db.schema
    .createTable('judging_blind_codes')
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('entry_id', t.ref, (c) => c.notNull().primaryKey().references('entries.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addUniqueConstraint('judging_blind_codes_code', ['contest_id', 'code'])
    .execute();

  await db.schema
    .createTable('judging_scores')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('round_id', t.ref, (c) => c.notNull().references('judging_rounds.id').onDelete('cascade'))
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('juror_user_id', t.ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('sheet_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('source', 'text', (c) =>
      c
        .notNull()
        .defaultTo('online')
        .check(sql`source in ('online', 'paper')`),
    )
    .addColumn('entered_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('checked_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('checked_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('judging_scores_sheet', ['round_id', 'juror_user_id', 'entry_id'])
    .addCheckConstraint('judging_scores_second_checker', sql`checked_by is null or checked_by <> entered_by`)
    .execute();

  await db.schema
    .createTable('judging_score_versions')
    .addColumn('score_id', t.ref, (c) => c.notNull().references('judging_scores.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sheet_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', t.ref)
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('judging_score_versions_pk', ['score_id', 'version'])
    .execute();
  if (dialect === 'sqlite') {
    await sql`create trigger judging_score_versions_no_update before update on judging_score_versions
      begin select raise(abort, 'judging_score_versions is append-only'); end`.execute(db);
    await sql`create trigger judging_score_versions_no_delete before delete on judging_score_versions
      begin select raise(abort, 'judging_score_versions is append-only'); end`.execute(db);
  } else {
    await sql`create function judging_score_versions_append_only() returns trigger language plpgsql
      as $$ begin raise exception 'judging_score_versions is append-only'; end $$`.execute(db);
    await sql`create trigger judging_score_versions_no_change before update or delete on judging_score_versions
      for each row execute function judging_score_versions_append_only()`.execute(db);
  }

  await db.schema
    .createTable('judging_tie_decisions')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('round_id', t.ref, (c) => c.notNull().references('judging_rounds.id').onDelete('cascade'))
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('entry_ids_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema.dropTable('judging_tie_decisions').execute();
  await db.schema.dropTable('judging_score_versions').execute();
  if (dialect === 'postgres') await sql`drop function judging_score_versions_append_only()`.execute(db);
  await db.schema.dropTable('judging_scores').execute();
  await db.schema.dropTable('judging_blind_codes').execute();
  await db.schema.dropTable('judging_blocks').execute();
  await db.schema.dropTable('judging_assignments').execute();
  await db.schema.dropTable('judging_round_entries').execute();
  await db.schema.dropTable('judging_round_jurors').execute();
  await db.schema.dropTable('judging_rounds').execute();
  await db.schema.alterTable('contests').dropColumn('judging_json').execute();
}
