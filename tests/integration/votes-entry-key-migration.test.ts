/**
 * Migration 0035 makes the entry key's uniqueness a partial index (ADR 0062); on SQLite it rebuilds the votes table.
 * Every vote must come through it unchanged, ids included, and the rule the key holds must still hold.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../../server/db/dialect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { DB } from '../../server/db/schema.ts';
import { createTestDatabase, dialectUnderTest, type TestDatabase } from '../helpers/test-db.ts';

const BEFORE = '0034_device_votes_through_sessions';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'votes-entry-key-'));
let pgDb: TestDatabase | null = null;
afterAll(async () => {
  await pgDb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const vote = (id: number, seq: number, voter: number, ruleKey: string, entryKey: string | null) => ({
  id,
  contest_id: 1,
  seq,
  voter_id: voter,
  entry_id: 5,
  cast_at: `2026-12-0${seq}T03:00:00.000Z`,
  rule_key: ruleKey,
  entry_key: entryKey,
  status: 'counted' as const,
  reasons_json: '[]',
  ip: '203.0.113.9',
  network: '203.0.113.0/24',
  device_id: `d${voter}`,
});

/**
 * Votes of a contest, voters and entry that exist only as numbers: foreign keys are off. On SQLite, for the whole
 * test (its one connection; the rebuild copies the rows with their references checked); on PostgreSQL, whose
 * migration copies nothing, for the inserts' own connection.
 */
async function withoutForeignKeys(database: Database, fn: (db: Kysely<DB>) => Promise<void>): Promise<void> {
  if (database.dialect === 'sqlite') return fn(database.db);
  await database.db.connection().execute(async (db) => {
    await sql`set session_replication_role = replica`.execute(db);
    try {
      await fn(db);
    } finally {
      await sql`set session_replication_role = origin`.execute(db);
    }
  });
}

async function ddlOf(database: Database): Promise<string> {
  if (database.dialect === 'sqlite') {
    const { rows } = await sql<{ sql: string }>`select group_concat(sql, ';') as sql from sqlite_master
      where tbl_name = 'votes' and sql is not null`.execute(database.db);
    return rows[0]!.sql;
  }
  const { rows } = await sql<{ sql: string }>`select string_agg(indexdef, ';') as sql from pg_indexes
    where tablename = 'votes' and schemaname = current_schema()`.execute(database.db);
  return rows[0]!.sql;
}

it('keeps every vote and its id, and the entry key unique only where there is one', async () => {
  if (dialectUnderTest === 'postgres') pgDb = await createTestDatabase();
  const database = openDatabase(
    pgDb ? { kind: 'postgres', url: pgDb.url } : { kind: 'sqlite', file: path.join(dir, 'db.sqlite') },
  );
  try {
    if (database.dialect === 'sqlite') await sql`pragma foreign_keys = off`.execute(database.db);
    await migrateToLatest(database, BEFORE);
    const before = [
      vote(7, 1, 1, 'any@2026-12-01', null),
      vote(8, 2, 1, 'any@2026-12-02', null),
      vote(12, 3, 2, 'slot:1@all', 'entry:5@all'),
    ];
    await withoutForeignKeys(database, async (db) => {
      // A vote once given id 20 and since removed (an erasure): no later vote may be given 20 again.
      await db
        .insertInto('votes')
        .values([...before, vote(20, 4, 3, 'any@2026-12-01', null)])
        .execute();
      await db.deleteFrom('votes').where('id', '=', 20).execute();
    });

    expect(await migrateToLatest(database)).toContain('0035_votes_entry_key_partial');
    const rows = () => database.db.selectFrom('votes').selectAll().orderBy('id').execute();
    expect((await rows()).map((r) => ({ ...r, id: Number(r.id), cast_at: new Date(r.cast_at).toISOString() }))).toEqual(
      before,
    );
    expect(await ddlOf(database)).toMatch(/votes_entry_key.*where \(?"?entry_key"? is not null\)?/is);

    await withoutForeignKeys(database, async (db) => {
      // A second vote for the same entry under a fixed total is still refused by the key...
      await expect(
        db
          .insertInto('votes')
          .values({ ...vote(13, 4, 2, 'slot:2@all', 'entry:5@all'), id: undefined as never })
          .execute(),
      ).rejects.toThrow(/unique|duplicate/i);
      // ...and a new vote takes a new id (SQLite's rebuilt table goes on after 20; PostgreSQL's keeps its sequence).
      const { id } = await db
        .insertInto('votes')
        .values({ ...vote(0, 4, 1, 'any@2026-12-03', null), id: undefined as never })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect([7, 8, 12, 20]).not.toContain(Number(id));
      if (database.dialect === 'sqlite') expect(Number(id)).toBe(21);
    });

    // Back down: the table's constraint again, with the same rows.
    await migrateToLatest(database, BEFORE);
    const ids = (await rows()).map((r) => Number(r.id));
    expect(ids).toHaveLength(4);
    expect(ids).toEqual(expect.arrayContaining([7, 8, 12]));
    expect(await ddlOf(database)).not.toMatch(/is not null/i);
    await withoutForeignKeys(database, (db) =>
      expect(
        db
          .insertInto('votes')
          .values({ ...vote(0, 5, 2, 'slot:3@all', 'entry:5@all'), id: undefined as never })
          .execute(),
      ).rejects.toThrow(/unique|duplicate/i),
    );
  } finally {
    await database.close();
  }
});
