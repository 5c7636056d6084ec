/**
 * Migration 0033 re-keys spent challenges by their expiry: those spent before it must stay spent, or a challenge
 * solved and used just before an upgrade could be replayed after it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../server/db/dialect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { pruneSpentChallenges, spendChallenge } from '../../server/security/altcha.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altcha-spent-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('keeps the challenges spent before migration 0033 spent, and prunes by expiry after it', async () => {
  const database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'db.sqlite') });
  try {
    await migrateToLatest(database, '0032_rendition_posters');
    const { db } = database;
    const old = { signature: 'a'.repeat(64), expires_at: '2026-12-07T01:10:00.000Z' };
    const gone = { signature: 'b'.repeat(64), expires_at: '2026-12-07T00:50:00.000Z' };
    await db.insertInto('altcha_spent').values([old, gone]).execute();

    expect(await migrateToLatest(database)).toContain('0033_altcha_spent_by_expiry');
    const rows = await db.selectFrom('altcha_spent').select(['signature', 'expires_at']).orderBy('signature').execute();
    expect(rows).toEqual([old, gone]);
    // One tree, keyed by expiry then signature.
    const { rows: ddl } = await sql<{ sql: string }>`select sql from sqlite_master where name = 'altcha_spent'`.execute(
      db,
    );
    expect(ddl[0]!.sql).toMatch(/primary key \("expires_at", "signature"\)\s*\)\s*without rowid/i);

    expect(await spendChallenge(db, { signature: old.signature, expiresAt: old.expires_at })).toBe(false);
    const fresh = { signature: 'c'.repeat(64), expiresAt: '2026-12-07T01:20:00.000Z' };
    expect(await spendChallenge(db, fresh)).toBe(true);
    expect(await spendChallenge(db, fresh)).toBe(false);

    const at = new Date('2026-12-07T01:00:00.000Z');
    expect(await pruneSpentChallenges({ db, clock: () => at })).toBe(1);
    const left = await db.selectFrom('altcha_spent').select('signature').orderBy('signature').execute();
    expect(left.map((r) => r.signature)).toEqual([old.signature, fresh.signature]);
  } finally {
    await database.close();
  }
});
