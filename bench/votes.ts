/**
 * Durable votes per second through HTTP (issues 12 and 16, run by hand: `npx tsx bench/votes.ts [--votes 10000]
 * [--connections 100] [--processes 1] [--rounds 2] [--raw-seconds 5] [--open-rate 2000] [--open-seconds 5]
 * [--gallery-votes N] [--gallery-seconds 5]`; on
 * `TEST_DATABASE_URL=postgres://…` and, say, `--processes 2`). Every vote goes through every check: the voter's
 * session cookie bound to its device cookie, the CSRF token, a solved proof-of-work challenge (solved before the
 * clock starts, as browsers do it on their own CPU), the window, the entry's publication, the rule, the device
 * signals and the hash-chained log, answered after the commit. Each voter votes once.
 *
 * Baseline, same run, same database: a raw loop of one INSERT per transaction (autocommit, durable: SQLite
 * synchronous FULL in WAL mode, PostgreSQL commit) into a table shaped like `votes`. Target: votes/s ≥ 1.0× the raw
 * loop (group commit), ≥ 2,000 votes/s, p99 ≤ 50 ms at 100 connections. Rounds alternate raw loop and HTTP votes;
 * the figures are medians. The rounds send each vote as soon as the connection's last one is answered, so their
 * latency is that of a saturated server (100 ÷ votes/s on average, ADR 0058); then votes are offered at a fixed
 * rate (`--open-rate`, 2,000/s by default, the target) over the same connections, and their latency is the one
 * voters see at that rate.
 *
 * Then the gallery (issue 12): its API's p99 at 200 connections alone, then while `--gallery-votes` more votes arrive
 * at 100 connections (target ≤ 2× alone), in the same run on the same web processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'kysely';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { openLoop, type OpenLoopRequest } from './open-loop.ts';
import { seedPublished } from './seed-published.ts';
import { arg, argText } from './args.ts';
import { closedLoop, wireRequest } from './lean-http.ts';

const require = createRequire(import.meta.url);
interface CannonResult {
  latency: { p50: number; p99: number };
  requests: { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
const autocannon = require('autocannon') as (
  opts: Record<string, unknown>,
) => Promise<CannonResult> & { stop: () => void };

const votesPerRound = arg('votes', 10_000);
const connections = arg('connections', 100);
const rounds = arg('rounds', 2);
const rawSeconds = arg('raw-seconds', 5);
const pgUrl = process.env.TEST_DATABASE_URL;
const processes = arg('processes', 1);
/** The gallery while votes arrive: `--gallery-votes` votes fired while the gallery API is read at 200 connections. */
const gallerySeconds = arg('gallery-seconds', 5);
/** `--gallery-seconds 0`: no gallery measurement. */
const galleryVotes = gallerySeconds > 0 ? arg('gallery-votes', votesPerRound) : 0;
const galleryConnections = arg('gallery-connections', 200);
/**
 * Votes offered at a fixed rate (`--open-rate`, per second, for `--open-seconds`; 0 for none) over the same
 * connections, each sent when due whether or not the one before was answered (bench/open-loop.ts): the latency
 * voters see at that rate, where the rounds above show it at saturation.
 */
const openRate = arg('open-rate', 2000);
const openSeconds = arg('open-seconds', 5);
const OPEN_WARM_SECONDS = 2;
const openVotes = openSeconds > 0 ? Math.round(openRate * (OPEN_WARM_SECONDS + openSeconds)) : 0;
/**
 * `--ceiling`: the web processes answer each vote after its checks without writing it (bench/votes-server.ts), so
 * the rounds measure what the HTTP path alone allows against the same raw loop (ADR 0060). Nothing is stored.
 */
const ceiling = process.argv.includes('--ceiling');
/**
 * `--floor`: node's HTTP server alone answers each vote as the app would, with nothing checked or written
 * (bench/votes-server.ts): what serving HTTP costs this machine, the most a leaner path than Fastify's could reach.
 */
