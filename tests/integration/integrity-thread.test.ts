/**
 * The worker role's integrity checks on a thread of their own (server/services/voting/integrity-checks.ts, ADR 0066):
 * a pass over new votes runs there with its own connection and the main thread's clock, a thread that stops hands
 * the passes back to the main thread without judging a vote twice, and the worker role's timer runs them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { openVotingContest, voteAsNewVoter } from '../helpers/voting.ts';
import { integrityChecks } from '../../server/services/voting/integrity-checks.ts';
import { runIntegrityChecks } from '../../server/services/voting/run-integrity-checks.ts';
import { takeVoteLogHead } from '../../server/services/voting/append-vote-log.ts';
import { openDatabase } from '../../server/db/dialect.ts';
import { startWorker } from '../../server/jobs/worker.ts';
import { verifyVoteLog } from '@core/voting/vote-log.ts';
import { sha256Hex } from '../../server/security/tokens.ts';

let t: TestApp;
let slug: string;
let entries: number[];
let contestId: number;

const voteFrom = (address: string, entryId: number) => voteAsNewVoter(t, slug, address, entryId);

const statuses = (ip: string) =>
  t.deps.db.selectFrom('votes').select(['status']).where('ip', '=', ip).orderBy('seq').execute();

/** The public log, checked, and its status lines. */
async function publicLog() {
  const res = await new Client(t.app).get(`/api/contests/${slug}/voting/log`);
  expect(verifyVoteLog(res.body, sha256Hex).ok).toBe(true);
  return (res.body as string)
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f[2] === 'status');
}

/** Holds the vote log's head from a connection of its own (on SQLite, its one writer) until the result is called. */
async function holdVoteLogHead(): Promise<() => Promise<void>> {
  const other = openDatabase(t.deps.config.database, false, 1);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const held = new Promise<void>((resolve) => (taken = resolve));
  const done = other.db.transaction().execute(async (trx) => {
    await takeVoteLogHead(trx, other.dialect, {
      id: contestId,
      header: () => Promise.reject(new Error('the head exists')),
    });
    taken();
    await released;
  });
  await Promise.race([held, done]);
  return async () => {
    release();
    await done;
    await other.close();
  };
}

beforeAll(async () => {
  t = await startTestApp({ env: { ALTCHA_COMPLEXITY: '200' } });
  // A burst is 5 votes for one entry in 10 minutes from one address. Open for an hour: the first test's server clock
  // runs behind the machine's.
  ({
    slug,
    contestId,
    published: entries,
  } = await openVotingContest(t, ['Luồng 0', 'Luồng 1'], {
    settings: { integrity: { addressEntryPerWindow: 5, networkEntryPerWindow: 8 } },
    openForMs: 3_600_000,
  }));
});
afterAll(async () => {
  await t?.close();
});

describe('integrity checks on their own thread', () => {
  const checks = () => integrityChecks(t.deps);
  let onThread: ReturnType<typeof integrityChecks>;

  it('judge new votes on the thread, stamped with the main thread’s clock', async () => {
    // The server's clock (the tests' clock) 3 minutes behind the machine's: the thread's status lines follow it.
    const serverNow = new Date(Date.now() - 3 * 60_000);
    t.setNow(serverNow);
    for (let i = 0; i < 4; i++) expect(await voteFrom('203.0.113.20', entries[i % 2]!)).toBe('counted');
    for (let i = 0; i < 6; i++) expect(await voteFrom('198.51.100.20', entries[0]!)).toBe('counted');
    onThread = checks();
    expect(await onThread.run()).toBe(6);
    expect(onThread.ranOn).toBe('thread');
    expect((await statuses('198.51.100.20')).map((v) => v.status)).toEqual(new Array(6).fill('quarantined'));
    expect((await statuses('203.0.113.20')).map((v) => v.status)).toEqual(new Array(4).fill('counted'));
    const lines = await publicLog();
    expect(lines).toHaveLength(6);
    for (const l of lines) {
      const at = Date.parse(l[1]!);
      expect(at).toBeGreaterThanOrEqual(serverNow.getTime());
      expect(at).toBeLessThan(serverNow.getTime() + 60_000);
    }
    // Nothing new: no contest to read, and the thread is not asked.
    expect(await onThread.run()).toBe(0);
  });

  it('keep the thread’s view of the burst from one pass to the next', async () => {
    expect(await voteFrom('198.51.100.20', entries[0]!)).toBe('counted');
    expect(await onThread.run()).toBe(1);
    expect(onThread.ranOn).toBe('thread');
    expect((await statuses('198.51.100.20')).at(-1)!.status).toBe('quarantined');
  });

  it('hand a pass to the main thread when the thread stops during it, judging no vote twice', async () => {
    expect(await voteFrom('198.51.100.20', entries[0]!)).toBe('counted');
    expect(await voteFrom('203.0.113.20', entries[1]!)).toBe('counted');
    // The thread's pass waits for the log's head, held elsewhere, while the thread is ended.
    const release = await holdVoteLogHead();
    const pass = onThread.run();
    await expect.poll(() => onThread.onThreadNow, { timeout: 20_000, interval: 5 }).toBe(true);
    const ended = onThread.terminate();
    await release();
    await ended;
    expect(await pass).toBe(1);
    expect(onThread.ranOn).toBe('main');
    expect((await statuses('198.51.100.20')).map((v) => v.status)).toEqual(new Array(8).fill('quarantined'));
    expect((await statuses('203.0.113.20')).at(-1)!.status).toBe('counted');
    // One status line per quarantined vote, whether or not the thread had stored its pass before it stopped.
    expect(await publicLog()).toHaveLength(8);
    // The main thread's monitor is where the cursor is: a direct pass reads nothing more.
    expect(await runIntegrityChecks(t.deps, contestId)).toEqual({ read: 0, quarantined: 0 });
  });

  it('start a new thread at the next pass, which picks up from the stored cursor', async () => {
    expect(await voteFrom('198.51.100.20', entries[0]!)).toBe('counted');
    expect(await onThread.run()).toBe(1);
    expect(onThread.ranOn).toBe('thread');
    expect(await publicLog()).toHaveLength(9);
    await onThread.close();
    // Closed: later passes stay on the main thread.
    expect(await voteFrom('198.51.100.20', entries[0]!)).toBe('counted');
    expect(await onThread.run()).toBe(1);
    expect(onThread.ranOn).toBe('main');
  });

  it('stay on the main thread when INTEGRITY_THREAD=0', async () => {
    const main = integrityChecks({ ...t.deps, config: { ...t.deps.config, integrityThread: false } });
    expect(await voteFrom('198.51.100.20', entries[0]!)).toBe('counted');
    expect(await main.run()).toBe(1);
    expect(main.ranOn).toBe('main');
    await main.close();
  });

  it('run from the worker role’s timer, and end with it', async () => {
    const worker = await startWorker(t.deps, { integrityMs: 50 });
    try {
      expect(await voteFrom('198.51.100.20', entries[0]!)).toBe('counted');
      // Waits for the state it needs: the vote judged by a pass of the worker's.
      await expect
        .poll(async () => (await statuses('198.51.100.20')).at(-1)!.status, { timeout: 20_000, interval: 50 })
        .toBe('quarantined');
    } finally {
      await worker.stop();
    }
    expect(await publicLog()).toHaveLength(12);
  });
});
