/**
 * `npm test`: lint and formatting checks and the type check, then unit and integration tests on SQLite and the
 * integration tests again on PostgreSQL, while the end-to-end tests run in Chromium beside them. A missing PostgreSQL
 * or Chromium is reported plainly; under CI=true it is a failure, never a silent skip.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureWebBuilt } from '../server/web-build.ts';

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

/** A new file's path in a temporary directory of its own. */
function tempFile(prefix: string, name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), name);
}

/** Prints a step's kept output as one block under its name. */
function printLog(name: string, file: string): void {
  process.stdout.write(`\n──── ${name} ────\n${fs.readFileSync(file, 'utf8')}`);
}

/** Runs a command; its output goes to the console, or to `logFile` (printed by the caller once it ends). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, logFile?: string): Promise<number> {
  return new Promise((resolve) => {
    const out = logFile ? fs.openSync(logFile, 'w') : null;
    const p = spawn(cmd, args, {
      stdio: out === null ? 'inherit' : ['ignore', out, out],
      env: { ...process.env, ...env },
    });
    p.on('exit', (code) => {
      if (out !== null) fs.closeSync(out);
      resolve(code ?? 1);
    });
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

/** Playwright's call log colours its lines. */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
/** Call-log lines that say only that the action goes on trying. */
const RETRYING =
  /^(\d+ × )?-? ?(retrying|waiting \d+ms|waiting for element|element is visible|scrolling|done scrolling)/;

/**
 * An error's first line; for a browser action that timed out, also what it waited for and the last thing it saw (the
 * element that took the click, say), which the first line alone does not tell.
 */
function firstLines(message: string): string {
  const lines = message
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.trim());
  const log = lines.indexOf('Call log:');
  if (log < 0) return lines[0]!.slice(0, 300);
  const calls = lines.slice(log + 1).filter((l) => /^(\d+ × )?-/.test(l));
  const last = calls.filter((l) => !RETRYING.test(l)).at(-1);
  const seen = calls[0] && last && last !== calls[0] ? [calls[0], last] : calls.slice(0, 1);
  return [lines[0]!, ...seen].join(' ').slice(0, 700);
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
    for (const a of failedAssertions) out.push(`${rel} › ${a.fullName}: ${firstLines(a.failureMessages?.[0] ?? '')}`);
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
  logFile?: string,
): Promise<Step> {
  const out = tempFile('vitest-', 'report.json');
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    ...exclude.flatMap((f) => ['--exclude', f]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}`,
  ];
  const code = await run('npx', args, env, logFile);
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
  return { name, passed, failed, ok: code === 0 && passed > 0, failures };
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

/** A check that passes or fails as a whole, its output kept in a file and printed when it ends. */
async function check(name: string, cmd: string, args: string[]): Promise<Step> {
  const log = tempFile('check-', 'out.log');
  const code = await run(cmd, args, {}, log);
  printLog(name, log);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, ok: code === 0 };
}

/**
 * Files run on one database only, to keep the run within its time: the fault suite (real server processes, about
 * 80 s) on PostgreSQL, where two server processes race (on SQLite the supported topology is one process, and what it
 * checks, byte-exact uploads, no lost acknowledgement, exact quotas, is the same code); it runs on SQLite when
 * PostgreSQL is not there. The one-process-per-SQLite-file lock makes its own SQLite database whatever the pass.
 */
const POSTGRES_PASS_ONLY = ['tests/integration/faults.test.ts'];
const SQLITE_PASS_ONLY = [
  'tests/integration/sqlite-process-lock.test.ts',
  // Migration 0033's copy of spent challenges, on a SQLite file of its own; every PostgreSQL test database runs 0033.
  'tests/integration/altcha-spent-migration.test.ts',
  // The rules R6/R7 on real video files (ffprobe and our MP4 reader, 32 tests, two minutes of ffmpeg on a loaded
  // machine): the database only holds the demo contest whose rules one test reads, through the same query builder.
  'tests/integration/video-checks.test.ts',
  // The vote thread (ADR 0061) is SQLite's own.
  'tests/integration/vote-thread.test.ts',
];

const sqliteEnv = { TEST_DATABASE_URL: '' };
const pgUrl = await postgresUrl();

// The web app is built once, before the passes that serve it start side by side.
await ensureWebBuilt({ onBuild: () => console.log('Building the web app (dist/web, dist/ssr)…') });

/**
 * The browser tests run beside the unit and integration passes: one Chromium and one app at a time leave a core
 * mostly idle, which the integration files use (on an idle machine the whole run took 12.7 minutes one after the
 * other, 8.6 side by side).
 * Their output is kept in a file and printed when they end, so that the two runs' lines do not interleave.
 */
const e2e: Promise<Step | null> = fs.existsSync(CHROMIUM)
  ? (async () => {
      const log = tempFile('e2e-', 'out.log');
      const step = await vitest('end-to-end in Chromium (SQLite)', ['e2e'], sqliteEnv, [], log);
      printLog(step.name, log);
      return step;
    })()
  : Promise.resolve(null);

// The static checks, two at a time (each mostly uses one core).
const [lint, format] = await Promise.all([
  check('lint (eslint .)', 'npx', ['eslint', '.']),
  check('format (prettier --check .)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']),
]);
// Cheap: installed versions against security/known-bad-versions.json (the registry here has no `npm audit`).
const [tsc, deps] = await Promise.all([
  check('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']),
  check('deps:check (known-bad versions)', 'npx', ['tsx', 'server/deps-check-cli.ts']),
]);
steps.push(lint, format, tsc, deps);

steps.push(
  await vitest('unit + integration on SQLite', ['unit', 'integration'], sqliteEnv, pgUrl ? POSTGRES_PASS_ONLY : []),
);

if (pgUrl)
  steps.push(
    await vitest('integration on PostgreSQL', ['integration'], { TEST_DATABASE_URL: pgUrl }, SQLITE_PASS_ONLY),
  );
else
  steps.push({
    name: 'integration on PostgreSQL',
    passed: 0,
    failed: CI ? 1 : 0,
    ok: !CI,
    note: `PostgreSQL not reachable at ${process.env.TEST_DATABASE_URL ?? DEFAULT_PG}: not run`,
  });

const e2eStep = await e2e;
if (e2eStep) steps.push(e2eStep);
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