const floor = process.argv.includes('--floor');
if (ceiling && floor) throw new Error('--ceiling or --floor, not both');
/**
 * `--worker`: the web process runs the worker role too, as the default SQLite install does (ROLES=web,worker): the
 * integrity checks over new votes every 5 s then share its main thread with the votes.
 */
const withWorker = process.argv.includes('--worker');
if (floor && gallerySeconds > 0) throw new Error('--floor answers every request as a vote: --gallery-seconds 0');
/**
 * `--generator lean|autocannon`: what sends the votes. The lean one (bench/lean-http.ts) costs the shared cores least;
 * `autocannon` sends the saturated rounds with autocannon and the open loop with node's HTTP client, as earlier
 * figures were measured (ADR 0063). The gallery is read with autocannon either way.
 */
const generator = argText('generator', 'lean');
if (generator !== 'lean' && generator !== 'autocannon') throw new Error('--generator lean or autocannon');
/** `--profile DIR`: the web processes write CPU profiles there (node --cpu-prof) when they are stopped. */
const profileDir = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : null;
if (!pgUrl && processes !== 1) throw new Error('SQLite runs one web process per installation: --processes 1');
const COMPLEXITY = '10';
const WARM = 500;

// A fresh database: a temporary SQLite file, or a schema of its own in the PostgreSQL database.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-votes-'));
let databaseUrl = `sqlite:${path.join(dir, 'contest.sqlite')}`;
let schema: string | null = null;
if (pgUrl) {
  schema = `bench_votes_${crypto.randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
  const u = new URL(pgUrl);
  u.searchParams.set('options', `-c search_path=${schema}`);
  databaseUrl = u.toString();
}

// Seed: the demo contest, 12 published entries, voting open, and verified voters with their cookies and solutions.
const { loadConfig } = await import('../server/config.ts');
const { createDeps } = await import('../server/deps.ts');
const { ensureFirstAdmin } = await import('../server/services/accounts/ensure-first-admin.ts');
const { loadDemoContest } = await import('../server/services/contests/load-demo-contest.ts');
const { createChallenge } = await import('../server/security/altcha.ts');
const { sha256Hex } = await import('../server/security/tokens.ts');
const { voterHash, voterPseudonym } = await import('../server/services/voting/voter-keys.ts');
const config = loadConfig({
  DATA_DIR: dir,
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'silent',
  ALTCHA_COMPLEXITY: COMPLEXITY,
});
const { deps, database } = await createDeps(config, pino({ level: 'silent' }));
const admin = await ensureFirstAdmin(deps);
if (!admin.created) throw new Error('expected an empty database');
const contest = (await loadDemoContest(deps, { userId: admin.userId, isSiteAdmin: true, ip: null }))!;
const row = await deps.db
  .selectFrom('contests')
  .select(['id', 'name'])
  .where('slug', '=', contest.slug)
  .executeTakeFirstOrThrow();
const contestId = Number(row.id);
const entryIds = await seedPublished(deps, contestId, contest.slug, row.name, 12);
await deps.db
  .deleteFrom('contest_phases')
  .where('contest_id', '=', contestId)
  .where('kind', '=', 'public_voting')
  .execute();
await deps.db
  .insertInto('contest_phases')
  .values({
    contest_id: contestId,
    kind: 'public_voting',
    starts_at: new Date(Date.now() - 60_000).toISOString(),
    ends_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  })
  .execute();

interface BenchVoter {
  cookie: string;
  csrf: string;
  body: string;
  entryId: number;
  address: string;
}
const total = WARM + votesPerRound * rounds + openVotes + galleryVotes;
const voters: BenchVoter[] = [];
const now = new Date().toISOString();
const expires = new Date(Date.now() + 86_400_000).toISOString();
for (let start = 0; start < total; start += 500) {
  const batch = Array.from({ length: Math.min(500, total - start) }, (_, j) => start + j);
  await deps.db.transaction().execute(async (trx) => {
    for (const i of batch) {
      const identity = voterHash(deps, `phone:+8435${String(i).padStart(7, '0')}`);
      const v = await trx
        .insertInto('voters')
        .values({
          contest_id: contestId,
          identity_hash: identity,
          kind: 'phone',
          display: `035 *** ${String(i % 10_000).padStart(4, '0')}`,
          email_domain: null,
          pseudonym: voterPseudonym(deps, contestId, identity),
          verified_at: now,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const token = crypto.randomBytes(24).toString('base64url');
      const device = crypto.randomBytes(24).toString('base64url');
      await trx
        .insertInto('voter_sessions')
        .values({
          token_hash: sha256Hex(token),
          voter_id: Number(v.id),
          device_id: voterHash(deps, `device:${device}`),
          created_at: now,
          expires_at: expires,
        })
        .execute();
      const challenge = await createChallenge(deps);
      const solution = await solveChallenge({ challenge, deriveKey });
      if (!solution) throw new Error('challenge not solved');
      const altcha = Buffer.from(
        JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }),
      ).toString('base64');
      const csrf = crypto.randomBytes(16).toString('hex');
      voters.push({
        cookie: `vsid=${token}; vdev=${device}; csrf_anon=${csrf}`,
        csrf,
        body: JSON.stringify({ altcha }),
        entryId: entryIds[i % entryIds.length]!,
        // Voters on many networks, as the public is (all from one address would be a burst the worker quarantines).
        address: `100.${64 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`,
      });
    }
  });
}
// PostgreSQL's planner statistics as autovacuum keeps them on a live install; without them the planner takes the
// thousands of voters just added for a handful, and joins the sessions to them by scanning them all.
if (pgUrl) await sql`analyze`.execute(deps.db);
await database.close();

// The web processes.
const children: ChildProcess[] = [];
/** CPU time of the web processes from listening to their end (every request they served), in ms. */
let cpuMs = 0;
/** Each web process's event-loop delay over its run (p99, max), in ms. */
const loopDelays: { p99: number; max: number }[] = [];
/** Each web process's garbage collections over its run: all and major ones, their pauses in ms. */
interface GcPauses {
  count: number;
  ms: number;
  major: number;
  majorMs: number;
  longest: number;
}
const gcs: GcPauses[] = [];
const ports: number[] = [];
for (let p = 0; p < processes; p++) {
  const child = spawn(
    process.execPath,
    [
      ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'votes-server.ts'),
      dir,
      databaseUrl,
      COMPLEXITY,
      ceiling ? 'ceiling' : floor ? 'floor' : 'votes',
      withWorker ? 'web,worker' : 'web',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const lines = readline.createInterface({ input: child.stdout! });
  ports.push(
    await new Promise<number>((resolve, reject) => {
      lines.once('line', (l) => resolve(JSON.parse(l).port));
      child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    }),
  );
  lines.once('line', (l) => {
    const end = JSON.parse(l) as { cpuMs: number; loopDelayMs: { p99: number; max: number }; gc: GcPauses };
    cpuMs += end.cpuMs;
    loopDelays.push(end.loopDelayMs);
    gcs.push(end.gc);
  });
}

/** CPU seconds so far of the web processes, of this process (the load generator) and of the database's processes. */
function cpuNow(): { web: number; load: number; db: Map<string, number>; written: number } {
  const ticks = (pid: number | string) => {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      return 0;
    }
  };
  // By process: PostgreSQL's backends come and go, and one that ended must not count as negative time.
  const db = new Map<string, number>();
  if (pgUrl)
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)))
      if (fs.existsSync(`/proc/${pid}/comm`) && fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres')
        db.set(pid, ticks(pid));
  const own = process.cpuUsage();
  // Bytes the web processes sent to the disk (SQLite's log and its checkpoints; nothing on PostgreSQL).
  const written = (pid: number) => {
    try {
      return Number(/^write_bytes: (\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
    } catch {
      return 0;
    }
  };
  return {
    written: children.reduce((n, c) => n + written(c.pid!), 0),
    web: children.reduce((n, c) => n + ticks(c.pid!), 0),
    load: (own.user + own.system) / 1e6,
    db,
  };
}

/** One voter's vote, as a browser sends it. */
function voteRequest(v: BenchVoter): OpenLoopRequest {
  return {
    method: 'POST',
    path: `/api/contests/${contest.slug}/entries/${v.entryId}/votes`,
    headers: {
      'content-type': 'application/json',
      cookie: v.cookie,
      'x-csrf-token': v.csrf,
      'x-forwarded-for': v.address,
    },
    body: v.body,
  };
}

/**
 * The voters' votes on the wire for the lean generator, written out before the clock starts, as a browser has its vote
 * ready; none for autocannon, which builds each one as it sends it.
 */
function wireVotes(port: number, vs: BenchVoter[]): Buffer[] {
  return generator === 'lean' ? vs.map((v) => wireRequest(`127.0.0.1:${port}`, voteRequest(v))) : [];
}

let next = 0;
const refusals: string[] = [];
/** Fires `count` votes, one per voter, at `conns` connections spread over the web processes. */
async function fireVotes(count: number, conns: number) {
  const slice = voters.slice(next, next + count);
  next += count;
  const per = Math.ceil(slice.length / ports.length);
  const shares = ports.map((port, p) => ({ port, mine: slice.slice(p * per, (p + 1) * per) }));
  const perProcess = Math.max(1, Math.round(conns / ports.length));
  const wire = shares.map(({ port, mine }) => wireVotes(port, mine));
  const cpuBefore = cpuNow();
  const started = performance.now();
  // The last answer's time, not autocannon's end: it ends on its next one-second tick after the last answer, which
  // made a round of 4,000 votes in 1.05 s count as 2 s.
  let lastAnswer = started;
  const refuse = (status: number, body: string) => {
    if (status !== 200 && refusals.length < 5) refusals.push(`${status} ${body.slice(0, 300)}`);
  };
  const results: { answered: number; bad: number; p50: number; p99: number; codes: string; timeouts: number }[] =
    await Promise.all(
      shares.map(async ({ port, mine }, p) => {
        if (generator === 'lean') {
          const r = await closedLoop({
            port,
            connections: perProcess,
            requests: wire[p]!,
            onRefused: (a) => refuse(a.status, a.body.toString()),
          });
          lastAnswer = Math.max(lastAnswer, r.lastAnswer);
          return {
            answered: r.answered,
            bad: r.non2xx,
            p50: r.p50,
            p99: r.p99,
            codes: `${r.non2xx} non-2xx`,
            timeouts: 0,
          };
        }
        let i = 0;
        const r = await autocannon({
          url: `http://127.0.0.1:${port}`,
          connections: perProcess,
          amount: mine.length,
          timeout: 60,
          requests: [
            {
              method: 'POST',
              setupRequest: (req: Record<string, unknown>) => ({ ...req, ...voteRequest(mine[i++ % mine.length]!) }),
              onResponse: (status: number, body: string) => {
                lastAnswer = performance.now();
                refuse(status, body);
              },
            },
          ],
        });
        return {
          answered: r.requests.total,
          bad: r.non2xx + r.errors,
          p50: r.latency.p50,
          p99: r.latency.p99,
          codes: JSON.stringify(r.statusCodeStats),
          timeouts: r.timeouts,
        };
      }),
    );
  const seconds = (lastAnswer - started) / 1000;
  const cpuAfter = cpuNow();
  const wall = (performance.now() - started) / 1000;
  const cores = {
    web: (cpuAfter.web - cpuBefore.web) / wall,
    load: (cpuAfter.load - cpuBefore.load) / wall,
    db: [...cpuAfter.db].reduce((n, [pid, t]) => n + t - (cpuBefore.db.get(pid) ?? 0), 0) / wall,
  };
  const answered = results.reduce((n, r) => n + r.answered, 0);
  const bad = results.reduce((n, r) => n + r.bad, 0);
  if (bad) {
    const codes = results.map((r) => r.codes).join(' ');
    const timeouts = results.reduce((n, r) => n + r.timeouts, 0);
    throw new Error(`${bad} votes refused or failed (${codes}; ${timeouts} timeouts): ${refusals.join(' | ')}`);
  }
  return {
    rate: answered / seconds,
    writtenKbPerVote: (cpuAfter.written - cpuBefore.written) / 1024 / answered,
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    cores,
  };
}

