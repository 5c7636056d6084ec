/**
 * The README's promise: on an empty data directory the server migrates, creates the first administrator and prints
 * how to log in, loads the demo contest, builds the web app if needed and serves it; a second start changes nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'first-start-'));
const procs: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): { proc: ChildProcess; output: () => string; exited: Promise<number> } {
  let out = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(proc);
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number>((resolve) => proc.on('exit', (code) => resolve(code ?? -1)));
  return { proc, output: () => out, exited };
}

async function waitFor(pred: () => boolean, what: string, ms = 150_000): Promise<void> {
  const until = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null) return;
  const done = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  await done;
}

afterAll(async () => {
  for (const p of procs) await stop(p);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('first start', () => {
  it('creates the admin, loads the demo, serves the Vietnamese home page; a restart keeps all', async () => {
    const port = await freePort();
    const first = start({ PORT: String(port) });
    await waitFor(() => /Running at/.test(first.output()), 'the server to listen');
    const out = first.output();
    expect(out).toContain('admin@localhost');
    const password = /Mật khẩu \/ Password:\s+(\S+)/.exec(out)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(16);

    const base = `http://127.0.0.1:${port}`;
    const home = await fetch(`${base}/c/vinh-linh-2024`);
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(/<html lang="vi"/);
    const contests = await (await fetch(`${base}/api/contests`)).json();
    expect(contests).toEqual([
      expect.objectContaining({ slug: 'vinh-linh-2024', isDemo: true, currentPhase: 'submission' }),
    ]);
    expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ status: 'ok', database: 'sqlite' });

    const session = await fetch(`${base}/api/auth/session`);
    const anon = session.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = await session.json();
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: anon, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ identifier: 'admin@localhost', password }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user.isSiteAdmin).toBe(true);
    await stop(first.proc);

    const second = start({ PORT: String(port) });
    await waitFor(() => /Running at/.test(second.output()), 'the second start');
    expect(second.output()).not.toContain('admin@localhost');
    const again = await (await fetch(`${base}/api/contests`)).json();
    expect(again).toHaveLength(1);
    await stop(second.proc);
  });

  it('stops with a message naming a wrong variable', async () => {
    const bad = start({ PORT: 'ba-nghin', ROLES: 'web,cron' });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/PORT: .*\(got "ba-nghin"\)/);
    expect(bad.output()).toContain('ROLES');
  });
});
