/**
 * `npm run test:scaled` (not part of `npm test`): the scaled topology on one machine. nginx with the deployment
 * guide's own site (docs/deploy/nginx/vicontest.conf: TLS, HTTP/2, tus routed by upload id) in front of two web
 * processes and two worker processes, all on one PostgreSQL schema with pg-boss, a shared DATA_DIR and s3rver as the
 * media store.
 *
 * It shows: a session made through one web process works through the other, CSRF token included; a log-in rate limit
 * reached through one process holds through the other (docs/decisions/0039); a tus upload started through nginx lands
 * on one web process; that process is killed (SIGKILL) mid-upload; the upload resumes through nginx on the other
 * process from the offset both see, and finishes byte-exact; a worker accepts the file with the same SHA-256; jobs
 * sent while both workers poll each run exactly once; a worker moves the original to the bucket and the other web
 * process serves it byte-exact through a signed URL; a web process killed under a stream of submissions loses none
 * that was acknowledged; built assets come from nginx with a year's immutable caching.
 * Exit code 0 when all of that holds, 1 otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import pg from 'pg';
import pino from 'pino';
import * as tus from 'tus-js-client';
import { createPgBossQueue, pgBossSchemaFor } from '../../server/jobs/pg-boss-queue.ts';
import { APP_JOBS } from '../../server/jobs/queue.ts';
import { ensureWebBuilt, REPO_ROOT } from '../../server/web-build.ts';
import { completeDraft } from '../helpers/entries.ts';
import { logInOverHttp, type Session } from '../helpers/http-session.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { startS3rver } from '../helpers/s3rver.ts';
import { makeTestVideos } from '../helpers/videos.ts';

// nginx's certificate is a throwaway self-signed one made below; only this process trusts it.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

const DEMO_SLUG = 'vinh-linh-2024';
/** Wrong log-ins each web process allows per address and minute in this run. */
const LOGIN_LIMIT = 4;
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

const PASSWORD = 'mat-khau-thu-tai-1';

/** Two-step registration over HTTP: the form, then the code read from DATA_DIR/outbox (no SMTP configured). */
async function registerOverHttp(base: string, dataDir: string, email: string): Promise<void> {
  const anon = await fetch(`${base}/api/auth/session`);
  const cookie = anon.headers.get('set-cookie')!.split(';')[0]!;
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': (await anon.json()).csrfToken };
  const reg = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ fullName: 'Người Thử Tải', email, password: PASSWORD }),
  });
  assert.equal(reg.status, 202, `register: ${reg.status}`);
  const outbox = path.join(dataDir, 'outbox');
  let code: string | undefined;
  await waitFor('the registration code', async () => {
    for (const f of fs.existsSync(outbox) ? fs.readdirSync(outbox) : []) {
      const text = fs.readFileSync(path.join(outbox, f), 'utf8');
      if (text.startsWith(`To: ${email}\n`)) code = /\b(\d{6})\b/.exec(text.split('\n\n').slice(1).join('\n'))?.[1];
    }
    return !!code;
  });
  const ok = await fetch(`${base}/api/auth/register/confirm`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ identifier: email, code }),
  });
  assert.equal(ok.status, 201, `confirm registration: ${ok.status}`);
}

