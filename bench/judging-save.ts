/**
 * A juror's score save, round trip over HTTP (issue 11, "the scoring screen's save round-trip p99 with 15 jurors
 * saving at once"; run by hand: `npx tsx bench/judging-save.ts [--jurors 20] [--saves 40] [--entries 10]`, with
 * `TEST_DATABASE_URL=postgres://…` for PostgreSQL). The whole app on a real port (the test app: a fresh database,
 * the demo contest in its judging phase, its first round open with every juror scoring every entry); each juror logs
 * in over HTTP, takes the CSRF token and then saves `saves` sheets one after the other, as autosave does (the whole
 * sheet, the version it was based on, a different score each time), all jurors at once. Every save must answer 200
 * with the next version.
 *
 * Against two baselines measured in the same run at the same concurrency:
 *  - `GET /api/auth/session` with the same sessions: an authenticated request of the same app (cookie, session
 *    lookup, JSON answer) that writes nothing;
 *  - a raw single-row update of the same table through the same database handle (`update judging_scores set
 *    updated_at = ? where id = ?`), no HTTP: what the database alone costs for one write.
 * Printed: p50 and p99 of each, and the save's as ratios of the baselines'.
 */
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { loadContest } from '../server/services/contests/load-contest.ts';
import { updateContest } from '../server/services/contests/update-contest.ts';
import { approvedEntry, completeDraft } from '../tests/helpers/entries.ts';
import { makeUser, startTestApp } from '../tests/helpers/test-app.ts';
import { arg } from './args.ts';

const JURORS = arg('jurors', 20);
const SAVES = arg('saves', 40);
const ENTRIES = arg('entries', 10);

const t = await startTestApp();
await t.app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
const contest = await loadContest(t.deps.db, { slug: t.demoSlug });

/** The few fields of the answers this bench reads. */
interface Answer {
  csrfToken: string;
  rounds: { id: number }[];
  entries: { ref: string }[];
  version: number;
}

/** A session over HTTP: cookies kept, the CSRF token sent on every change, as the web app does. */
class Session {
  private cookies = new Map<string, string>();
  csrf = '';
  async send(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as Answer };
  }
  async login(identifier: string, password: string) {
    this.csrf = (await this.send('GET', '/api/auth/session')).json.csrfToken;
    const res = await this.send('POST', '/api/auth/login', { identifier, password });
    if (res.status !== 200) throw new Error(`login ${res.status}`);
    this.csrf = res.json.csrfToken;
  }
}

// Room for the entries (the quota per person has its own tests).
await updateContest(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null }, t.demoSlug, {
  ...contest.settings,
  maxEntriesPerPerson: ENTRIES,
  phases: contest.phases,
  unitCategories: contest.unitCategories,
});
const entrant = await makeUser(t, { fullName: 'Người Dự Thi' });
for (let i = 0; i < ENTRIES; i++)
  await approvedEntry(t, entrant, { draft: { ...completeDraft({ kind: 'person' }), title: `Tác phẩm ${i + 1}` } });
// Entries are sent in the submission phase; then the clock moves into judging.
t.setNow(new Date(Date.parse(contest.phases.find((p) => p.kind === 'judging')!.startsAt) + 3_600_000));
const jurors: { id: number; s: Session }[] = [];
for (let i = 0; i < JURORS; i++) {
  const u = await makeUser(t, { role: 'juror', fullName: `Giám khảo ${i + 1}` });
  const s = new Session();
  await s.login(u.email, u.password);
  jurors.push({ id: u.id, s });
}
const admin = new Session();
await admin.login(t.admin.email, t.admin.password);
const roundId = (await admin.send('GET', `/api/contests/${t.demoSlug}/judging/rounds`)).json.rounds[0]!.id;
await admin.send('PUT', `/api/judging/rounds/${roundId}/jurors`, {
  jurors: jurors.map((j, i) => ({ userId: j.id, isChair: i === 0 })),
});
const opened = await jurors[0]!.s.send('POST', `/api/judging/rounds/${roundId}/open`);
if (opened.status !== 200) throw new Error(`open ${opened.status} ${JSON.stringify(opened.json)}`);
const refs = (await jurors[0]!.s.send('GET', `/api/judging/rounds/${roundId}/my-entries`)).json.entries.map(
  (e) => e.ref,
);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** Every juror runs `n` steps one after another, all jurors at once; the time of each step. */
async function concurrently(n: number, step: (j: number, k: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    jurors.map(async (_, j) => {
      for (let k = 0; k < n; k++) {
        const t0 = performance.now();
        await step(j, k);
        times.push(performance.now() - t0);
      }
    }),
  );
  return times;
}

const versions = new Map<string, number>();
const save = async (j: number, k: number) => {
  const ref = refs[(j + k) % refs.length]!;
  const key = `${j}:${ref}`;
  const v = (j + k) % 11;
  const res = await jurors[j]!.s.send('PUT', `/api/judging/rounds/${roundId}/entries/${ref}/my-sheet`, {
    baseVersion: versions.get(key) ?? 0,
    sheet: { values: { c1: v, c2: 10 - v, c3: v }, comments: {}, abstain: null, note: `lần ${k}` },
  });
  if (res.status !== 200) throw new Error(`save ${res.status} ${JSON.stringify(res.json)}`);
  versions.set(key, res.json.version);
};
const session = async (j: number) => {
  const res = await jurors[j]!.s.send('GET', '/api/auth/session');
  if (res.status !== 200) throw new Error(`session ${res.status}`);
};
const ids = (await t.deps.db.selectFrom('judging_scores').select('id').execute()).map((r) => r.id);
const rawUpdate = async (j: number, k: number) => {
  await t.deps.db
    .updateTable('judging_scores')
    .set({ updated_at: new Date().toISOString() })
    .where('id', '=', ids[(j + k) % Math.max(1, ids.length)] ?? 0)
    .execute();
};

// Warm-up: every juror's first save of each entry (inserts), a few reads.
await concurrently(refs.length, save);
await concurrently(5, session);
const rounds: { save: number[]; get: number[]; raw: number[] } = { save: [], get: [], raw: [] };
// Interleaved, so that a disturbance on the shared machine falls on all three alike.
for (let r = 0; r < 2; r++) {
  rounds.save.push(...(await concurrently(SAVES / 2, save)));
  rounds.get.push(...(await concurrently(SAVES / 2, session)));
  rounds.raw.push(...(await concurrently(SAVES / 2, rawUpdate)));
}
const row = (name: string, xs: number[]) =>
  `${name.padEnd(34)} n=${String(xs.length).padStart(5)}  p50 ${pct(xs, 50).toFixed(2).padStart(7)} ms  ` +
  `p99 ${pct(xs, 99).toFixed(2).padStart(7)} ms`;
console.log(`${t.deps.dialect}, ${JURORS} jurors at once, ${refs.length} entries, ${SAVES} saves each`);
console.log(row('save (PUT …/my-sheet, HTTP, CSRF)', rounds.save));
console.log(row('authenticated GET /api/auth/session', rounds.get));
console.log(row('raw single-row update (no HTTP)', rounds.raw));
const ratio = (a: number[], b: number[], p: number) => (pct(a, p) / pct(b, p)).toFixed(1);
console.log(
  `save / GET:  p50 ×${ratio(rounds.save, rounds.get, 50)}, p99 ×${ratio(rounds.save, rounds.get, 99)}; ` +
    `save / raw update: p50 ×${ratio(rounds.save, rounds.raw, 50)}, p99 ×${ratio(rounds.save, rounds.raw, 99)}`,
);
await t.app.close();
await t.close();
