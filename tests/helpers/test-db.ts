import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../server/db/dialect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { pgBossSchemaFor } from '../../server/jobs/pg-boss-queue.ts';

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../server/db/migrations');

/**
 * A SQLite database with every migration applied, made once per set of migrations and copied for each test file:
 * migrating from scratch costs about a second a file on a loaded machine, copying a few milliseconds. Keyed by the
 * migrations' contents, so a changed or added migration makes a new one; written under a temporary name and renamed,
 * so that parallel workers never copy a half-made one.
 */
async function migratedSqliteTemplate(): Promise<string> {
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).sort())
    h.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  h.update(fs.readFileSync(path.resolve(MIGRATIONS_DIR, '../migrate.ts')));
  const template = path.join(os.tmpdir(), `vicontest-migrated-${h.digest('hex').slice(0, 16)}.sqlite`);
  if (fs.existsSync(template)) return template;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vicontest-template-'));
  const file = path.join(dir, 'template.sqlite');
  const database = openDatabase({ kind: 'sqlite', file });
  try {
    await migrateToLatest(database);
  } finally {
    await database.close();
  }
  fs.renameSync(file, template);
  fs.rmSync(dir, { recursive: true, force: true });
  return template;
}

export interface TestDatabase {
  url: string;
  dataDir: string;
  /** The PostgreSQL schema of this test file (null on SQLite). */
  schema: string | null;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file: a temporary SQLite file, or, when TEST_DATABASE_URL is set, a schema of its
 * own in that PostgreSQL database (dropped afterwards, with the pg-boss schema named after it) so that test files can
 * run in parallel.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'contest-test-'));
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (!pgUrl) {
    fs.copyFileSync(await migratedSqliteTemplate(), path.join(dataDir, 'test.sqlite'));
    return {
      url: `sqlite:${path.join(dataDir, 'test.sqlite')}`,
      dataDir,
      schema: null,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const u = new URL(pgUrl);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    dataDir,
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.query(`drop schema if exists ${pgBossSchemaFor(schema)} cascade`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const dialectUnderTest = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
