import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voteBatcher } from '../../server/services/voting/vote-batcher.ts';
import type { CastAttempt } from '../../server/services/voting/cast-attempt.ts';
import { voteThreadOf, VoteThreadStopped } from '../../server/services/voting/vote-thread.ts';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { openVotingContest, setVotingWindow, solvedChallenge, verifyPhone, voteLogVerdict } from '../helpers/voting.ts';

// The vote thread exists on SQLite only (ADR 0061): this file runs in the SQLite pass (tests/run-all.ts).
describe('votes written by the vote thread (SQLite)', () => {
  let t: TestApp;
  let slug: string;
  let contestId: number;
  let published: number[];
  let organizer: Client;
  let k = 0;
  const phone = () => `0354${String(100000 + ++k).padStart(6, '0')}`;
  const voteUrl = (entryId: number) => `/api/contests/${slug}/entries/${entryId}/votes`;
  const voter = async (address = `10.90.${k % 250}.${(k % 200) + 1}`) => {
    const c = new Client(t.app);
    c.remoteAddress = address;
    await verifyPhone(t, c, slug, phone());
    return c;
  };
  const vote = async (c: Client, entryId = published[0]!) =>
    c.post(voteUrl(entryId), { altcha: await solvedChallenge(c) });
  /** Batches written by the main thread's batcher. */
  const mainBatches: number[] = [];
  const file = () => {
    const db = t.deps.config.database;
    if (db.kind !== 'sqlite') throw new Error('SQLite only');
    return db.file;
  };

  const chain = async () => (await voteLogVerdict(t, contestId)).verdict;

  beforeAll(async () => {
    t = await startTestApp({ env: { ALTCHA_COMPLEXITY: '200' } });
    ({ slug, contestId, published, organizer } = await openVotingContest(t, ['Luồng phiếu 0', 'Luồng phiếu 1']));
    voteBatcher(t.deps).onBatch = (size) => mainBatches.push(size);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('writes votes on its own connection, in one chain with what the main thread writes', async () => {
    // A device shared by four identities: its votes are quarantined, for the organizer to decide on.
    const device = new Client(t.app);
    device.remoteAddress = '10.91.0.1';
    for (let i = 0; i < 4; i++) {
      await verifyPhone(t, device, slug, phone());
      expect((await vote(device)).statusCode).toBe(200);
    }
    const quarantined = await t.deps.db
      .selectFrom('votes')
      .select('id')
      .where('contest_id', '=', contestId)
      .where('status', '=', 'quarantined')
      .execute();
    expect(quarantined).toHaveLength(4);

    // Votes through the thread while the organizer's decision appends to the same log from the main thread.
    const voters = await Promise.all(Array.from({ length: 16 }, () => voter()));
    const [decided, ...answers] = await Promise.all([
      organizer.post(`/api/contests/${slug}/voting/quarantine/decisions`, {
        voteIds: quarantined.map((v) => v.id),
        decision: { to: 'counted' },
      }),
      ...voters.map((c, i) => vote(c, published[i % 2]!)),
    ]);
    expect(decided!.statusCode).toBe(200);
    expect(answers.map((r) => r.statusCode)).toEqual(Array(16).fill(200));
    expect(voteThreadOf(t.deps)).not.toBeNull();
    // Every vote was written by the thread, none by the main thread's batcher; the decision's four status lines
    // were appended from the main thread, in its own transaction.
    expect(mainBatches).toEqual([]);

    const verdict = await chain();
    expect(verdict.failure).toBeUndefined();
    expect(verdict.ok).toBe(true);
    const lines = await t.deps.db.selectFrom('vote_log').select('line').where('contest_id', '=', contestId).execute();
    const decisions = lines.map((l) => l.line.split('\t')).filter((f) => f[2] === 'status' && f[6] === 'counted');
    expect(decisions).toHaveLength(4);
    const counted = await t.deps.db
      .selectFrom('votes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('contest_id', '=', contestId)
      .where('status', '=', 'counted')
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(20);
  });

  it('sends a refusal back in the voter’s language, with the time the next vote opens', async () => {
    const c = await voter();
    expect((await vote(c)).statusCode).toBe(200);
    const again = await vote(c, published[1]!);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('vote.alreadyToday');
    expect(again.json().error.message).toMatch(/00:00.*giờ Việt Nam/);
  });

  it('refuses an expired or forged challenge and a session shown from another device, in its batch', async () => {
    const c = await voter();
    // A challenge expires 10 minutes after it was given, as of the server's clock when the vote arrived.
    const stale = await solvedChallenge(c);
    t.setNow(new Date(Date.now() + 10 * 60_000 + 1000));
    try {
      const late = await c.post(voteUrl(published[0]!), { altcha: stale });
      expect(late.statusCode).toBe(400);
      expect(late.json().error).toMatchObject({ code: 'vote.challengeInvalid', details: { reason: 'expired' } });
    } finally {
      t.setNow(null);
    }
    // A solution whose signature does not match: refused, with the reason.
    const payload = JSON.parse(Buffer.from(await solvedChallenge(c), 'base64').toString());
    payload.challenge.signature = payload.challenge.signature.replace(/^./, (d: string) => (d === '0' ? '1' : '0'));
    const forged = await c.post(voteUrl(published[0]!), {
      altcha: Buffer.from(JSON.stringify(payload)).toString('base64'),
    });
    expect(forged.json().error).toMatchObject({ code: 'vote.challengeInvalid', details: { reason: 'invalid' } });
    // The session shown from another device (the device cookie's keyed hash differs): asked to verify.
    const elsewhere = new Client(t.app);
    elsewhere.remoteAddress = c.remoteAddress;
    elsewhere.setCookie('vsid', c.cookie('vsid')!);
    elsewhere.setCookie('vdev', `${c.cookie('vdev')}x`);
    const moved = await elsewhere.post(voteUrl(published[0]!), { altcha: await solvedChallenge(elsewhere) });
    expect(moved.statusCode).toBe(401);
    expect(moved.json().error.code).toBe('vote.verifyFirst');
    // None of them was written by the main thread's batcher, and the voter still has the day's vote.
    expect(mainBatches).toEqual([]);
    expect((await vote(c)).json().status).toBe('counted');
  });

  it('takes the vote’s instant from the server’s clock as the vote was checked', async () => {
    // The test clock, one day on: the thread records the vote at that instant, not at its own.
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    tomorrow.setUTCMilliseconds(0);
    t.setNow(tomorrow);
    try {
      await setVotingWindow(t, slug);
      const c = await voter();
      const r = await vote(c);
      expect(r.statusCode).toBe(200);
      expect(r.json().castAt).toBe(tomorrow.toISOString());
    } finally {
      t.setNow(null);
    }
  });

  it('votes again with the contest as it is now when it changed after the main thread read it', async () => {
    // A vote first: the main thread keeps the contest as it read it for that vote.
    expect((await vote(await voter())).statusCode).toBe(200);
    const c = await voter();
    const altcha = await solvedChallenge(c);
    // Changed through another connection: the main thread's kept copy of the contest is now behind the thread's.
    const other = new SqliteDatabase(file());
    try {
      other.prepare('update contests set version = version + 1 where id = ?').run(contestId);
    } finally {
      other.close();
    }
    const r = await c.post(voteUrl(published[0]!), { altcha });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('counted');
  });

  it('hands the votes to the main thread once the thread has stopped', async () => {
    mainBatches.length = 0;
    await voteThreadOf(t.deps)!.terminate();
    expect(voteThreadOf(t.deps)).toBeNull();
    const c = await voter();
    const r = await vote(c);
    expect(r.statusCode).toBe(200);
    expect(mainBatches).toEqual([1]);
    expect((await chain()).ok).toBe(true);
  });
});

describe('the vote thread at close (SQLite)', () => {
  it('closes its connection before the main one, which then removes the write-ahead log', async () => {
    const t = await startTestApp({ env: { ALTCHA_COMPLEXITY: '200' } });
    const db = t.deps.config.database;
    if (db.kind !== 'sqlite') throw new Error('SQLite only');
    const {
      slug,
      published: [id],
    } = await openVotingContest(t, ['Đóng luồng']);
    const c = new Client(t.app);
    c.remoteAddress = '10.92.0.1';
    await verifyPhone(t, c, slug, '0355100001');
    const r = await c.post(`/api/contests/${slug}/entries/${id}/votes`, { altcha: await solvedChallenge(c) });
    expect(r.statusCode).toBe(200);
    const thread = voteThreadOf(t.deps)!;
    expect(thread).not.toBeNull();
    const wal = `${db.file}-wal`;
    expect(fs.existsSync(wal)).toBe(true);
    // A vote that reaches the thread as it closes is handed back to the main thread, never sent to a closing one.
    const closing = thread.close();
    await expect(thread.cast({} as CastAttempt)).rejects.toBeInstanceOf(VoteThreadStopped);
    await closing;
    await t.app.close();
    await t.deps.jobs.stop({ graceMs: 5000 });
    // The thread's connection closes first: the main one, closed last, checkpoints the log and removes it.
    await t.database.close();
    expect(voteThreadOf(t.deps)).toBeNull();
    expect(fs.existsSync(wal)).toBe(false);
    await t.db.drop();
  }, 120_000);
});
