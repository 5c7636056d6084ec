import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseInUse, lockSqliteForThisProcess } from '../../server/db/sqlite-process-lock.ts';

/**
 * Issue 16: a second server process on the same SQLite file is refused at start, with the fix named, and the lock
 * dies with its process. Always on SQLite, in its own directory, whatever database the rest of the run uses.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vicontest-lock-'));
const file = path.join(dir, 'contest.sqlite');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: REPO,
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { proc, exited, output: () => out };
}

describe('one server process per SQLite file', () => {
  it('refuses a second server on the file, naming the fix, before touching the database', async () => {
    const held = lockSqliteForThisProcess(file);
    try {
      const second = run(['server/main.ts']);
      expect(await second.exited).toBe(3);
      expect(second.output()).toContain(`The SQLite database file ${file} is in use by another server process`);
      expect(second.output()).toContain('use PostgreSQL (DATABASE_URL=postgres://…) to run several web processes');
      expect(second.output()).toContain('đang được một tiến trình máy chủ khác dùng');
      // It stopped before migrating: the database file was never created.
      expect(fs.existsSync(file)).toBe(false);
      expect(() => lockSqliteForThisProcess(file)).toThrow(DatabaseInUse);
    } finally {
      held.release();
    }
    lockSqliteForThisProcess(file).release();
  }, 60_000);

  it('is free again as soon as the holder dies, even by SIGKILL: no stale lock to clean', async () => {
    const holder = run([
      '--input-type=module',
      '-e',
      `import { lockSqliteForThisProcess } from './server/db/sqlite-process-lock.ts';
       lockSqliteForThisProcess(${JSON.stringify(file)});
       console.log('held');
       setInterval(() => {}, 60_000);`,
    ]);
    const until = Date.now() + 50_000;
    while (!holder.output().includes('held')) {
      if (Date.now() > until || holder.proc.exitCode !== null) throw new Error(`holder: ${holder.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(() => lockSqliteForThisProcess(file)).toThrow(DatabaseInUse);
    holder.proc.kill('SIGKILL');
    await holder.exited;
    lockSqliteForThisProcess(file).release();
  }, 60_000);
});
