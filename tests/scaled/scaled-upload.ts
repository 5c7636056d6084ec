/**
 * `npm run test:scaled` (not part of `npm test`): the scaled topology on one machine. nginx with the deployment
 * guide's own site (docs/deploy/nginx/vicontest.conf: TLS, HTTP/2, tus routed by upload id) in front of two web
 * processes and a worker process, all on one PostgreSQL schema with pg-boss and a shared DATA_DIR.
 *
 * It shows: a tus upload started through nginx lands on one web process; that process is killed (SIGKILL) mid-upload;
 * the upload resumes through nginx on the other process from the offset both see, and finishes byte-exact; the
 * worker accepts the file with the same SHA-256; built assets come from nginx with a year's immutable caching.
 * Exit code 0 when all of that holds, 1 otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import * as tus from 'tus-js-client';
import { ensureWebBuilt, REPO_ROOT } from '../../server/web-build.ts';
import { completeDraft } from '../helpers/entries.ts';
import { logInOverHttp, type Session } from '../helpers/http-session.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { makeTestVideos } from '../helpers/videos.ts';

// nginx's certificate is a throwaway self-signed one made below; only this process trusts it.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

const DEMO_SLUG = 'vinh-linh-2024';
const NGINX = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
const children: { name: string; proc: ChildProcess; output: string[] }[] = [];

function log(msg: string): void {
  console.log(`[scaled] ${msg}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const proc = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  proc.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  proc.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  children.push({ name, proc, output });
  return proc;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const ready = (port: number) =>
  waitFor(`the web process on ${port}`, async () => (await fetch(`http://127.0.0.1:${port}/api/ready`)).ok);

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The guide's site, bound to this machine's ports and temporary paths, telling which process answered tus. */
function site(dir: string, ports: { http: number; https: number; webA: number; webB: number }): string {
  const text = fs
    .readFileSync(path.join(REPO_ROOT, 'docs/deploy/nginx/vicontest.conf'), 'utf8')
    .replaceAll('/etc/letsencrypt/live/cuocthi.example.gov.vn/', `${dir}/`)
    .replaceAll('/var/log/nginx/', `${dir}/`)
    .replaceAll('/opt/vicontest/', `${REPO_ROOT}/`)
    .replaceAll('127.0.0.1:3001', `127.0.0.1:${ports.webA}`)
    .replaceAll('127.0.0.1:3002', `127.0.0.1:${ports.webB}`)
    .replace(/^\s*listen \[::\].*\n/gm, '')
    .replace('listen 80;', `listen 127.0.0.1:${ports.http};`)
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${ports.https} ssl http2;`)
    .replace(
      'proxy_pass http://vicontest_uploads;',
      'proxy_pass http://vicontest_uploads;\n        add_header X-Upstream $upstream_addr always;',
    );
  assert.ok(text.includes(`127.0.0.1:${ports.webB}`) && text.includes('X-Upstream'), 'the site file changed shape');
  return text;
}

async function startNginx(dir: string, ports: { http: number; https: number; webA: number; webB: number }) {
  await new Promise<void>((resolve, reject) => {
    const p = spawn('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      path.join(dir, 'privkey.pem'),
      '-out',
      path.join(dir, 'fullchain.pem'),
    ]);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`openssl exited with ${code}`))));
  });
  fs.writeFileSync(path.join(dir, 'vicontest.conf'), site(dir, ports));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `  ${k}_temp_path ${dir}/${k};`);
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      // As root, nginx's workers would otherwise run as nobody and could not use the private temporary directory.
      process.getuid?.() === 0 ? 'user root;' : '',
      'daemon off;',
      `pid ${dir}/nginx.pid;`,
      'error_log stderr warn;',
      'worker_processes 1;',
      'events {}',
      'http {',
      '  include /etc/nginx/mime.types;',
      ...temp,
      `  include ${dir}/vicontest.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  start('nginx', NGINX, ['-p', dir, '-e', 'stderr', '-c', path.join(dir, 'nginx.conf')], process.env);
  await waitFor('nginx', async () => (await fetch(`https://127.0.0.1:${ports.https}/api/health`)).ok, 30_000);
}

interface Leg {
  url: string;
  upstreams: Set<string>;
}

