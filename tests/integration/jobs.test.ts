/**
 * The job queue on each engine: the embedded table queue (on SQLite, or on PostgreSQL when TEST_DATABASE_URL is set)
 * and pg-boss (PostgreSQL only). The same tests for each: a job completes; a job that keeps failing is retried with
 * growing delays and ends failed with its error; staff retry it; a worker process killed mid-run (SIGKILL) loses
 * nothing and marks nothing done; two workers never run the same job.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/dialect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { pgBossSchemaFor } from '../../server/jobs/pg-boss-queue.ts';
import type { JobInfo, WorkHandle } from '../../server/jobs/queue.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { openTestQueue, type Engine, type TestQueue } from '../helpers/test-jobs.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const ENGINES: { label: string; engine: Engine }[] = onPostgres
  ? [
      { label: 'embedded queue on PostgreSQL', engine: 'embedded' },
      { label: 'pg-boss on PostgreSQL', engine: 'pg-boss' },
    ]
  : [{ label: 'embedded queue on SQLite', engine: 'embedded' }];

const WORKER_SCRIPT = fileURLToPath(new URL('../helpers/job-worker.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

let db: TestDatabase;
let bossSchema: string | null = null;

beforeAll(async () => {
  db = await createTestDatabase();
  const database = openDatabase(
    db.url.startsWith('sqlite:')
      ? { kind: 'sqlite', file: db.url.slice('sqlite:'.length) }
      : { kind: 'postgres', url: db.url },
  );
  await migrateToLatest(database);
  await database.close();
  bossSchema = db.schema ? pgBossSchemaFor(db.schema) : null;
});

afterAll(async () => {
  await db?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds; fails with the last value seen. */
async function until<T>(
  what: string,
  read: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await sleep(50);
    last = await read();
  }
  return last;
}

function waitForLine(child: ChildProcess, line: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`the worker process did not print "${line}" in time; stdout: ${out} stderr: ${err}`)),
      timeoutMs,
    );
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').includes(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker process exited (${code}) before printing "${line}"; stderr: ${err}`));
    });
  });
}

