/**
 * `npm test`: lint and formatting checks, type check, then unit and integration tests on SQLite, the integration
 * tests again on PostgreSQL, then the end-to-end tests in Chromium. A missing PostgreSQL or Chromium is reported
 * plainly; under CI=true it is a failure, never a silent skip.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';
const CHROMIUM = '/usr/bin/chromium';

interface Step {
  name: string;
  passed: number;
  failed: number;
  ok: boolean;
  note?: string;
  failures?: string[];
}
const steps: Step[] = [];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    p.on('exit', (code) => resolve(code ?? 1));
  });
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

/**
 * The failing tests by file and name with the first line of their error, so that a log cut to its tail still names
 * them.
 */
function failedTests(report: VitestReport): string[] {
  const out: string[] = [];
  for (const file of report.testResults ?? []) {
    const rel = path.relative(process.cwd(), file.name);
    const failedAssertions = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failedAssertions)
      out.push(`${rel} › ${a.fullName}: ${(a.failureMessages?.[0] ?? '').split('\n')[0]!.slice(0, 300)}`);
    if (failedAssertions.length === 0 && file.status === 'failed')
      out.push(`${rel}: ${(file.message ?? '').split('\n')[0]!.slice(0, 300)}`);
  }
  return out;
}

async function vitest(
  name: string,
  projects: string[],
  env: NodeJS.ProcessEnv = {},
  exclude: string[] = [],
): Promise<void> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vitest-')), 'report.json');
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    ...exclude.flatMap((f) => ['--exclude', f]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}`,
  ];
  const code = await run('npx', args, env);
  let passed = 0;
  let failed: number;
  let failures: string[] = [];
  try {
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as VitestReport;
    passed = report.numPassedTests;
    failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0);
    failures = failedTests(report);
  } catch {
    failed = 1;
  }
  steps.push({ name, passed, failed, ok: code === 0 && passed > 0, failures });
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

const lint = await run('npx', ['eslint', '.']);
steps.push({ name: 'lint (eslint .)', passed: lint === 0 ? 1 : 0, failed: lint === 0 ? 0 : 1, ok: lint === 0 });
const format = await run('npx', ['prettier', '--check', '--log-level', 'warn', '.']);
steps.push({
  name: 'format (prettier --check .)',
  passed: format === 0 ? 1 : 0,
  failed: format === 0 ? 0 : 1,
  ok: format === 0,
});

const tsc = await run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
steps.push({ name: 'typecheck (tsc --noEmit)', passed: tsc === 0 ? 1 : 0, failed: tsc === 0 ? 0 : 1, ok: tsc === 0 });

// Cheap: installed versions against security/known-bad-versions.json (the registry here has no `npm audit`).
const deps = await run('npx', ['tsx', 'server/deps-check-cli.ts']);
steps.push({
  name: 'deps:check (known-bad versions)',
  passed: deps === 0 ? 1 : 0,
  failed: deps === 0 ? 0 : 1,
  ok: deps === 0,
});

/**
 * Files run on one database only, to keep the run within its time: the fault suite (real server processes, about
 * 80 s) on PostgreSQL, where two server processes race (on SQLite the supported topology is one process, and what it
 * checks, byte-exact uploads, no lost acknowledgement, exact quotas, is the same code); it runs on SQLite when
 * PostgreSQL is not there. The one-process-per-SQLite-file lock makes its own SQLite database whatever the pass.
 */
const POSTGRES_PASS_ONLY = ['tests/integration/faults.test.ts'];
const SQLITE_PASS_ONLY = ['tests/integration/sqlite-process-lock.test.ts'];

const sqliteEnv = { TEST_DATABASE_URL: '' };
const pgUrl = await postgresUrl();
await vitest('unit + integration on SQLite', ['unit', 'integration'], sqliteEnv, pgUrl ? POSTGRES_PASS_ONLY : []);

if (pgUrl) await vitest('integration on PostgreSQL', ['integration'], { TEST_DATABASE_URL: pgUrl }, SQLITE_PASS_ONLY);
else
  steps.push({
    name: 'integration on PostgreSQL',
    passed: 0,
    failed: CI ? 1 : 0,
    ok: !CI,
    note: `PostgreSQL not reachable at ${process.env.TEST_DATABASE_URL ?? DEFAULT_PG}: not run`,
  });

if (fs.existsSync(CHROMIUM)) await vitest('end-to-end in Chromium (SQLite)', ['e2e'], sqliteEnv);
else
  steps.push({
    name: 'end-to-end in Chromium',
    passed: 0,
    failed: CI ? 1 : 0,
    ok: !CI,
    note: `${CHROMIUM} not found (apt-get install chromium): not run`,
  });

console.log('\n──────── Tóm tắt / Summary ────────');
for (const s of steps) {
  console.log(
    `${s.ok ? 'ok  ' : 'FAIL'}  ${s.name}: ${s.passed} passed, ${s.failed} failed${s.note ? `  (${s.note})` : ''}`,
  );
  for (const f of s.failures ?? []) console.log(`        ✗ ${f}`);
}
const passed = steps.reduce((n, s) => n + s.passed, 0);
const failed = steps.reduce((n, s) => n + s.failed, 0);
console.log(`Summary: ${passed} passed, ${failed} failed`);
process.exit(steps.every((s) => s.ok) ? 0 : 1);