/** One leg of the upload through nginx: from the start, or resuming `uploadUrl`; stops after `stopAfter` bytes. */
function uploadLeg(
  base: string,
  s: Session,
  entryId: number,
  file: string,
  opts: { uploadUrl?: string; stopAfter?: number },
): Promise<Leg & { finished: boolean }> {
  const upstreams = new Set<string>();
  return new Promise((resolve, reject) => {
    let stopped = false;
    const up = new tus.Upload(fs.readFileSync(file), {
      endpoint: `${base}/api/uploads`,
      uploadUrl: opts.uploadUrl,
      chunkSize: 16 * 1024,
      retryDelays: [],
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      metadata: { entryId: String(entryId), filename: 'phong-su.mp4' },
      // Creation (POST) may go to either process; every request naming the upload is routed by its id.
      onAfterResponse: (req, res) => {
        const u = res.getHeader('X-Upstream');
        if (u && req.getMethod() !== 'POST') upstreams.add(u);
      },
      onProgress: (sent) => {
        if (stopped || opts.stopAfter === undefined || sent < opts.stopAfter) return;
        stopped = true;
        void up.abort().then(() => resolve({ url: up.url!, upstreams, finished: false }));
      },
      onSuccess: () => resolve({ url: up.url!, upstreams, finished: true }),
      onError: reject,
    });
    up.start();
  });
}

