/**
 * Benchmark P4 (run by hand: `npx tsx bench/responsiveness.ts`): web responsiveness while a rendition runs. The p99
 * of an entry page at 200 connections with a rendition running, against the p99 with none, measured in the same run.
 * Target: busy p99 ≤ 2 × idle p99, and ≤ 50 ms.
 *
 * The app runs as `npm start` runs it: the unchanged server/main.ts (web and worker roles in one process, SQLite,
 * the built web app) in a child process of its own, on a temporary data directory, with the demo contest loaded at
 * first start. A small observer is loaded into it (bench/responsiveness-probe.ts) to report its event-loop delay and
 * CPU time. This process is the load generator (autocannon, loopback) and sets the scene: an entrant registered and
 * logged in over HTTP, a submitted entry whose accepted file is a real 1080p H.264 + AAC source made by ffmpeg here,
 * and one more accepted entry per busy phase, whose renditions are asked for the way the app asks for them
 * (`enqueueRenditions`: the renditions row and the `make-renditions` job, which the server's worker picks up).
 *
 * "An entry page" is measured two ways, each with the entrant's session cookie:
 *  - api:  GET /api/entries/:id, the JSON the entry page loads (session lookup, access check, database reads);
 *  - html: GET /entries/:id, the page itself as the browser first loads it (the web app's index.html).
 * Each at 200 connections in two modes:
 *  - max:   closed loop (autocannon's default), every connection sends its next request as soon as the last one is
 *           answered. The server is saturated, so p99 also reflects its throughput (200 waiting requests over the
 *           requests per second it manages) and how late it lets new connections in: a saturated Node server accepts
 *           about one connection per turn of its event loop, so when a request costs milliseconds many of the 200
 *           connections get their first answer only seconds into the run (the per-phase line says how many were
 *           answered at all; requests unanswered after autocannon's 10 s count as lost and fail the target);
 *  - paced: open loop, the same 200 connections held to a fixed total rate (half of the entry API's closed-loop
 *           throughput in the warm-up, for both, at least one request per connection and second, the same in every
 *           phase), each connection sending at an
 *           even interval and the connections staggered, so that visitors arrive spread over each second as they
 *           do on a real site (bench/open-loop.ts); latency counts from when a request was due, so a server that
 *           falls behind is charged for it (no coordinated omission). This is the figure for the target: the
 *           server has headroom, and p99 shows what a rendition running beside it costs a visitor.
 *
 * Phases alternate idle, busy, idle, busy…; each figure is the median over its phases. A busy phase starts once the
 * ladder ffmpeg of the job is running (found among the server's child processes, its row `running`), and counts only
 * if that same ffmpeg process is still running after the last measurement; it is then stopped (the upload is marked
 * replaced, so that the queue's retry skips it, and ffmpeg is killed). An idle phase counts only if no ffmpeg ran.
 *
 * Options: --pairs N (idle+busy pairs, default 3), --duration S (seconds per measurement, default 10),
 * --connections N (default 200), --seconds N (source duration, default 90), --log-level L (server's LOG_LEVEL,
 * default warn: at info it logs two lines per request), --quiet-wait S (before each phase, wait up to S seconds,
 * default 120, until other processes on the machine leave it alone; each phase reports their CPU use, and one where
 * they took more than a fifth of a CPU is marked DISTURBED), --api-rate N and --html-rate N (paced rates, req/s).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../server/config.ts';
import { createDeps } from '../server/deps.ts';
import { codeInOutbox } from './outbox-code.ts';
import { probeVideoFile } from '../server/media/mp4-probe.ts';
import { completeDraft } from '../tests/helpers/entries.ts';
import { runFfmpeg } from '../tests/helpers/videos.ts';
import { openLoop } from './open-loop.ts';
import { uploadPath } from '../server/services/uploads/upload-files.ts';
import { enqueueRenditions } from '../server/services/media/pipeline.ts';
import { arg, argText } from './args.ts';

// ---------------------------------------------------------------------------------------------------------------
// Options and small helpers

const PAIRS = arg('pairs', 3);
const DURATION = arg('duration', 10);
const CONNECTIONS = arg('connections', 200);
const SECONDS = arg('seconds', 90);
const LOG_LEVEL = argText('log-level', 'warn');
const QUIET_WAIT = arg('quiet-wait', 120);
const TARGET_RATIO = 2;
const TARGET_P99_MS = 50;

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// autocannon ships no types: the little of its programmatic API used here.
interface CannonHistogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
interface CannonResult {
  latency: CannonHistogram;
  requests: { average: number; total: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
}
interface CannonRun extends Promise<CannonResult> {
  on(event: 'response', listener: (client: object, statusCode: number, bytes: number, ms: number) => void): this;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: CannonOptions) => CannonRun;

// ---------------------------------------------------------------------------------------------------------------
// Processes: the server's children, read from /proc

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  cpuMs: number;
  nice: number;
  threads: number;
  startTicks: number;
  policy: number;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  // Fields from the third (state) on; field n of proc(5) is f[n - 3].
  const f = text.slice(close + 2).split(' ');
  const n = (i: number) => Number(f[i - 3]);
  return {
    pid,
    comm,
    ppid: n(4),
    cpuMs: ((n(14) + n(15)) * 1000) / CLK_TCK,
    nice: n(19),
    threads: n(20),
    startTicks: n(22),
    policy: n(41),
  };
}

function descendants(root: number): ProcStat[] {
  const all: ProcStat[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = readStat(Number(d));
    if (s) all.push(s);
  }
  const out: ProcStat[] = [];
  const parents = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of all) {
      if (parents.has(s.ppid) && !parents.has(s.pid)) {
        parents.add(s.pid);
        out.push(s);
        grew = true;
      }
    }
  }
  return out;
}

const ffmpegsOf = (root: number) => descendants(root).filter((s) => s.comm === 'ffmpeg');

/** The ladder run (HLS output), not the short poster run. */
function ladderOf(root: number): ProcStat | null {
  for (const s of ffmpegsOf(root)) {
    try {
      if (fs.readFileSync(`/proc/${s.pid}/cmdline`, 'utf8').split('\0').includes('hls')) return s;
    } catch {
      // ended meanwhile
    }
  }
  return null;
}

