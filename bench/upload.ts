/**
 * P1: a large upload through the full app (session, CSRF, entry and quota checks, tus in 50 MB chunks) against a bare
 * Node http-to-file pipe, in the same run, each server in its own process. Prints throughput, the ratio app/pipe,
 * and each server's memory growth. Run by hand:  npx tsx bench/upload.ts [sizes in MiB, default 100 2048]
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeInOutbox } from './outbox-code.ts';

const CHUNK = 50 * 1024 * 1024;
const sizesMiB = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = (sizesMiB.length ? sizesMiB : [100, 2048]).map((m) => m * 1024 * 1024);
const here = path.dirname(fileURLToPath(import.meta.url));

interface Child {
  proc: ChildProcessByStdio<Writable, Readable, null>;
  /** The next JSON line the child prints: its address when ready, then its memory each time it is asked. */
  next(): Promise<unknown>;
}

function startServer(
  mode: 'app' | 'pipe',
  dir: string,
): Promise<Child & { info: { port: number; adminPassword: string } }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'upload-server.ts'), mode, dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let buf = '';
  const waiting: ((v: unknown) => void)[] = [];
  const lines: unknown[] = [];
  proc.stdout.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line: unknown = JSON.parse(buf.slice(0, i));
      buf = buf.slice(i + 1);
      const w = waiting.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  const next = (): Promise<unknown> =>
    lines.length ? Promise.resolve(lines.shift()) : new Promise<unknown>((r) => waiting.push(r));
  return next().then((info) => ({ proc, next, info: info as { port: number; adminPassword: string } }));
}

async function memory(c: Child): Promise<{ rssKb: number; hwmKb: number }> {
  c.proc.stdin.write('\n');
  return (await c.next()) as { rssKb: number; hwmKb: number };
}

function request(
  port: number,
  method: string,
  p: string,
  headers: Record<string, string>,
  body?: fs.ReadStream | string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body instanceof fs.ReadStream) body.pipe(req);
    else req.end(body);
  });
}