async function main(): Promise<void> {
  const videos = await makeTestVideos();
  const file = videos.valid1080;
  const size = fs.statSync(file).size;
  log('building the web app if needed');
  await ensureWebBuilt();

  const db = await createTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contest-scaled-'));
  try {
    const ports = { http: await freePort(), https: await freePort(), webA: await freePort(), webB: await freePort() };
    const base = `https://127.0.0.1:${ports.https}`;
    const env = (roles: string, port?: number): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_TLS_REJECT_UNAUTHORIZED: undefined,
      DATABASE_URL: db.url,
      DATA_DIR: db.dataDir,
      ROLES: roles,
      HOST: '127.0.0.1',
      PORT: String(port ?? 0),
      PUBLIC_URL: base,
      TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
      DEMO: 'auto',
    });
    // node itself with tsx as a loader, not the tsx command: SIGKILL must reach the server, not a wrapper around it.
    const node = (roles: string, port?: number) =>
      start(
        `${roles}${port ? ` ${port}` : ''}`,
        process.execPath,
        ['--import', 'tsx', 'server/main.ts'],
        env(roles, port),
      );
    // The first process migrates, creates the administrator and the demo contest; the others start on that.
    const webA = node('web', ports.webA);
    await ready(ports.webA);
    const webB = node('web', ports.webB);
    node('worker');
    await ready(ports.webB);
    await startNginx(dir, ports);
    log(`nginx on ${ports.https} → web ${ports.webA} and ${ports.webB}, worker, PostgreSQL schema ${db.schema}`);

    // An entrant registers and starts a draft, all through nginx.
    const anon = await fetch(`${base}/api/auth/session`);
    const anonCookie = anon.headers.get('set-cookie')!.split(';')[0]!;
    const email = `scaled-${crypto.randomBytes(4).toString('hex')}@example.vn`;
    const reg = await fetch(`${base}/api/auth/register`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: anonCookie,
        'x-csrf-token': (await anon.json()).csrfToken,
      },
      body: JSON.stringify({ fullName: 'Người Thử Tải', email, password: 'mat-khau-thu-tai-1' }),
    });
    assert.equal(reg.status, 201, `register: ${reg.status}`);
    const me = await logInOverHttp(base, email, 'mat-khau-thu-tai-1');
    const created = await fetch(`${base}/api/contests/${DEMO_SLUG}/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: me.cookie, 'x-csrf-token': me.csrf },
      body: JSON.stringify(completeDraft({ kind: 'person' }, { title: 'Tải qua hai tiến trình' })),
    });
    assert.equal(created.status, 201, `create entry: ${created.status}`);
    const entryId = ((await created.json()) as { id: number }).id;

    // Leg 1: about 40 % of the file, through nginx, to whichever process the upload id hashes to.
    const first = await uploadLeg(base, me, entryId, file, { stopAfter: Math.floor(size * 0.4) });
    assert.equal(first.finished, false);
    const owners = [...first.upstreams].filter((u) => u !== '-');
    log(`leg 1 sent to ${owners.join(', ')}`);
    assert.equal(new Set(owners.map((u) => u.split(', ').at(-1))).size, 1, 'one upload went to two processes');
    const ownerPort = Number(owners.at(-1)!.split(', ').at(-1)!.split(':').at(-1));
    const otherPort = ownerPort === ports.webA ? ports.webB : ports.webA;

    // The owner dies without warning; the other process sees the same offset from the shared directory.
    const victim = ownerPort === ports.webA ? webA : webB;
    victim.kill('SIGKILL');
    await new Promise((r) => victim.once('exit', r));
    const uploadPath = new URL(first.url, base).pathname;
    const head = await fetch(`http://127.0.0.1:${otherPort}${uploadPath}`, {
      method: 'HEAD',
      headers: { cookie: me.cookie, 'tus-resumable': '1.0.0' },
    });
    assert.equal(head.status, 200, `HEAD on the other process: ${head.status}`);
    const offset = Number(head.headers.get('upload-offset'));
    assert.ok(offset > 0 && offset < size, `offset ${offset} of ${size}`);
    log(`killed the process on ${ownerPort} at offset ${offset} of ${size}; resuming through nginx`);

    // Leg 2: resume through nginx, which now reaches the other process only.
    const second = await uploadLeg(base, me, entryId, file, { uploadUrl: first.url });
    assert.equal(second.finished, true);
    const resumedOn = [...second.upstreams].map((u) => u.split(', ').at(-1)!);
    // nginx lists every server it tried for a request: the dead one first, then the one that answered.
    log(`leg 2 answered by ${[...second.upstreams].map((u) => `[${u}]`).join(' ')}`);
    assert.ok(resumedOn.includes(`127.0.0.1:${otherPort}`), 'the resume did not reach the other process');

    const uploadId = uploadPath.split('/').at(-1)!;
    const stored = path.join(db.dataDir, 'uploads', uploadId);
    assert.equal(fs.statSync(stored).size, size, 'stored size');
    assert.equal(sha256(stored), sha256(file), 'stored bytes differ from the file sent');
    log('the stored file is byte-exact');

    // The worker (a third process, through pg-boss) checks and accepts it.
    let view: { upload?: { status: string; sha256: string | null } } = {};
    await waitFor('the worker to check the upload', async () => {
      const r = await fetch(`${base}/api/entries/${entryId}`, { headers: { cookie: me.cookie } });
      view = (await r.json()) as typeof view;
      return view.upload?.status === 'accepted' || view.upload?.status === 'refused';
    });
    assert.equal(view.upload?.status, 'accepted', JSON.stringify(view.upload));
    assert.equal(view.upload?.sha256, sha256(file));
    log('the worker accepted the file with the same SHA-256');

    // Built assets come from nginx's disk with a year's immutable caching.
    const html = await (await fetch(`${base}/`)).text();
    const asset = /\/assets\/[^"']+\.js/.exec(html)?.[0];
    assert.ok(asset, 'no script under /assets/ in index.html');
    const a = await fetch(`${base}${asset}`);
    assert.equal(a.status, 200);
    assert.equal(a.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(a.headers.get('server') ?? '', /^nginx/);
    log(`asset ${asset} served by nginx: ${a.headers.get('cache-control')}`);
    log('PASS');
  } finally {
    for (const c of children.reverse()) if (c.proc.exitCode === null) c.proc.kill('SIGTERM');
    await Promise.all(
      children.map((c) =>
        c.proc.exitCode === null && c.proc.signalCode === null
          ? new Promise((r) => {
              const t = setTimeout(() => c.proc.kill('SIGKILL'), 10_000);
              c.proc.once('exit', () => r(clearTimeout(t)));
            })
          : null,
      ),
    );
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  console.error(`[scaled] FAIL: ${err instanceof Error ? err.message : String(err)}`);
  for (const c of children) {
    const out = c.output.join('').trim();
    if (out) console.error(`--- ${c.name} ---\n${out.slice(-4000)}`);
  }
  process.exitCode = 1;
}