/** Bytes a process has read so far (/proc/<pid>/io `rchar`): for ffmpeg, how far into the source it is. */
function readBytes(pid: number): number {
  try {
    return Number(/^rchar:\s*(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const sameProcess = (a: ProcStat, b: ProcStat | null) => b !== null && a.pid === b.pid && a.startTicks === b.startTicks;
const POLICY = ['normal', 'fifo', 'rr', 'batch', 'iso', 'idle'];

/** Busy CPU time of the whole machine, all CPUs, in ms (/proc/stat: user nice system idle iowait irq softirq steal). */
function machineBusyMs(): number {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return ((f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) * 1000) / CLK_TCK;
}

/** CPU time of this bench's own processes: this one (the load generator), the server and its children (ffmpeg). */
function ownBusyMs(serverPid: number): number {
  const self = process.cpuUsage();
  return (
    (self.user + self.system) / 1000 +
    (readStat(serverPid)?.cpuMs ?? 0) +
    descendants(serverPid).reduce((a, s) => a + s.cpuMs, 0)
  );
}

/** Measures how much CPU everything else on the machine (other people's tests) uses, in CPUs. */
function othersMeter(serverPid: number): () => number {
  const [m0, o0, t0] = [machineBusyMs(), ownBusyMs(serverPid), performance.now()];
  return () => Math.max(0, machineBusyMs() - m0 - (ownBusyMs(serverPid) - o0)) / (performance.now() - t0);
}

/** Others' use above which a phase counts as disturbed, in CPUs (of 2). */
const DISTURBED_CPUS = 0.2;

// ---------------------------------------------------------------------------------------------------------------
// The server

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface ProbeReading {
  elP50Ms: number;
  elP99Ms: number;
  elMaxMs: number;
  cpuMs: number;
  wallMs: number;
}

function ask<T>(child: ChildProcess, op: 'reset' | 'read'): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not answer "${op}"`)), 30_000);
    const on = (m: { op?: string }) => {
      if (m?.op !== op) return;
      clearTimeout(timer);
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    child.send({ op });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP as the browser does it: cookies and the CSRF token

/** A JSON answer of the API, read by the few fields the benchmark checks. */
type JsonObject = Record<string, unknown>;

class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: string,
    p: string,
    body?: unknown,
  ): Promise<{ status: number; json: JsonObject | null; text: string; type: string }> {
    const headers: Record<string, string> = { 'accept-language': 'vi' };
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${p}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const [k, v] = [pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim()];
      if (v === '') this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    const text = await res.text();
    let json: JsonObject | null = null;
    try {
      json = JSON.parse(text) as JsonObject;
    } catch {
      // not JSON
    }
    if (json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return { status: res.status, json, text, type: res.headers.get('content-type') ?? '' };
  }

  async expect(status: number, method: string, p: string, body?: unknown) {
    const r = await this.request(method, p, body);
    if (r.status !== status) throw new Error(`${method} ${p}: ${r.status} ${r.text.slice(0, 300)}`);
    return r;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements

type TargetName = 'api' | 'html';
type Mode = 'max' | 'paced';
interface Sample {
  p50: number;
  p99: number;
  rps: number;
  /** Requests without an answer within autocannon's 10 s, or failed: not in the percentiles. */
  lost: number;
  /** Connections that got at least one answer. */
  answered: number;
}
interface Phase {
  kind: 'idle' | 'busy';
  /** CPUs used by other people's processes during the phase. */
  othersCpus: number;
  samples: Record<`${TargetName}-${Mode}`, Sample>;
  probe: ProbeReading;
  ffmpeg?: {
    cpuShare: number;
    /** How far ffmpeg had read the source before and after the measurements, and the row's percent then. */
    readFrom: number;
    readTo: number;
    percentFrom: number;
    percentTo: number;
    nice: number;
    threads: number;
    policy: number;
  };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-responsiveness-'));
const dataDir = path.join(work, 'data');
fs.mkdirSync(dataDir);
const serverLog = path.join(work, 'server.log');
let server = null as ChildProcess | null;
let closeDeps = null as (() => Promise<void>) | null;

async function main(): Promise<void> {
  console.log(
    `machine: ${os.availableParallelism?.() ?? os.cpus().length} CPUs, load average ${load()} (1, 5, 15 min)`,
  );

  // The source: 1080p25 with motion and sound, like bench/renditions.ts.
  const source = path.join(work, 'source.mp4');
  process.stdout.write(`making a ${SECONDS} s 1080p25 source… `);
  await runFfmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=1920x1080:r=25',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:r=48000',
    '-t',
    String(SECONDS),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-b:v',
    '8M',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    source,
  ]);
  const { probe } = await probeVideoFile(source);
  const sourceBytes = fs.statSync(source).size;
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(source)).digest('hex');
  console.log(`done (${(fs.statSync(source).size / 1048576).toFixed(0)} MiB)`);

  // The app, as `npm start` runs it.
  const port = await freePort();
  const log = fs.openSync(serverLog, 'a');
  server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      pathToFileURL(path.join(here, 'responsiveness-probe.ts')).href,
      path.join(repo, 'server', 'main.ts'),
    ],
    {
      cwd: repo,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL,
        ROLES: 'web,worker',
        DEMO: 'auto',
        MAX_DRAFTS_PER_ENTRANT: '100',
      },
      stdio: ['ignore', log, log, 'ipc'],
    },
  );
  fs.closeSync(log);
  const exited = new Promise<never>((_, reject) =>
    server!.once('exit', (code) =>
      reject(new Error(`the server exited (${code}); its log: ${fs.readFileSync(serverLog, 'utf8').slice(-2000)}`)),
    ),
  );
  exited.catch(() => {});
  const base = `http://127.0.0.1:${port}`;
  process.stdout.write('starting the app (server/main.ts; builds the web app if it is missing or stale)… ');
  const t0 = Date.now();
  for (;;) {
    if (Date.now() - t0 > 10 * 60_000) throw new Error('the server did not start within 10 minutes');
    const up = await Promise.race([
      fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ]);
    if (up) break;
    await sleep(250);
  }
  const serverPid = server.pid!;
  console.log(`up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // This process opens the same database to set the scene, as a second process of the app would.
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', MAX_DRAFTS_PER_ENTRANT: '100' });
  const { deps, database } = await createDeps(config, pino({ level: 'silent' }));
  closeDeps = async () => {
    await deps.jobs.stop({ graceMs: 1000 });
    await database.close();
  };
  const contest = await deps.db.selectFrom('contests').select('slug').executeTakeFirstOrThrow();

  // An entrant, over HTTP.
  const b = new Browser(base);
  await b.expect(200, 'GET', '/api/auth/session');
  const email = `nguoi-do-${crypto.randomBytes(4).toString('hex')}@example.vn`;
  const password = 'mat-khau-do-hieu-nang';
  await b.expect(202, 'POST', '/api/auth/register', { fullName: 'Trần Thị Đo', email, password });
  const code = await codeInOutbox(dataDir, email);
  await b.expect(201, 'POST', '/api/auth/register/confirm', { identifier: email, code });
  await b.expect(200, 'POST', '/api/auth/login', { identifier: email, password });
  if (!b.cookies.has('sid')) throw new Error('no session cookie after login');

  // Entries with an accepted file each: the first is the page measured, the others are rendered, one per busy phase.
  fs.mkdirSync(config.uploadDir, { recursive: true });
  const verdict = JSON.stringify({
    ok: true,
    failures: [],
    passed: ['container', 'video_track', 'duration', 'resolution', 'aspect_ratio', 'size', 'integrity', 'decode'],
    probe,
  });
  const user = await deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const entries: { id: number; uploadId: string }[] = [];
  for (let i = 0; i <= PAIRS; i++) {
    const res = await b.expect(
      201,
      'POST',
      `/api/contests/${contest.slug}/entries`,
      completeDraft({ kind: 'person' }, { title: `Đo hiệu năng ${i + 1}` }),
    );
    const entryId = res.json!.id as number;
    const uploadId = crypto.randomBytes(24).toString('base64url');
    try {
      fs.linkSync(source, uploadPath(deps, uploadId));
    } catch {
      fs.copyFileSync(source, uploadPath(deps, uploadId));
    }
    const at = new Date().toISOString();
    await deps.db
      .insertInto('uploads')
      .values({
        id: uploadId,
        entry_id: entryId,
        user_id: user.id,
        size_bytes: fs.statSync(source).size,
        filename: 'phong-su.mp4',
        status: 'accepted',
        sha256,
        verdict_json: verdict,
        created_at: at,
        completed_at: at,
        checked_at: at,
      })
      .execute();
    await deps.db
      .updateTable('entries')
      .set({ active_upload_id: uploadId, accepted_upload_id: uploadId })
      .where('id', '=', entryId)
      .execute();
    entries.push({ id: entryId, uploadId });
  }
  const page = entries[0]!;
  await b.expect(200, 'POST', `/api/entries/${page.id}/submit`);
  const apiCheck = await b.expect(200, 'GET', `/api/entries/${page.id}`);
  if (apiCheck.json?.status !== 'submitted' || apiCheck.json.acceptedUploadId !== page.uploadId)
    throw new Error(`unexpected entry: ${apiCheck.text.slice(0, 300)}`);
  const htmlCheck = await b.expect(200, 'GET', `/entries/${page.id}`);
  if (!htmlCheck.type.startsWith('text/html'))
    throw new Error(`GET /entries/${page.id} gave ${htmlCheck.type}, not the web app`);
  console.log(
    `entry ${page.id} submitted with a ${probe.video!.displayWidth}×${probe.video!.displayHeight} ` +
      `${probe.durationSec?.toFixed(0)} s file; api ${apiCheck.text.length} B, html ${htmlCheck.text.length} B`,
  );

  const targets: Record<TargetName, { url: string; headers: Record<string, string> }> = {
    api: {
      url: `${base}/api/entries/${page.id}`,
      headers: { cookie: b.cookieHeader, accept: 'application/json', 'accept-language': 'vi' },
    },
    html: {
      url: `${base}/entries/${page.id}`,
      headers: { cookie: b.cookieHeader, accept: 'text/html,application/xhtml+xml', 'accept-language': 'vi' },
    },
  };

  async function paced(target: TargetName, seconds: number, rate: number): Promise<Sample> {
    const r = await openLoop({ ...targets[target], connections: CONNECTIONS, seconds, rate });
    if (r.non2xx) throw new Error(`${target}: ${r.non2xx} answers other than 2xx`);
    return { p50: r.p50, p99: r.p99, rps: r.rps, lost: r.lost, answered: r.answered };
  }

  async function cannon(target: TargetName, seconds: number): Promise<Sample> {
    const run = autocannon({ ...targets[target], connections: CONNECTIONS, duration: seconds });
    const answered = new Set<object>();
    run.on('response', (client) => answered.add(client));
    const r = await run;
    if (r.non2xx) throw new Error(`${target}: ${r.non2xx} answers other than 2xx of ${r.requests.total}`);
    return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, lost: r.errors, answered: answered.size };
  }

  /** Waits (at most QUIET_WAIT s) until other people's processes leave the machine alone for 3 s. */
  async function waitForQuiet(): Promise<void> {
    const from = Date.now();
    let said = false;
    for (;;) {
      const others = othersMeter(serverPid);
      await sleep(3000);
      const cpus = others();
      if (cpus < DISTURBED_CPUS / 2) return;
      if (Date.now() - from > QUIET_WAIT * 1000) {
        console.log(`  (still busy after ${QUIET_WAIT} s: going on)`);
        return;
      }
      if (!said)
        console.log(
          `  waiting for the machine to quiet down (other processes use ${(cpus * 100).toFixed(0)} % of a CPU)…`,
        );
      said = true;
    }
  }

  // Warm-up (JIT, caches, the connections), which also fixes the paced rate: half of the entry API's closed-loop
  // throughput, for the page as for the API, since every view of the page costs one request of each. (Half of the
  // page's own throughput, some thousands a second, would measure this load generator rather than the server.)
  await waitForQuiet();
  const warm = { api: await cannon('api', 5), html: await cannon('html', 5) };
  // At least one request per connection and second, so that all of them carry load.
  const rate = Math.max(CONNECTIONS, Math.floor(warm.api.rps / 2 / 100) * 100);
  const rates: Record<TargetName, number> = { api: arg('api-rate', 0) || rate, html: arg('html-rate', 0) || rate };
  console.log(
    `warm-up done (closed loop: api ${warm.api.rps.toFixed(0)} req/s, html ${warm.html.rps.toFixed(0)} req/s); ` +
      `paced rates: api ${rates.api} req/s, html ${rates.html} req/s`,
  );

  async function measureAll(): Promise<Phase['samples']> {
    const samples = {} as Phase['samples'];
    for (const mode of ['max', 'paced'] as const) {
      for (const target of ['api', 'html'] as const) {
        samples[`${target}-${mode}`] =
          mode === 'paced' ? await paced(target, DURATION, rates[target]) : await cannon(target, DURATION);
        await sleep(500);
      }
    }
    return samples;
  }

  const phases: Phase[] = [];
  const renditionRow = (uploadId: string) =>
    deps.db.selectFrom('renditions').select(['status', 'percent']).where('upload_id', '=', uploadId).executeTakeFirst();

  for (let i = 0; i < PAIRS; i++) {
    // Idle: nothing but the web and the worker's idle polling.
    {
      await waitForQuiet();
      if (ffmpegsOf(serverPid).length) throw new Error('an ffmpeg is running before an idle phase');
      await ask(server, 'reset');
      const others = othersMeter(serverPid);
      const samples = await measureAll();
      const othersCpus = others();
      const probeRead = await ask<ProbeReading>(server, 'read');
      if (ffmpegsOf(serverPid).length) throw new Error('an ffmpeg ran during an idle phase');
      phases.push({ kind: 'idle', othersCpus, samples, probe: probeRead });
      report(phases.at(-1)!, phases.length);
    }
    // Busy: a rendition job, measured while its ladder ffmpeg runs.
    {
      const { uploadId } = entries[i + 1]!;
      await waitForQuiet();
      await enqueueRenditions(deps, uploadId);
      const waitFrom = Date.now();
      let ladder: ProcStat | null;
      while (!(ladder = ladderOf(serverPid)) || (await renditionRow(uploadId))?.status !== 'running') {
        if (Date.now() - waitFrom > 120_000) throw new Error('the rendition did not start within 2 minutes');
        await sleep(100);
      }
      await sleep(1000); // ffmpeg's threads up and encoding
      const before = readStat(ladder.pid)!;
      const readFrom = readBytes(ladder.pid) / sourceBytes;
      const percentFrom = Number((await renditionRow(uploadId))!.percent);
      await ask(server, 'reset');
      const others = othersMeter(serverPid);
      const samples = await measureAll();
      const othersCpus = others();
      const probeRead = await ask<ProbeReading>(server, 'read');
      const after = readStat(ladder.pid);
      const readTo = readBytes(ladder.pid) / sourceBytes;
      const row = await renditionRow(uploadId);
      if (!sameProcess(before, after) || row?.status !== 'running') {
        throw new Error(
          `the rendition ended before the measurement did (row ${row?.status} ${row?.percent} %): use a longer ` +
            `source (--seconds)`,
        );
      }
      phases.push({
        kind: 'busy',
        othersCpus,
        samples,
        probe: probeRead,
        ffmpeg: {
          cpuShare: (after!.cpuMs - before.cpuMs) / probeRead.wallMs,
          readFrom,
          readTo,
          percentFrom,
          percentTo: Number(row.percent),
          nice: after!.nice,
          threads: after!.threads,
          policy: after!.policy,
        },
      });
      report(phases.at(-1)!, phases.length);
      // Stop it: the upload counts as replaced (the queue's retry then skips it) and its ffmpeg is killed.
      await deps.db.updateTable('uploads').set({ status: 'replaced' }).where('id', '=', uploadId).execute();
      process.kill(ladder.pid, 'SIGKILL');
      const stopFrom = Date.now();
      while (ffmpegsOf(serverPid).length || (await renditionRow(uploadId))?.status === 'running') {
        if (Date.now() - stopFrom > 30_000) throw new Error('the rendition did not stop');
        await sleep(100);
      }
      await sleep(2000);
    }
  }

  summary(phases);
}

function report(p: Phase, n: number): void {
  const s = p.samples;
  const f = (k: keyof Phase['samples']) => {
    const answered = s[k].answered < CONNECTIONS ? ` (${s[k].answered} conns answered)` : '';
    const lost = s[k].lost ? ` (${s[k].lost} LOST)` : '';
    return `${k} p50 ${s[k].p50} p99 ${s[k].p99} ms ${s[k].rps.toFixed(0)}/s${answered}${lost}`;
  };
  const pc = (x: number) => `${(x * 100).toFixed(0)} %`;
  const ff = p.ffmpeg
    ? `; ffmpeg ${pc(p.ffmpeg.cpuShare)} CPU, read ${pc(p.ffmpeg.readFrom)}→${pc(p.ffmpeg.readTo)} of the ` +
      `source, row ${p.ffmpeg.percentFrom}→${p.ffmpeg.percentTo} %`
    : '';
  console.log(
    `phase ${n} ${p.kind.padEnd(4)}: ${f('api-max')} | ${f('html-max')} | ${f('api-paced')} | ` +
      `${f('html-paced')}; server ${((p.probe.cpuMs / p.probe.wallMs) * 100).toFixed(0)} % CPU, event-loop delay ` +
      `p99 ${p.probe.elP99Ms.toFixed(1)} ms${ff}; others ${(p.othersCpus * 100).toFixed(0)} % of a ` +
      `CPU${p.othersCpus > DISTURBED_CPUS ? ' (DISTURBED)' : ''}; load ${load()}`,
  );
}

function summary(phases: Phase[]): void {
  const idle = phases.filter((p) => p.kind === 'idle');
  const busy = phases.filter((p) => p.kind === 'busy');
  const ff = busy.map((p) => p.ffmpeg!);
  console.log('');
  console.log(
    `P4: entry page at ${CONNECTIONS} connections, median of ${idle.length} idle and ${busy.length} busy ` +
      `phases of ${DURATION} s per figure`,
  );
  console.log(
    `rendition: ladder of a ${SECONDS} s 1080p source; ffmpeg nice ${ff[0]?.nice}, policy ` +
      `${POLICY[ff[0]?.policy ?? 0] ?? ff[0]?.policy}, ${median(ff.map((x) => x.threads))} threads, ` +
      `${(median(ff.map((x) => x.cpuShare)) * 100).toFixed(0)} % of one CPU during the busy phases`,
  );
  console.log(
    'figure       |   idle p50 |   idle p99 |  idle req/s |   busy p50 |   busy p99 |  busy req/s | p99 ' +
      'busy/idle | verdict',
  );
  let allPass = true;
  for (const mode of ['max', 'paced'] as const) {
    for (const target of ['api', 'html'] as const) {
      const k = `${target}-${mode}` as const;
      const m = (ps: Phase[], f: (s: Sample) => number) => median(ps.map((p) => f(p.samples[k])));
      const [i50, i99, irps] = [m(idle, (s) => s.p50), m(idle, (s) => s.p99), m(idle, (s) => s.rps)];
      const [b50, b99, brps] = [m(busy, (s) => s.p50), m(busy, (s) => s.p99), m(busy, (s) => s.rps)];
      const ratio = b99 / i99;
      const lost = phases.reduce((a, p) => a + p.samples[k].lost, 0);
      const pass = ratio <= TARGET_RATIO && b99 <= TARGET_P99_MS && lost === 0;
      allPass &&= pass;
      const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
      const ps = (x: number) => x.toFixed(0).padStart(11);
      const why =
        (ratio > TARGET_RATIO ? ` (ratio > ${TARGET_RATIO}×)` : '') +
        (b99 > TARGET_P99_MS ? ` (p99 > ${TARGET_P99_MS} ms)` : '') +
        (lost ? ` (${lost} requests lost)` : '');
      console.log(
        `${k.padEnd(12)} | ${ms(i50)} | ${ms(i99)} | ${ps(irps)} | ${ms(b50)} | ${ms(b99)} | ${ps(brps)} | ` +
          `${`${ratio.toFixed(2)}×`.padStart(13)} | ${pass ? 'PASS' : 'FAIL'}${why}`,
      );
    }
  }
  const el = (ps: Phase[]) => median(ps.map((p) => p.probe.elP99Ms)).toFixed(1);
  const cpu = (ps: Phase[]) => (median(ps.map((p) => p.probe.cpuMs / p.probe.wallMs)) * 100).toFixed(0);
  console.log(
    `server: event-loop delay p99 ${el(idle)} ms idle, ${el(busy)} ms busy; CPU ${cpu(idle)} % idle, ` +
      `${cpu(busy)} % busy (of one CPU)`,
  );
  const disturbed = phases.filter((p) => p.othersCpus > DISTURBED_CPUS).length;
  const rerun = disturbed
    ? `; ${disturbed} of ${phases.length} phases DISTURBED (> ${DISTURBED_CPUS * 100} %): ` +
      'rerun when the machine is quiet'
    : '';
  console.log(
    `other people's processes: median ${(median(phases.map((p) => p.othersCpus)) * 100).toFixed(0)} % of a CPU ` +
      `per phase${rerun}`,
  );
  console.log(
    `targets (p99 busy ≤ ${TARGET_RATIO}× idle and ≤ ${TARGET_P99_MS} ms) on every figure: ` +
      `${allPass ? 'PASS' : 'FAIL'}; load average ${load()}`,
  );
}

try {
  await main();
} finally {
  await closeDeps?.().catch(() => {});
  if (server && server.exitCode === null) {
    const gone = new Promise<void>((r) => server!.once('exit', () => r()));
    server.kill('SIGTERM');
    await Promise.race([gone, sleep(10_000)]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  fs.rmSync(work, { recursive: true, force: true });
}