/** Wrong log-ins from one address (as nginx would forward it) up to the limit on web A, then one more on web B. */
async function rateLimitAcross(webUrlA: string, webUrlB: string): Promise<void> {
  const address = '198.51.100.23';
  const attempt = async (url: string, i: number) => {
    const s = await fetch(`${url}/api/auth/session`, { headers: { 'x-forwarded-for': address } });
    const cookie = s.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': address,
        'accept-language': 'en',
        cookie,
        'x-csrf-token': (await s.json()).csrfToken,
      },
      body: JSON.stringify({ identifier: `khong-co-${i}@example.vn`, password: 'sai-mat-khau-123' }),
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
  };
  for (let i = 0; i < LOGIN_LIMIT; i++) assert.equal((await attempt(webUrlA, i)).status, 401, `wrong log-in ${i}`);
  const next = await attempt(webUrlB, LOGIN_LIMIT);
  assert.equal(next.status, 429, `web B after ${LOGIN_LIMIT} on web A: ${next.status}`);
  assert.equal(next.body.error?.code, 'auth.rateLimited');
  // Another address is not affected, on either process.
  const s = await fetch(`${webUrlB}/api/auth/session`);
  const other = await fetch(`${webUrlB}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': '198.51.100.24',
      cookie: s.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': (await s.json()).csrfToken,
    },
    body: JSON.stringify({ identifier: 'khong-co@example.vn', password: 'sai-mat-khau-123' }),
  });
  assert.equal(other.status, 401, `another address on web B: ${other.status}`);
}

/**
 * Jobs sent while both workers poll run exactly once: each is completed with no retry, and each job id appears once
 * in the two workers' logs together.
 */
async function jobsRunOnce(url: string, schema: string, workers: { output: string[] }[]): Promise<void> {
  const n = 30;
  const queue = await createPgBossQueue({
    connectionString: url,
    schema: pgBossSchemaFor(schema),
    definitions: APP_JOBS,
    logger: pino({ level: 'silent' }),
  });
  try {
    const ids = new Set<string>();
    for (let i = 0; i < n; i++) {
      const id = await queue.send('deadline-reminders', {}, { singletonKey: `scaled-${i}` });
      assert.ok(id, `job ${i} not queued`);
      ids.add(id);
    }
    await waitFor('the workers to finish the jobs', async () => {
      const states = await Promise.all(
        [...Array(n).keys()].map((i) => queue.findByKey('deadline-reminders', `scaled-${i}`)),
      );
      return states.every((s) => s?.state === 'completed');
    });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const rows = await c.query<{ id: string; retry_count: number; state: string }>(
      `select id, retry_count, state from ${pgBossSchemaFor(schema)}.job where id = any($1::uuid[])`,
      [[...ids]],
    );
    await c.end();
    assert.equal(rows.rowCount, n);
    for (const r of rows.rows) assert.ok(r.state === 'completed' && r.retry_count === 0, JSON.stringify(r));
    const ranBy = workers.map((w) =>
      w.output
        .join('')
        .split('\n')
        .filter((l) => l.includes('deadline reminders sent'))
        .map((l) => (JSON.parse(l) as { jobId: string }).jobId)
        .filter((id) => ids.has(id)),
    );
    const all = ranBy.flat();
    assert.equal(all.length, n, `${all.length} runs logged for ${n} jobs`);
    assert.equal(new Set(all).size, n, 'a job ran twice');
    log(`${n} jobs, each run once: ${ranBy.map((r) => r.length).join(' + ')} by the two workers`);
  } finally {
    await queue.stop({ graceMs: 1000 });
  }
}

/**
 * Four clients create drafts through nginx without pause; web A is killed with SIGKILL after 40 answers. Every draft
 * whose creation was acknowledged (201 with an id) must be in the database, and creations keep succeeding after.
 */
async function killUnderLoad(base: string, me: Session, url: string, kill: () => Promise<unknown>): Promise<void> {
  const acked: number[] = [];
  let failed = 0;
  let answers = 0;
  let killed = false;
  let afterKill = 0;
  const one = async () => {
    try {
      const r = await fetch(`${base}/api/contests/${DEMO_SLUG}/entries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: me.cookie, 'x-csrf-token': me.csrf },
        body: JSON.stringify(completeDraft({ kind: 'person' }, { title: 'Dưới tải' })),
      });
      if (r.status === 201) {
        acked.push(((await r.json()) as { id: number }).id);
        if (killed) afterKill++;
      } else failed++;
    } catch {
      failed++;
    }
    answers++;
  };
  const clients = Array.from({ length: 4 }, async () => {
    while (answers < 160) {
      await one();
      if (answers >= 40 && !killed) {
        killed = true;
        await kill();
      }
    }
  });
  await Promise.all(clients);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const found = await c.query<{ id: number }>('select id from entries where id = any($1::bigint[])', [acked]);
  await c.end();
  assert.equal(found.rowCount, acked.length, `${acked.length - (found.rowCount ?? 0)} acknowledged drafts lost`);
  assert.ok(afterKill > 0, 'no draft was created after the kill');
  log(
    `web A killed under load: ${acked.length} drafts acknowledged, all in the database ` +
      `(${afterKill} after the kill); ${failed} requests failed and were not acknowledged`,
  );
}

