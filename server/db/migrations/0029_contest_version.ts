import { sql, type Kysely } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * A contest's version (docs/decisions/0046): a number the database itself raises on every write to the contest's
 * row, its phases, its unit categories or its news, whoever writes them (a use case, another process, a script), so
 * that a server-rendered page can check with one point query that what it keeps is still the contest's.
 */
const CHILDREN = ['contest_phases', 'unit_categories', 'news_posts'] as const;

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .alterTable('contests')
    .addColumn('version', t.int, (c) => c.notNull().defaultTo(0))
    .execute();
  if (dialect === 'sqlite') {
    // Recursive triggers are off: the row's own update below does not fire this trigger again, and a child's bump
    // (which changes the version) does not pass its WHEN.
    await sql`create trigger contests_version_bump after update on contests
      when new.version = old.version
      begin update contests set version = old.version + 1 where id = new.id; end`.execute(db);
    for (const table of CHILDREN) {
      const name = sql.raw(table);
      await sql`create trigger ${sql.raw(`${table}_bump_contest_insert`)} after insert on ${name}
        begin update contests set version = version + 1 where id = new.contest_id; end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_bump_contest_update`)} after update on ${name}
        begin
          update contests set version = version + 1 where id = old.contest_id;
          update contests set version = version + 1 where id = new.contest_id and new.contest_id <> old.contest_id;
        end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_bump_contest_delete`)} after delete on ${name}
        begin update contests set version = version + 1 where id = old.contest_id; end`.execute(db);
    }
  } else {
    await sql`create function contests_version_bump() returns trigger language plpgsql as $$
      begin
        if new.version = old.version then new.version := old.version + 1; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger contests_version_bump before update on contests
      for each row execute function contests_version_bump()`.execute(db);
    await sql`create function contest_child_bump() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update contests set version = version + 1 where id = old.contest_id;
        end if;
        if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.contest_id <> old.contest_id) then
          update contests set version = version + 1 where id = new.contest_id;
        end if;
        return null;
      end $$`.execute(db);
    for (const table of CHILDREN) {
      await sql`create trigger ${sql.raw(`${table}_bump_contest`)} after insert or update or delete on ${sql.raw(table)}
        for each row execute function contest_child_bump()`.execute(db);
    }
  }
}
