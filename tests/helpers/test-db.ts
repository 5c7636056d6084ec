import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pgBossSchemaFor } from '../../server/jobs/pg-boss-queue.ts';

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
