/**
 * On SQLite, votes are written by a worker thread (ADR 0061). The main thread parses and checks each vote's request
 * (cookies, CSRF, the proof of work's signatures, the window) and sends the result, plain data, as one message; the
 * thread batches the votes, reads, decides, writes and commits with its own connection, and answers each vote after
 * the commit. The main thread's connection serves everything else meanwhile. Both connections take SQLite's write
 * lock when their transactions begin (dialect.ts), so the log's head is always read under it.
 *
 * A thread that fails or stops hands its votes back: they are written by the main thread's batcher. A vote whose
 * batch had committed is then refused by the rule the database holds ("already voted today"), never counted twice.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { AppError, type ErrorCode, type ErrorParams } from '@core/errors.ts';
import type { Deps } from '../../context.ts';
import { beforeClose } from '../../db/dialect.ts';
import { ContestChanged, type CastAttempt } from './cast-attempt.ts';

type Cast = { status: 'counted' | 'quarantined'; now: Date };

interface Reply {
  id: number;
  value?: Cast;
  error?: { code?: ErrorCode; params?: ErrorParams; details?: unknown; message?: string };
}

/** The thread is not (or no longer) there: the vote is to be written by the main thread. */
export class VoteThreadStopped extends Error {
  constructor(cause?: unknown) {
    super('The vote thread has stopped.', { cause });
  }
}

let source: Promise<string> | null = null;

/**
 * The worker's code with all it imports, as one script, built once per process: no TypeScript loader reaches a
 * worker thread under every runner we use. esbuild builds in its own process, not on the event loop.
 */
function workerSource(): Promise<string> {
  source ??= build({
    entryPoints: [fileURLToPath(new URL('./vote-thread-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    // A native addon: required where it is installed.
    external: ['better-sqlite3'],
    logLevel: 'silent',
  }).then((out) => {
    const driver = JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'));
    return out.outputFiles[0]!.text.replaceAll('require("better-sqlite3")', `require(${driver})`);
  });
  return source;
}

export class VoteThread {
  private readonly started: Promise<Worker>;
  private readonly waiting = new Map<number, { resolve: (c: Cast) => void; reject: (e: unknown) => void }>();
  private nextId = 1;
  private stopped = false;
  private closing: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  constructor(file: string, onError: (err: unknown) => void) {
    this.started = workerSource().then(
      (code) => {
        const worker = new Worker(code, { eval: true, workerData: { file } });
        // Referenced only while a vote waits for it, so that it never holds a process open.
        worker.unref();
        worker.on('message', (r: Reply) => this.answer(worker, r));
        worker.on('error', (err) => {
          onError(err);
          this.stop(err);
        });
        worker.on('exit', () => this.stop(undefined));
        return worker;
      },
      (err: unknown) => {
        onError(err);
        this.stop(err);
        throw new VoteThreadStopped(err);
      },
    );
    // A failed start is told to each vote; here it must not go unhandled.
    this.started.catch(() => {});
  }

  get usable(): boolean {
    return !this.stopped && !this.closing;
  }

  /** Settles after the vote's batch committed; `VoteThreadStopped` if the thread could not write it. */
  async cast(attempt: CastAttempt): Promise<Cast> {
    const worker = await this.started;
    // Once closing, the thread may already have closed its connection: the main thread's batcher writes this one.
    if (this.stopped || this.closing) throw new VoteThreadStopped();
    const id = this.nextId++;
    if (this.waiting.size === 0) worker.ref();
    return new Promise<Cast>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, attempt });
    });
  }

  /** Ends the thread at once, as a crash would: its votes waiting are handed back (tests). */
  async terminate(): Promise<void> {
    const worker = await this.started;
    await worker.terminate();
    this.stop(new Error('terminated'));
  }

  /** Waits for the votes sent, then closes the thread's connection and ends it. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const worker = await this.started.catch(() => null);
      if (!worker || this.stopped) return;
      if (this.waiting.size > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      if (this.stopped) return;
      worker.ref();
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ close: true });
      await exited;
    })();
    return this.closing;
  }

  private answer(worker: Worker, r: Reply): void {
    const w = this.waiting.get(r.id);
    if (!w) return;
    this.waiting.delete(r.id);
    if (this.waiting.size === 0) {
      if (!this.closing) worker.unref();
      this.drained?.();
    }
    if (r.value) w.resolve(r.value);
    else if (r.error?.code === 'vote.contestChanged') w.reject(new ContestChanged());
    else if (r.error?.code) w.reject(new AppError(r.error.code, r.error.params, r.error.details));
    else w.reject(new Error(r.error?.message ?? 'vote thread: no answer'));
  }

  private stop(cause: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const w of this.waiting.values()) w.reject(new VoteThreadStopped(cause));
    this.waiting.clear();
    this.drained?.();
  }
}

const threads = new WeakMap<object, VoteThread>();

/** The vote thread of this database, started at its first vote; null where votes are written on the main thread. */
export function voteThreadOf(deps: Deps): VoteThread | null {
  const database = deps.config.database;
  if (!deps.config.voteThread || database.kind !== 'sqlite' || database.file === ':memory:') return null;
  let thread = threads.get(deps.db);
  if (!thread) {
    thread = new VoteThread(database.file, (err) =>
      deps.logger.error({ err }, 'The vote thread failed; votes are written by the main thread'),
    );
    threads.set(deps.db, thread);
    const started = thread;
    beforeClose(deps.db, () => started.close());
  }
  return thread.usable ? thread : null;
}
