import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfLocalDay } from '@core/time.ts';
import { loadConfig } from '../../server/config.ts';
import { createDeps } from '../../server/deps.ts';
import { buildApp } from '../../server/http/app.ts';
import { sha256Hex } from '../../server/security/tokens.ts';
import { voteBatcher, type VoteBatcher } from '../../server/services/voting/vote-batcher.ts';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { dialectUnderTest } from '../helpers/test-db.ts';
import { openVotingContest, setVotingWindow, solvedChallenge, verifyPhone, voteLogVerdict } from '../helpers/voting.ts';

/**
 * Group commit of votes (docs/decisions/0043): attempts queued while a batch is written go in the next one, one
 * transaction, each with its own outcome, answered after the commit.
 */
describe(`vote group commit on ${dialectUnderTest}`, () => {
  let t: TestApp;
  let slug: string;
  let contestId: number;
  let published: number[];
  let batcher: VoteBatcher;
  let k = 0;
  const phone = () => `0353${String(100000 + ++k).padStart(6, '0')}`;
  const voteUrl = (entryId: number) => `/api/contests/${slug}/entries/${entryId}/votes`;
  const voter = async (app = t.app) => {
    const c = new Client(app);
    c.remoteAddress = `10.80.${k % 250}.${(k % 200) + 1}`;
    await verifyPhone(t, c, slug, phone());
    return c;
  };
  const batches: { size: number; committed: boolean }[] = [];

  const logVerdict = () => voteLogVerdict(t, contestId);

  beforeAll(async () => {
    // The batcher of the main thread: on SQLite, votes would otherwise go to the vote thread's (vote-thread.test.ts).
    t = await startTestApp({ env: { ALTCHA_COMPLEXITY: '200', VOTE_THREAD: '0' } });
    ({ slug, contestId, published } = await openVotingContest(t, ['Gộp phiếu 0', 'Gộp phiếu 1']));
    batcher = voteBatcher(t.deps);
    batcher.onBatch = (size, committed) => batches.push({ size, committed });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  // First: the contest's log does not exist yet.
  it('writes the log’s header from the contest as it is at the first vote, not from a copy read before', async () => {
    const c = await voter();
    // Read by this process (a vote refused before its batch), then changed outside the services.
    expect((await new Client(t.app).post(voteUrl(published[0]!), {})).json().error.code).toBe('vote.verifyFirst');
    const moved = await setVotingWindow(t, slug);
    expect((await c.post(voteUrl(published[0]!), { altcha: await solvedChallenge(c) })).statusCode).toBe(200);
    const head = await t.deps.db
      .selectFrom('vote_log_heads')
      .select('header_line')
      .where('contest_id', '=', contestId)
      .executeTakeFirstOrThrow();
    const stated = JSON.parse(head.header_line.slice(head.header_line.indexOf(' ') + 1));
    expect(stated).toMatchObject({ votingStartsAt: moved.startsAt, votingEndsAt: moved.endsAt });
  });

  it('answers each vote of one batch with its own outcome: counted, refused, replayed, quarantined', async () => {
    // A device already used by three identities today: the fourth one's vote is quarantined.
    const device = new Client(t.app);
    device.remoteAddress = '10.81.0.1';
    for (let i = 0; i < 3; i++) {
      await verifyPhone(t, device, slug, phone());
      const r = await device.post(voteUrl(published[0]!), { altcha: await solvedChallenge(device) });
      expect(r.json().status).toBe('counted');
    }
    await verifyPhone(t, device, slug, phone());
    const twice = await voter();
    const b = await voter();
    const c = await voter();
    const shared = await solvedChallenge(b);
    const payloads = await Promise.all([twice, twice, device].map((x) => solvedChallenge(x)));

    batches.length = 0;
    batcher.pause();
    const answers = Promise.all([
      twice.post(voteUrl(published[0]!), { altcha: payloads[0] }),
      twice.post(voteUrl(published[1]!), { altcha: payloads[1] }),
      b.post(voteUrl(published[0]!), { altcha: shared }),
      c.post(voteUrl(published[1]!), { altcha: shared }),
      device.post(voteUrl(published[1]!), { altcha: payloads[2] }),
    ]);
    await batcher.whenQueued(contestId, 5);
    batcher.resume();
    const [t1, t2, rb, rc, rd] = await answers;
    expect(batches).toEqual([{ size: 5, committed: true }]);

    // The same voter twice: the first in the batch wins, the second is told when the next vote opens.
    expect([t1!.statusCode, t2!.statusCode].sort()).toEqual([200, 409]);
    const refused = [t1!, t2!].find((r) => r.statusCode === 409)!;
    expect(refused.json().error.code).toBe('vote.alreadyToday');
    // One challenge for two voters: spent once.
    expect([rb!.statusCode, rc!.statusCode].sort()).toEqual([200, 409]);
    expect([rb!, rc!].find((r) => r.statusCode === 409)!.json().error.code).toBe('vote.challengeReplayed');
    expect(rd!.statusCode).toBe(200);
    expect(rd!.json().status).toBe('quarantined');
    for (const r of [t1!, t2!, rb!, rc!].filter((x) => x.statusCode === 200)) expect(r.json().status).toBe('counted');
    // The refused vote's challenge is given back by the batch that spent it; the kept votes' challenges stay spent.
    const signatureOf = (p: string) => JSON.parse(Buffer.from(p, 'base64').toString()).challenge.signature as string;
    const spentNow = new Set(
      (await t.deps.db.selectFrom('altcha_spent').select('signature').execute()).map((r) => r.signature),
    );
    const [keptPayload, refusedPayload] = t1!.statusCode === 200 ? payloads : [payloads[1]!, payloads[0]!];
    expect(spentNow.has(signatureOf(refusedPayload!))).toBe(false);
    expect(spentNow.has(signatureOf(keptPayload!))).toBe(true);
    expect(spentNow.has(signatureOf(shared))).toBe(true);

    const { verdict } = await logVerdict();
    expect(verdict.failure).toBeUndefined();
    expect(verdict.ok).toBe(true);
    const onDevice = await t.deps.db
      .selectFrom('votes')
      .select('status')
      .where('contest_id', '=', contestId)
      .where('device_id', 'is not', null)
      .where('ip', '=', '10.81.0.1')
      .execute();
    expect(onDevice.map((v) => v.status)).toEqual(['quarantined', 'quarantined', 'quarantined', 'quarantined']);
  });

  it('keeps one chain that verifies after many concurrent batches', async () => {
    const voters = await Promise.all(Array.from({ length: 24 }, () => voter()));
    const payloads = await Promise.all(voters.map((c) => solvedChallenge(c)));
    const before = (await logVerdict()).lines.length;
    batches.length = 0;
    const results = await Promise.all(
      voters.map((c, i) => c.post(voteUrl(published[i % 2]!), { altcha: payloads[i] })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(voters.map(() => 200));
    expect(batches.reduce((n, x) => n + x.size, 0)).toBe(24);
    const { verdict, head, lines } = await logVerdict();
    expect(verdict.failure).toBeUndefined();
    expect(lines.length - before).toBe(24);
    expect(head.seq).toBe(lines.at(-1)!.seq);
    const counted = [...verdict.tally.values()].reduce((n, x) => n + x.counted, 0);
    const rows = await t.deps.db
      .selectFrom('votes')
      .select('id')
      .where('contest_id', '=', contestId)
      .where('status', '=', 'counted')
      .execute();
    expect(counted).toBe(rows.length);
  });

  it('sees in the next batch a change to the contest, a session or an entry made since they were read', async () => {
    const [a, b, c, d, e] = [await voter(), await voter(), await voter(), await voter(), await voter()];
    expect((await a.post(voteUrl(published[0]!), { altcha: await solvedChallenge(a) })).statusCode).toBe(200);
    const votes = async () => (await t.deps.db.selectFrom('votes').select('id').execute()).length;

    // Voting closed by a write outside the services: the process's copy still says open; the batch sees the version.
    const open = await setVotingWindow(t, slug);
    await setVotingWindow(t, slug, { openForMs: 3 * 3_600_000, lengthMs: 3_600_000 });
    const before = await votes();
    const closed = await b.post(voteUrl(published[0]!), { altcha: await solvedChallenge(b) });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('vote.closed');
    expect(await votes()).toBe(before);

    // Opened again: the copy that says closed is read again before a refusal is said.
    await t.deps.db
      .updateTable('contest_phases')
      .set({ starts_at: open.startsAt, ends_at: open.endsAt })
      .where('contest_id', '=', contestId)
      .where('kind', '=', 'public_voting')
      .execute();
    const reopened = await b.post(voteUrl(published[0]!), { altcha: await solvedChallenge(b) });
    expect(reopened.statusCode).toBe(200);

    // Changed while the vote waits in the queue: the vote is made again with the contest as it is now, once.
    const pc = await solvedChallenge(c);
    batches.length = 0;
    batcher.pause();
    const answer = c.post(voteUrl(published[1]!), { altcha: pc });
    await batcher.whenQueued(contestId, 1);
    // Any write to the contest's row raises its version, even one that leaves every value as it was.
    await t.deps.db
      .updateTable('contests')
      .set((eb) => ({ theme: eb.ref('theme') }))
      .where('id', '=', contestId)
      .execute();
    batcher.resume();
    const r = await answer;
    expect(r.statusCode).toBe(200);
    expect(batches.map((x) => x.size)).toEqual([1, 1]);
    const mine = await t.deps.db
      .selectFrom('votes')
      .innerJoin('voter_sessions', 'voter_sessions.voter_id', 'votes.voter_id')
      .select('votes.id')
      .where('votes.entry_id', '=', published[1]!)
      .where('voter_sessions.token_hash', '=', sha256Hex(c.cookie('vsid')!))
      .execute();
    expect(mine).toHaveLength(1);

    // A session ended and an entry withdrawn outside the services: refused by the next batch, nothing spent.
    await t.deps.db
      .deleteFrom('voter_sessions')
      .where('token_hash', '=', sha256Hex(d.cookie('vsid')!))
      .execute();
    const pd = await solvedChallenge(d);
    const ended = await d.post(voteUrl(published[0]!), { altcha: pd });
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.code).toBe('vote.verifyFirst');
    const spent = await t.deps.db.selectFrom('altcha_spent').select('signature').execute();
    await t.deps.db
      .updateTable('publications')
      .set({ unpublished_at: new Date().toISOString() })
      .where('entry_id', '=', published[1]!)
      .execute();
    try {
      const gone = await e.post(voteUrl(published[1]!), { altcha: await solvedChallenge(e) });
      expect(gone.json().error.code).toBe('vote.entryWithdrawn');
      expect((await t.deps.db.selectFrom('altcha_spent').select('signature').execute()).length).toBe(spent.length);
    } finally {
      await t.deps.db
        .updateTable('publications')
        .set({ unpublished_at: null })
        .where('entry_id', '=', published[1]!)
        .execute();
    }
  });

  it('quarantines a device’s votes still waiting in the batch when a fourth identity on it votes', async () => {
    // Four people verified on one browser (one device cookie), each with their own session, voting in one batch.
    const first = new Client(t.app);
    first.remoteAddress = '10.83.0.1';
    await verifyPhone(t, first, slug, phone());
    const device = first.cookie('vdev')!;
    const people = [first];
    for (let i = 0; i < 3; i++) {
      const c = new Client(t.app);
      c.remoteAddress = '10.83.0.1';
      c.setCookie('vdev', device);
      await verifyPhone(t, c, slug, phone());
      expect(c.cookie('vdev')).toBe(device);
      people.push(c);
    }
    const payloads = await Promise.all(people.map((c) => solvedChallenge(c)));
    const before = (await logVerdict()).lines.length;
    batches.length = 0;
    batcher.pause();
    const answers = Promise.all(people.map((c, i) => c.post(voteUrl(published[i % 2]!), { altcha: payloads[i] })));
    await batcher.whenQueued(contestId, 4);
    batcher.resume();
    const results = await answers;
    expect(batches).toEqual([{ size: 4, committed: true }]);
    expect(results.map((r) => r.json().status)).toEqual(['counted', 'counted', 'counted', 'quarantined']);
    const stored = await t.deps.db
      .selectFrom('votes')
      .select(['status', 'reasons_json'])
      .where('contest_id', '=', contestId)
      .where('ip', '=', '10.83.0.1')
      .orderBy('seq')
      .execute();
    expect(stored.map((v) => v.status)).toEqual(['quarantined', 'quarantined', 'quarantined', 'quarantined']);
    for (const v of stored) expect(JSON.parse(v.reasons_json)).toContain('device_shared');
    // Four cast lines, then a status line for each of the three earlier votes; the chain still verifies.
    const { verdict, lines } = await logVerdict();
    expect(verdict.failure).toBeUndefined();
    expect(lines.length - before).toBe(7);
  });

  it('rejects every waiter of a batch whose transaction fails, and stores nothing of it', async () => {
    const a = await voter();
    const b = await voter();
    const [pa, pb] = await Promise.all([solvedChallenge(a), solvedChallenge(b)]);
    const votesBefore = await t.deps.db.selectFrom('votes').select('id').execute();
    const linesBefore = (await logVerdict()).lines.length;

    batches.length = 0;
    batcher.pause();
    const answers = Promise.all([
      a.post(voteUrl(published[0]!), { altcha: pa }),
      b.post(voteUrl(published[1]!), { altcha: pb }),
    ]);
    await batcher.whenQueued(contestId, 2);
    const header = {
      id: contestId,
      slug,
      rule: { kind: 'per_person_per_day' as const },
      timeZone: 'Asia/Ho_Chi_Minh',
      startsAt: '',
      endsAt: '',
    };
    const failing = batcher.submit(header, async (trx) => {
      await trx
        .insertInto('altcha_spent')
        .values({ signature: 'f'.repeat(64), expires_at: '2099-01-01' })
        .execute();
      throw new Error('the disk is full');
    });
    const failed = expect(failing).rejects.toThrow('the disk is full');
    batcher.resume();
    await failed;
    const [ra, rb] = await answers;
    expect(batches).toEqual([{ size: 3, committed: false }]);
    expect(ra!.statusCode).toBe(500);
    expect(rb!.statusCode).toBe(500);

    expect(await t.deps.db.selectFrom('votes').select('id').execute()).toHaveLength(votesBefore.length);
    expect((await logVerdict()).lines.length).toBe(linesBefore);
    const spent = await t.deps.db
      .selectFrom('altcha_spent')
      .select('signature')
      .where('signature', '=', 'f'.repeat(64))
      .execute();
    expect(spent).toHaveLength(0);
    // Nothing was acknowledged nor spent: the same solutions still vote.
    expect((await a.post(voteUrl(published[0]!), { altcha: pa })).statusCode).toBe(200);
    expect((await b.post(voteUrl(published[1]!), { altcha: pb })).statusCode).toBe(200);
  });

  it('keeps one chain when two web processes on one database take votes at once', async () => {
    // PostgreSQL: a second app with its own pool and batcher; the advisory lock per contest orders their batches.
    // SQLite runs one process per installation: the second app shares its database handle, hence its batcher.
    const config = loadConfig({
      DATABASE_URL: t.db.url,
      DATA_DIR: t.db.dataDir,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
      RATE_LIMIT_RESET_PER_HOUR: '10000',
      ALTCHA_COMPLEXITY: '200',
    });
    const own = dialectUnderTest === 'postgres' ? await createDeps(config, pino({ level: 'silent' })) : null;
    const deps = own ? { ...own.deps, keys: t.deps.keys } : t.deps;
    const app = await buildApp(deps);
    await app.ready();
    try {
      if (own) expect(voteBatcher(deps)).not.toBe(batcher);
      const voters = await Promise.all(Array.from({ length: 16 }, (_, i) => voter(i % 2 ? app : t.app)));
      const payloads = await Promise.all(voters.map((c) => solvedChallenge(c)));
      const results = await Promise.all(
        voters.map((c, i) => c.post(voteUrl(published[i % 2]!), { altcha: payloads[i] })),
      );
      expect(results.map((r) => r.statusCode)).toEqual(voters.map(() => 200));
      const { verdict, head, lines } = await logVerdict();
      expect(verdict.failure).toBeUndefined();
      expect(verdict.ok).toBe(true);
      expect(head.seq).toBe(lines.at(-1)!.seq);
      expect(new Set(lines.map((l) => l.seq)).size).toBe(lines.length);
    } finally {
      await app.close();
      if (own) {
        await own.deps.jobs.stop({ graceMs: 1000 });
        await own.database.close();
      }
    }
  });

  // Last: it moves the log's time to tomorrow. PostgreSQL writes a timestamptz in JSON as `…T17:00:00+00:00`, which
  // as text sorts before the day's first instant `…T17:00:00.000Z`: the batch must read the instants back as ISO.
  it('counts a device’s identities of the day when the votes fall on the day’s very first instant', async () => {
    const midnight = startOfLocalDay(new Date(Date.now() + 86_400_000), 'Asia/Ho_Chi_Minh');
    t.setNow(midnight);
    try {
      const device = new Client(t.app);
      device.remoteAddress = '10.82.0.1';
      const statuses: string[] = [];
      for (let i = 0; i < 4; i++) {
        await verifyPhone(t, device, slug, phone());
        const r = await device.post(voteUrl(published[0]!), { altcha: await solvedChallenge(device) });
        expect(r.statusCode).toBe(200);
        expect(r.json().castAt).toBe(midnight.toISOString());
        statuses.push(r.json().status);
      }
      expect(statuses).toEqual(['counted', 'counted', 'counted', 'quarantined']);
      const stored = await t.deps.db
        .selectFrom('votes')
        .select('status')
        .where('contest_id', '=', contestId)
        .where('ip', '=', '10.82.0.1')
        .execute();
      expect(stored.map((v) => v.status)).toEqual(['quarantined', 'quarantined', 'quarantined', 'quarantined']);
    } finally {
      t.setNow(null);
    }
  });
});