/** The raw loop: one durable INSERT per transaction, one after another, for `rawSeconds`. */
async function rawLoop(round: number): Promise<number> {
  const table = `bench_raw_votes_${round}`;
  const columns =
    'contest_id integer not null, voter_id integer not null, entry_id integer not null, cast_at text not null, ' +
    'rule_key text not null unique, status text not null, ip text, device_id text';
  const values = (i: number) => [contestId, i, entryIds[i % entryIds.length]!, new Date().toISOString(), `d:${i}`];
  let n = 0;
  if (!pgUrl) {
    const raw = new SqliteDatabase(path.join(dir, 'contest.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec(`create table ${table} (id integer primary key, ${columns})`);
    const insert = raw.prepare(
      `insert into ${table} (contest_id, voter_id, entry_id, cast_at, rule_key, status, ip, device_id) ` +
        `values (?, ?, ?, ?, ?, 'counted', '127.0.0.1', 'd')`,
    );
    const end = performance.now() + rawSeconds * 1000;
    while (performance.now() < end) insert.run(...values(n++));
    raw.close();
  } else {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(`create table ${table} (id bigserial primary key, ${columns})`);
    const end = performance.now() + rawSeconds * 1000;
    while (performance.now() < end)
      await c.query(
        `insert into ${table} (contest_id, voter_id, entry_id, cast_at, rule_key, status, ip, device_id) ` +
          `values ($1, $2, $3, $4, $5, 'counted', '127.0.0.1', 'd')`,
        values(n++),
      );
    await c.end();
  }
  return n / rawSeconds;
}

// Warm-up (JIT, pools), then alternating rounds.
await fireVotes(WARM, 20);
// PostgreSQL: statistics that know the votes' shape (many voters and devices, a few votes each), as autovacuum keeps
// them through a voting period; the table was empty at the first ANALYZE.
if (pgUrl) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query('analyze votes');
  await c.end();
}
const raws: number[] = [];
const runs: Awaited<ReturnType<typeof fireVotes>>[] = [];
for (let r = 0; r < rounds; r++) {
  raws.push(await rawLoop(r));
  runs.push(await fireVotes(votesPerRound, connections));
}

/** Votes offered at `openRate` per second, shared by the web processes; throws if any is refused or lost. */
let unsent = 0;
async function offerVotes(seconds: number) {
  const count = Math.round(openRate * seconds);
  const slice = voters.slice(next, next + count);
  next += count;
  const per = Math.ceil(slice.length / ports.length);
  const results = await Promise.all(
    ports.map((port, p) => {
      const mine = slice.slice(p * per, (p + 1) * per);
      const wire = wireVotes(port, mine);
      return openLoop({
        url: `http://127.0.0.1:${port}`,
        headers: {},
        connections: Math.max(1, Math.round(connections / ports.length)),
        rate: openRate / ports.length,
        seconds,
        timeoutMs: 60_000,
        ...(generator === 'lean'
          ? { wire: (n: number) => wire[n]! }
          : { request: (n: number) => voteRequest(mine[n]!) }),
      });
    }),
  );
  const sent = results.reduce((n, r) => n + r.rps * seconds + r.lost, 0);
  unsent += count - Math.round(sent);
  const bad = results.reduce((n, r) => n + r.lost + r.non2xx, 0);
  if (bad) throw new Error(`open loop: ${bad} of ${sent} votes refused or lost`);
  return {
    rate: results.reduce((n, r) => n + r.rps, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
  };
}
// The first seconds after the saturated rounds are left out: their p99 reached a second, and a second run just after
// the first showed nothing of it, so it belongs to the switch from the rounds, not to the rate.
if (openVotes > 0) await offerVotes(OPEN_WARM_SECONDS);
const offered = openVotes > 0 ? await offerVotes(openSeconds) : null;
// Fewer votes than planned were sent when the connections' last turns fell after the end.
const acknowledged = total - unsent;

// The gallery (its API's first page, the read every gallery view makes) at 200 connections: alone for
// `gallerySeconds`, then while `galleryVotes` votes arrive, stopped when the last vote is answered. The gallery's
// requests go to every web process in turn, as nginx would spread them.
const galleryUrls = ports.map((port) => `http://127.0.0.1:${port}/api/public/contests/${contest.slug}/gallery`);
function readGallery(seconds: number) {
  const per = Math.max(1, Math.round(galleryConnections / ports.length));
  const runs = galleryUrls.map((url) =>
    autocannon({ url, connections: per, duration: seconds, headers: { 'accept-encoding': 'gzip, deflate, br' } }),
  );
  return {
    stop: () => runs.forEach((r) => r.stop()),
    done: Promise.all(runs).then((rs) => {
      const bad = rs.reduce((n, r) => n + r.non2xx + r.errors, 0);
      if (bad) throw new Error(`gallery: ${bad} requests failed`);
      return { p99: Math.max(...rs.map((r) => r.latency.p99)), requests: rs.reduce((n, r) => n + r.requests.total, 0) };
    }),
  };
}
let gallery: { alone: number; withVotes: number; votes: { rate: number; p99: number } } | null = null;
if (gallerySeconds > 0) {
  await readGallery(1).done;
  const alone = await readGallery(gallerySeconds).done;
  const underVotes = readGallery(600);
  const votes = await fireVotes(galleryVotes, connections);
  underVotes.stop();
  gallery = { alone: alone.p99, withVotes: (await underVotes.done).p99, votes };
}

// SQLite's log file keeps the largest size it reached until the last connection closes (ADR 0059).
const wal = `${path.join(dir, 'contest.sqlite')}-wal`;
const walBytes = !pgUrl && fs.existsSync(wal) ? fs.statSync(wal).size : 0;
await Promise.all(children.map((c) => new Promise((r) => (c.once('close', r), c.kill('SIGINT')))));

// Every acknowledged vote is stored, in one chain.
const check = await createDeps(config, pino({ level: 'silent' }));
const stored = await check.deps.db
  .selectFrom('votes')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('contest_id', '=', contestId)
  .executeTakeFirstOrThrow();
const counted = await check.deps.db
  .selectFrom('votes')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('contest_id', '=', contestId)
  .where('status', '=', 'counted')
  .executeTakeFirstOrThrow();
const head = await check.deps.db
  .selectFrom('vote_log_heads')
  .select('seq')
  .where('contest_id', '=', contestId)
  .executeTakeFirst();
await check.database.close();
const logLines = Number(head?.seq ?? 0);
if (!ceiling && !floor && (Number(stored.n) !== acknowledged || logLines < acknowledged))
  throw new Error(`stored ${stored.n} votes and ${logLines} log lines for ${acknowledged} acknowledged`);

if (schema) {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`drop schema ${schema} cascade`);
  await c.query(`drop schema if exists ${schema}_boss cascade`).catch(() => {});
  await c.end();
}
fs.rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const raw = median(raws);
const rate = median(runs.map((x) => x.rate));
// Each round's ratio against the raw loop measured just before it (the disk is shared; its speed drifts).
const ratio = median(runs.map((x, i) => x.rate / raws[i]!));
const p99 = median(runs.map((x) => x.p99));
const load = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const db = pgUrl ? 'PostgreSQL' : 'SQLite';
console.log(
  `\n${db}, ${processes} web process(es)${withWorker ? ' with the worker role' : ''}, ${connections} connections, ` +
    `load ${load}`,
);
console.log(`${rounds} rounds of ${votesPerRound} votes, each after ${rawSeconds} s of the raw loop; medians`);
console.log(`raw loop, one INSERT per transaction   ${raw.toFixed(0).padStart(6)} inserts/s`);
console.log(
  `votes through HTTP, ${ceiling ? 'checks only' : floor ? 'no framework' : 'every check'}        ` +
    `${rate.toFixed(0).padStart(6)} votes/s` +
    `    ratio ${ratio.toFixed(2)}×` +
    ` (≥ 1.0: ${ratio >= 1 ? 'yes' : 'NO'})   ≥ 2,000/s: ${rate >= 2000 ? 'yes' : 'NO'}`,
);
const p50 = median(runs.map((x) => x.p50));
console.log(
  ceiling
    ? `ceiling: each vote answered after its checks, none written (--ceiling)`
    : floor
      ? `floor: each vote answered by node's HTTP server alone, nothing checked or written (--floor)`
      : `stored ${stored.n} votes (${counted.n} counted), ${logLines} log lines, for ${acknowledged} acknowledged`,
);
console.log(
  `latency                                p50 ${p50} ms   p99 ${p99} ms   (≤ 50 ms: ${p99 <= 50 ? 'yes' : 'NO'})`,
);
console.log(
  `web processes' CPU                     ${(cpuMs / acknowledged).toFixed(2)} ms per vote` +
    (gallery ? ' (gallery requests included)' : ''),
);
console.log(
  `web processes' event loop             delay p99 ${loopDelays.map((d) => d.p99).join(', ')} ms, ` +
    `longest ${loopDelays.map((d) => d.max).join(', ')} ms`,
);
console.log(
  `web processes' garbage collections   ${gcs.map((g) => `${g.count} (${g.ms} ms)`).join(', ')}; ` +
    `major ${gcs.map((g) => `${g.major} (${g.majorMs} ms)`).join(', ')}; ` +
    `longest pause ${gcs.map((g) => g.longest).join(', ')} ms`,
);
if (offered)
  console.log(
    `votes offered at ${openRate}/s (open loop): answered ${offered.rate.toFixed(0)}/s, p50 ${offered.p50} ms, ` +
      `p99 ${offered.p99} ms (≤ 50 ms: ${offered.p99 <= 50 ? 'yes' : 'NO'})`,
  );
if (gallery) {
  const ratio = gallery.withVotes / Math.max(1, gallery.alone);
  console.log(
    `gallery API p99 at ${galleryConnections} connections: alone ${gallery.alone} ms, while ` +
      `${gallery.votes.rate.toFixed(0)} votes/s arrive ${gallery.withVotes} ms: ${ratio.toFixed(2)}× ` +
      `(≤ 2×: ${ratio <= 2 ? 'yes' : 'NO'}); votes meanwhile p99 ${gallery.votes.p99} ms`,
  );
}
if (!pgUrl)
  console.log(
    `written to disk by the web process      ${median(runs.map((x) => x.writtenKbPerVote)).toFixed(1)} KiB per vote; ` +
      `the write-ahead log's largest size ${(walBytes / 2 ** 20).toFixed(1)} MiB`,
  );
const cores = (k: 'web' | 'load' | 'db') => median(runs.map((x) => x.cores[k])).toFixed(2);
console.log(
  `cores busy while votes arrive          web ${cores('web')}, load generator ${cores('load')}` +
    (pgUrl ? `, PostgreSQL ${cores('db')}` : '') +
    ` (of ${os.cpus().length})`,
);
runs.forEach((x, i) =>
  console.log(
    `  round ${i + 1}: raw ${raws[i]!.toFixed(0)}/s, votes ${x.rate.toFixed(0)}/s, p50 ${x.p50} ms, p99 ${x.p99} ms`,
  ),
);
