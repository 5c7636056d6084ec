/**
 * `npm test`: type check, then unit and integration tests on SQLite, the integration tests again on PostgreSQL,
 * then the end-to-end tests in Chromium. A missing PostgreSQL or Chromium is reported plainly; under CI=true it is
 * a failure, never a silent skip.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';
const CHROMIUM = '/usr/bin/chromium';

interface Step { name: string; passed: number; failed: number; ok: boolean; note?: string }
const steps: Step[] = [];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    p.on('exit', (code) => resolve(code ?? 1));
  });
}

async function vitest(name: string, projects: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vitest-')), 'report.json');
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile=${out}`];
  const code = await run('npx', args, env);
  let passed = 0;
  let failed = 0;
  try {
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
    passed = report.numPassedTests;
    failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0);
  } catch {
    failed = 1;
  }
  steps.push({ name, passed, failed, ok: code === 0 && passed > 0 });
}

async function postgresUrl(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_PG;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

const tsc = await run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
steps.push({ name: 'typecheck (tsc --noEmit)', passed: tsc === 0 ? 1 : 0, failed: tsc === 0 ? 0 : 1, ok: tsc === 0 });

const sqliteEnv = { TEST_DATABASE_URL: '' };
await vitest('unit + integration on SQLite', ['unit', 'integration'], sqliteEnv);

const pgUrl = await postgresUrl();
if (pgUrl) await vitest('integration on PostgreSQL', ['integration'], { TEST_DATABASE_URL: pgUrl });
else steps.push({ name: 'integration on PostgreSQL', passed: 0, failed: CI ? 1 : 0, ok: !CI, note: `PostgreSQL not reachable at ${process.env.TEST_DATABASE_URL ?? DEFAULT_PG}: not run` });

if (fs.existsSync(CHROMIUM)) await vitest('end-to-end in Chromium (SQLite)', ['e2e'], sqliteEnv);
else steps.push({ name: 'end-to-end in Chromium', passed: 0, failed: CI ? 1 : 0, ok: !CI, note: `${CHROMIUM} not found (apt-get install chromium): not run` });

console.log('\n──────── Tóm tắt / Summary ────────');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.name}: ${s.passed} passed, ${s.failed} failed${s.note ? `  (${s.note})` : ''}`);
const passed = steps.reduce((n, s) => n + s.passed, 0);
const failed = steps.reduce((n, s) => n + s.failed, 0);
console.log(`Summary: ${passed} passed, ${failed} failed`);
process.exit(steps.every((s) => s.ok) ? 0 : 1);