async function main(): Promise<void> {
  const videos = await makeTestVideos();
  const file = videos.valid1080;
  const size = fs.statSync(file).size;
  log('building the web app if needed');
  await ensureWebBuilt();

  const db = await createTestDatabase();
  const s3 = await startS3rver();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contest-scaled-'));
  try {
    const ports = { http: await freePort(), https: await freePort(), webA: await freePort(), webB: await freePort() };
    const base = `https://127.0.0.1:${ports.https}`;
    const env = (roles: string, port?: number): NodeJS.ProcessEnv => ({
      ...process.env,
      ...s3.env,
      NODE_TLS_REJECT_UNAUTHORIZED: undefined,
      DATABASE_URL: db.url,
      DATA_DIR: db.dataDir,
      ROLES: roles,
      HOST: '127.0.0.1',
      PORT: String(port ?? 0),
      PUBLIC_URL: base,
      TRUST_PROXY: '1',
      // Workers log each job they run (the exactly-once check reads it); web processes only what goes wrong.
      LOG_LEVEL: roles === 'worker' ? 'info' : 'warn',
      DEMO: 'auto',
      RATE_LIMIT_LOGIN_PER_MINUTE: String(LOGIN_LIMIT),
      // The stream of drafts below is one entrant's.
      MAX_DRAFTS_PER_ENTRANT: '1000',
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
    let webA = node('web', ports.webA);
    await ready(ports.webA);
    const webB = node('web', ports.webB);
    const workers = [node('worker'), node('worker')];
    await ready(ports.webB);
    await startNginx(dir, ports);
    log(`nginx on ${ports.https} → web ${ports.webA} and ${ports.webB}, 2 workers, PostgreSQL schema ${db.schema}`);

    // An entrant registers (the code comes back from the mail outbox both processes write to) through nginx.
    const email = `scaled-${crypto.randomBytes(4).toString('hex')}@example.vn`;
    await registerOverHttp(base, db.dataDir, email);
    const webUrlA = `http://127.0.0.1:${ports.webA}`;
    const webUrlB = `http://127.0.0.1:${ports.webB}`;

    // Sessions and CSRF: logged in through web A, the session and its token work through web B.
    const me = await logInOverHttp(webUrlA, email, PASSWORD);
    const onB = await (await fetch(`${webUrlB}/api/auth/session`, { headers: { cookie: me.cookie } })).json();
    assert.equal(onB.user?.email, email, 'the session made on web A is unknown to web B');
    assert.equal(onB.csrfToken, me.csrf, 'web B expects another CSRF token');
    const created = await fetch(`${webUrlB}/api/contests/${DEMO_SLUG}/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: me.cookie, 'x-csrf-token': me.csrf },
      body: JSON.stringify(completeDraft({ kind: 'person' }, { title: 'Tải qua hai tiến trình' })),
    });
    assert.equal(created.status, 201, `create entry on web B with web A's session: ${created.status}`);
    const entryId = ((await created.json()) as { id: number }).id;
    const forged = await fetch(`${webUrlB}/api/contests/${DEMO_SLUG}/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: me.cookie, 'x-csrf-token': 'not-the-token' },
      body: JSON.stringify(completeDraft({ kind: 'person' })),
    });
    assert.equal(forged.status, 403, `a wrong CSRF token on web B: ${forged.status}`);
    log('a session and its CSRF token made on web A hold on web B; a wrong token is refused there');

    await rateLimitAcross(webUrlA, webUrlB);
    log(`${LOGIN_LIMIT} wrong log-ins on web A from one address: the next one on web B is refused (429)`);

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

    // A worker moves the original to the bucket (s3rver) after reading its SHA-256 back; the other web process then
    // serves it through a signed URL, byte-exact, and the shared upload directory no longer holds it.
    const uploadId = uploadPath.split('/').at(-1)!;
    let storageKey: string | null = null;
    await waitFor('a worker to move the original to the bucket', async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const r = await c.query<{ storage_key: string | null }>('select storage_key from uploads where entry_id = $1', [
        entryId,
      ]);
      await c.end();
      storageKey = r.rows[0]?.storage_key ?? null;
      return storageKey !== null;
    });
    const original = await fetch(`http://127.0.0.1:${otherPort}/api/entries/${entryId}/original`, {
      headers: { cookie: me.cookie },
      redirect: 'manual',
    });
    assert.equal(original.status, 302, `original download: ${original.status}`);
    const signed = original.headers.get('location')!;
    assert.ok(signed.startsWith(`${s3.endpoint}/${s3.bucket}/`), `redirected to ${signed}`);
    const bytes = Buffer.from(await (await fetch(signed)).arrayBuffer());
    assert.equal(bytes.length, size, 'size in the bucket');
    assert.equal(crypto.createHash('sha256').update(bytes).digest('hex'), sha256(file), 'bytes in the bucket differ');
    assert.equal(fs.existsSync(path.join(db.dataDir, 'uploads', uploadId)), false, 'the local copy stayed');
    log(`the original is in the bucket as ${storageKey}, served byte-exact through a signed URL by the other process`);

    // Built assets come from nginx's disk with a year's immutable caching.
    const html = await (await fetch(`${base}/`)).text();
    const asset = /\/assets\/[^"']+\.js/.exec(html)?.[0];
    assert.ok(asset, 'no script under /assets/ in index.html');
    const a = await fetch(`${base}${asset}`);
    assert.equal(a.status, 200);
    assert.equal(a.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(a.headers.get('server') ?? '', /^nginx/);
    log(`asset ${asset} served by nginx: ${a.headers.get('cache-control')}`);

    await jobsRunOnce(
      db.url,
      db.schema!,
      workers.map((w) => children.find((c) => c.proc === w)!),
    );

    // The killed process comes back; then web A dies under a stream of submissions through nginx.
    if (victim === webA) webA = node('web', ports.webA);
    else node('web', ports.webB);
    await ready(ownerPort);
    await killUnderLoad(base, me, db.url, () => {
      webA.kill('SIGKILL');
      return new Promise((r) => webA.once('exit', r));
    });
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
    await s3.close();
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