describe.each(ENGINES)('$label', ({ engine }) => {
  let q: TestQueue;
  const handles: WorkHandle[] = [];
  const state = (id: string) => q.queue.getJob(id) as Promise<JobInfo>;

  beforeAll(() => {
    q = openTestQueue(engine, db.url, bossSchema);
  });

  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.stop()));
  });

  afterAll(async () => {
    await q?.close();
  });

  it('runs a job to completion', async () => {
    const seen: { id: string; payload: unknown; attempt: number; maxAttempts: number }[] = [];
    handles.push(
      await q.queue.work(
        'test-ok',
        async (job) =>
          void seen.push({ id: job.id, payload: job.payload, attempt: job.attempt, maxAttempts: job.maxAttempts }),
        { pollMs: 100 },
      ),
    );
    const id = (await q.queue.send('test-ok', { n: 1 }))!;
    expect(id).toBeTruthy();
    const done = await until(
      'completion',
      () => state(id),
      (j) => j.state === 'completed',
    );
    expect(done).toMatchObject({
      id,
      name: 'test-ok',
      payload: { n: 1 },
      attempts: 1,
      maxAttempts: 3,
      lastError: null,
    });
    expect(done.completedAt).toBeTruthy();
    expect(seen).toEqual([{ id, payload: { n: 1 }, attempt: 1, maxAttempts: 3 }]);
  });

  it('retries a failing job after growing delays, ends it failed with its error, reruns it on retry', async () => {
    let healthy = false;
    const starts: number[] = [];
    handles.push(
      await q.queue.work(
        'test-fail',
        async (job) => {
          starts.push(Date.now());
          if (!healthy) throw new Error(`Không chạy được ffmpeg (lần ${job.attempt})`);
        },
        { pollMs: 100 },
      ),
    );
    const id = (await q.queue.send('test-fail', { n: 2 }))!;
    const failed = await until(
      'the job to fail for good',
      () => state(id),
      (j) => j.state === 'failed',
    );
    expect(failed).toMatchObject({
      state: 'failed',
      attempts: 3,
      maxAttempts: 3,
      lastError: 'Không chạy được ffmpeg (lần 3)',
    });
    expect(starts).toHaveLength(3);
    // Exponential backoff from a 1 s base: at least 1 s before the first retry, at least 2 s before the second.
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(950);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(1950);
    expect((await q.queue.listFailed({ name: 'test-fail' })).map((j) => j.id)).toContain(id);

    // Staff retry: one more run.
    healthy = true;
    expect(await q.queue.retry(id)).toBe(true);
    const done = await until(
      'the retried job to complete',
      () => state(id),
      (j) => j.state === 'completed',
    );
    expect(done).toMatchObject({ attempts: 4, maxAttempts: 4 });
    expect(starts).toHaveLength(4);
    expect(await q.queue.retry(id)).toBe(false);
    expect((await q.queue.listFailed({ name: 'test-fail' })).map((j) => j.id)).not.toContain(id);
  });

  it('keeps one waiting job per key', async () => {
    const a = await q.queue.send('test-key', { n: 1 }, { singletonKey: 'upload-a' });
    expect(a).toBeTruthy();
    expect(await q.queue.send('test-key', { n: 2 }, { singletonKey: 'upload-a' })).toBeNull();
    const b = await q.queue.send('test-key', { n: 3 }, { singletonKey: 'upload-b' });
    expect(b).toBeTruthy();
    await expect(q.queue.send('test-key', { n: 4 })).rejects.toThrow(/singletonKey/);
    expect(await q.queue.findByKey('test-key', 'upload-a')).toMatchObject({
      id: a,
      state: 'created',
      payload: { n: 1 },
    });

    const ran: number[] = [];
    handles.push(await q.queue.work('test-key', async (job) => void ran.push(job.payload.n), { pollMs: 100 }));
    await until(
      'both keyed jobs',
      () => Promise.all([state(a!), state(b!)]),
      (js) => js.every((j) => j.state === 'completed'),
    );
    expect(ran.sort()).toEqual([1, 3]);
    // Once done, the key is free again.
    const again = await q.queue.send('test-key', { n: 5 }, { singletonKey: 'upload-a' });
    expect(again).toBeTruthy();
    expect(again).not.toBe(a);
    await until(
      'the new keyed job',
      () => state(again!),
      (j) => j.state === 'completed',
    );
  });

  it('retries a job whose worker was killed mid-run (SIGKILL) and completes it; the dead run is not done', async () => {
    const id = (await q.queue.send('test-hang', { n: 1 }))!;
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT, engine, db.url, bossSchema ?? '-'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await waitForLine(child, `claimed ${id}`);
      expect(await state(id)).toMatchObject({ state: 'active', attempts: 1 });
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    expect(child.signalCode).toBe('SIGKILL');
    expect((await state(id)).state).not.toBe('completed');

    const runs: number[] = [];
    handles.push(await q.queue.work('test-hang', async (job) => void runs.push(job.attempt), { pollMs: 100 }));
    const done = await until(
      'the retry after the killed worker',
      () => state(id),
      (j) => j.state === 'completed',
      30_000,
    );
    expect(done.attempts).toBe(2);
    expect(runs).toEqual([2]);
  });

  it('never lets two workers run the same job: 50 jobs, two workers, each job run exactly once', async () => {
    // Two queues with claims that outlast any pause of a loaded CI machine: with the 1-second claims of the other
    // tests, a worker whose heartbeat came late was taken for dead and its job run again, which is what a dead worker
    // is for (tested above), not this test.
    const mine = openTestQueue(engine, db.url, bossSchema, 30);
    const other = openTestQueue(engine, db.url, bossSchema, 30);
    try {
      const ids: string[] = [];
      for (let n = 0; n < 50; n++) ids.push((await mine.queue.send('test-count', { n }))!);
      const runs = new Map<number, number>();
      const running = new Set<number>();
      const byWorker = { a: 0, b: 0 };
      let overlaps = 0;
      const handler = (who: 'a' | 'b') => async (job: { payload: { n: number } }) => {
        const n = job.payload.n;
        if (running.has(n)) overlaps++;
        running.add(n);
        runs.set(n, (runs.get(n) ?? 0) + 1);
        byWorker[who]++;
        await sleep(20 + Math.random() * 20);
        running.delete(n);
      };
      const [ha, hb] = await Promise.all([
        mine.queue.work('test-count', handler('a'), { concurrency: 3, pollMs: 50 }),
        other.queue.work('test-count', handler('b'), { concurrency: 3, pollMs: 50 }),
      ]);
      handles.push(ha, hb);
      await until(
        '50 jobs',
        () => Promise.all(ids.map(state)),
        (js) => js.every((j) => j.state === 'completed'),
        30_000,
      );
      expect(overlaps).toBe(0);
      expect([...runs.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect([...runs.values()].every((c) => c === 1)).toBe(true);
      expect(byWorker.a + byWorker.b).toBe(50);
      expect(byWorker.a).toBeGreaterThan(0);
      expect(byWorker.b).toBeGreaterThan(0);
    } finally {
      await Promise.all(handles.splice(0).map((h) => h.stop()));
      await Promise.all([mine.close(), other.close()]);
    }
  });
});