async function makeFile(file: string, size: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const block = crypto.randomBytes(4 * 1024 * 1024);
  for (let written = 0; written < size; written += block.length) {
    if (!out.write(block.subarray(0, Math.min(block.length, size - written))))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function uploadPipe(port: number, file: string, size: number): Promise<void> {
  for (let offset = 0; offset < size; offset += CHUNK) {
    const end = Math.min(size, offset + CHUNK);
    const res = await request(
      port,
      'POST',
      '/',
      { 'content-length': String(end - offset), 'x-offset': String(offset) },
      fs.createReadStream(file, { start: offset, end: end - 1 }),
    );
    if (res.status !== 204) throw new Error(`pipe ${res.status}`);
  }
}

/** Logs in as a new entrant and makes a draft (not timed); returns a function that uploads the file (timed). */
async function prepareApp(
  port: number,
  password: string,
  file: string,
  size: number,
  dataDir: string,
): Promise<() => Promise<void>> {
  const s = await request(port, 'GET', '/api/auth/session', {});
  const anon = String(s.headers['set-cookie']![0]).split(';')[0]!;
  const login = await request(
    port,
    'POST',
    '/api/auth/login',
    { 'content-type': 'application/json', cookie: anon, 'x-csrf-token': JSON.parse(s.body).csrfToken },
    JSON.stringify({ identifier: 'admin@localhost', password }),
  );
  const cookie = String(login.headers['set-cookie']![0]).split(';')[0]!;
  const csrf = JSON.parse(login.body).csrfToken as string;
  const json = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf };
  // The admin organizes the demo, and R4 bars organizers from entering: the bench enters as a new person.
  const email = `bench-${Date.now()}@example.vn`;
  await request(
    port,
    'POST',
    '/api/auth/register',
    json,
    JSON.stringify({ fullName: 'Người đo', email, password: 'mat-khau-do-hieu-nang' }),
  );
  await request(
    port,
    'POST',
    '/api/auth/register/confirm',
    json,
    JSON.stringify({ identifier: email, code: await codeInOutbox(dataDir, email) }),
  );
  const s2 = await request(
    port,
    'POST',
    '/api/auth/login',
    json,
    JSON.stringify({ identifier: email, password: 'mat-khau-do-hieu-nang' }),
  );
  const h = {
    cookie: String(s2.headers['set-cookie']![0]).split(';')[0]!,
    'x-csrf-token': JSON.parse(s2.body).csrfToken as string,
  };
  const draft = await request(
    port,
    'POST',
    '/api/contests/vinh-linh-2024/entries',
    { ...h, 'content-type': 'application/json' },
    JSON.stringify({ title: 'Đo hiệu năng', party: { kind: 'person' } }),
  );
  if (draft.status !== 201) throw new Error(`draft ${draft.status} ${draft.body}`);
  const entryId = JSON.parse(draft.body).id;
  return async () => {
    const meta =
      `entryId ${Buffer.from(String(entryId)).toString('base64')},filename ` +
      `${Buffer.from('bench.mp4').toString('base64')}`;
    const created = await request(port, 'POST', '/api/uploads', {
      ...h,
      'tus-resumable': '1.0.0',
      'upload-length': String(size),
      'upload-metadata': meta,
    });
    if (created.status !== 201) throw new Error(`create ${created.status} ${created.body}`);
    const location = String(created.headers.location);
    for (let offset = 0; offset < size; offset += CHUNK) {
      const end = Math.min(size, offset + CHUNK);
      const res = await request(
        port,
        'PATCH',
        location,
        {
          ...h,
          'tus-resumable': '1.0.0',
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
          'content-length': String(end - offset),
        },
        fs.createReadStream(file, { start: offset, end: end - 1 }),
      );
      if (res.status !== 204) throw new Error(`patch ${res.status} ${res.body}`);
    }
  };
}

async function measure(
  mode: 'app' | 'pipe',
  file: string,
  size: number,
): Promise<{ mibPerSec: number; growthMiB: number; seconds: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${mode}-`));
  const server = await startServer(mode, dir);
  try {
    const run =
      mode === 'pipe'
        ? () => uploadPipe(server.info.port, file, size)
        : await prepareApp(server.info.port, server.info.adminPassword, file, size, dir);
    const before = await memory(server);
    const t0 = process.hrtime.bigint();
    await run();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const after = await memory(server);
    return { mibPerSec: size / 1024 / 1024 / seconds, growthMiB: (after.hwmKb - before.rssKb) / 1024, seconds };
  } finally {
    server.proc.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-upload-'));
try {
  console.log('size      | pipe MiB/s | app MiB/s | app/pipe | pipe mem growth | app mem growth');
  for (const size of SIZES) {
    const file = path.join(work, `file-${size}.bin`);
    await makeFile(file, size);
    const runs: { pipe: Awaited<ReturnType<typeof measure>>; app: Awaited<ReturnType<typeof measure>> }[] = [];
    for (let i = 0; i < 3; i++)
      runs.push({ pipe: await measure('pipe', file, size), app: await measure('app', file, size) });
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const pipe = median(runs.map((r) => r.pipe.mibPerSec));
    const app = median(runs.map((r) => r.app.mibPerSec));
    const pipeGrowth = median(runs.map((r) => r.pipe.growthMiB)).toFixed(1);
    const appGrowth = median(runs.map((r) => r.app.growthMiB)).toFixed(1);
    console.log(
      `${String(size / 1024 / 1024).padStart(5)} MiB | ${pipe.toFixed(0).padStart(10)} | ` +
        `${app.toFixed(0).padStart(9)} | ${(app / pipe).toFixed(2).padStart(8)} | ${pipeGrowth.padStart(11)} MiB | ` +
        `${appGrowth.padStart(10)} MiB`,
    );
    fs.rmSync(file);
  }
  console.log('(median of 3 runs each; memory growth = peak RSS during the upload minus RSS before it)');
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
