import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Generated, Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { changeToken, openSqlite } from '../../server/db/dialect.ts';
import { sqliteForKysely } from '../../server/db/sqlite-statements.ts';

const opened: SqliteDatabase.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A raw database that counts how often a statement is prepared. */
function counted(): { raw: SqliteDatabase.Database; prepared: () => number } {
  const raw = new SqliteDatabase(':memory:');
  opened.push(raw);
  raw.exec('create table t (id integer primary key, name text, is_open integer)');
  raw.exec("insert into t (name, is_open) values ('a', 1), ('b', 0), ('c', 1)");
  let n = 0;
  const prepare = raw.prepare.bind(raw);
  raw.prepare = ((sql: string) => {
    n++;
    return prepare(sql);
  }) as typeof raw.prepare;
  return { raw, prepared: () => n };
}

describe('SQLite statements as Kysely sees them', () => {
  it('prepares a query once and reuses it', () => {
    const { raw, prepared } = counted();
    const db = sqliteForKysely(raw);
    for (let i = 0; i < 5; i++) expect(db.prepare('select name from t where id = ?').all([2])).toEqual([{ name: 'b' }]);
    expect(prepared()).toBe(1);
    db.prepare('select name from t where id = ? or id = ?').all([1, 3]);
    expect(prepared()).toBe(2);
  });

  it('gives a fresh statement while the kept one is still being iterated', () => {
    const { raw, prepared } = counted();
    const db = sqliteForKysely(raw);
    const sql = 'select id from t order by id';
    const outer = db.prepare(sql).iterate([]);
    expect(outer.next().value).toEqual({ id: 1 });
    // The kept statement is busy: the same SQL must still run.
    expect(db.prepare(sql).all([])).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect([...outer]).toEqual([{ id: 2 }, { id: 3 }]);
    expect(prepared()).toBe(2);
  });

  it('keeps at most the number of statements asked for, dropping the oldest', () => {
    const { raw, prepared } = counted();
    const db = sqliteForKysely(raw, 2);
    db.prepare('select 1').all([]);
    db.prepare('select 2').all([]);
    db.prepare('select 3').all([]);
    expect(prepared()).toBe(3);
    db.prepare('select 3').all([]);
    db.prepare('select 2').all([]);
    expect(prepared()).toBe(3);
    db.prepare('select 1').all([]);
    expect(prepared()).toBe(4);
  });

  it('binds booleans as 1 and 0', () => {
    const { raw } = counted();
    const db = sqliteForKysely(raw);
    expect(db.prepare('select name from t where is_open = ? order by id').all([true])).toEqual([
      { name: 'a' },
      { name: 'c' },
    ]);
    expect(db.prepare('insert into t (name, is_open) values (?, ?)').run(['d', false]).changes).toBe(1);
    expect(raw.prepare("select is_open from t where name = 'd'").get()).toEqual({ is_open: 0 });
  });

  it('sees a column added after a statement was kept', () => {
    const { raw } = counted();
    const db = sqliteForKysely(raw);
    expect(db.prepare('select * from t where id = ?').all([1])).toEqual([{ id: 1, name: 'a', is_open: 1 }]);
    raw.exec("alter table t add column note text not null default 'x'");
    expect(db.prepare('select * from t where id = ?').all([1])).toEqual([{ id: 1, name: 'a', is_open: 1, note: 'x' }]);
  });

  it("changes its token on this connection's writes, whether or not they commit, and not on reads", () => {
    const { raw } = counted();
    const db = sqliteForKysely(raw);
    const t0 = db.changes();
    db.prepare('select name from t where id = ?').all([1]);
    expect(db.changes()).toBe(t0);
    db.prepare("update t set name = 'z' where id = 1").run([]);
    const t1 = db.changes();
    expect(t1).not.toBe(t0);
    // Writes that change no row, and RETURNING (read with all), count too.
    db.prepare("update t set name = 'z' where id = 999").run([]);
    expect(db.changes()).not.toBe(t1);
    const t2 = db.changes();
    expect(db.prepare("insert into t (name) values ('e') returning id").all([])).toEqual([{ id: 4 }]);
    expect(db.changes()).not.toBe(t2);
  });

  it('changes its token when another connection commits to the same file (PRAGMA data_version)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-statements-'));
    const file = path.join(dir, 'db.sqlite');
    const { db, close } = openSqlite(file);
    try {
      const token = changeToken(db)!;
      await db.schema.createTable('n').addColumn('v', 'integer').execute();
      const t0 = token();
      expect(token()).toBe(t0);
      const other = new SqliteDatabase(file);
      opened.push(other);
      other.prepare('insert into n (v) values (1)').run();
      expect(token()).not.toBe(t0);
    } finally {
      await close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('through Kysely: booleans written and read back, the same query run many times', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-statements-'));
    const { db, close } = openSqlite(path.join(dir, 'db.sqlite'));
    try {
      await db.schema
        .createTable('flags')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('is_on', 'integer')
        .execute();
      // A table of this test's own, outside the app's schema.
      const flags = db as unknown as Kysely<{ flags: { id: Generated<number>; is_on: boolean } }>;
      for (let i = 0; i < 20; i++)
        await flags
          .insertInto('flags')
          .values({ is_on: i % 2 === 0 })
          .execute();
      const on = await flags.selectFrom('flags').select(['id', 'is_on']).where('is_on', '=', true).execute();
      expect(on).toHaveLength(10);
      expect(on.every((r) => r.is_on === true)).toBe(true);
      const off = await flags.selectFrom('flags').selectAll().where('is_on', 'in', [false]).execute();
      expect(off.map((r) => r.is_on)).toEqual(Array(10).fill(false));
    } finally {
      await close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
