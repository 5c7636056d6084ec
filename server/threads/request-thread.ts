/**
 * A worker thread that answers requests, one reply per request, in any order (serve-requests.ts is its side). Each
 * request's promise settles with the thread's value, or with its error as a plain object (`ThreadFailure`), or with
 * `ThreadStopped` when the thread failed, exited or was closing: the caller then does the work itself.
 */
import { Worker } from 'node:worker_threads';
import { workerCode } from './worker-code.ts';

/** An error thrown in the thread, as it crossed: an AppError's code, parameters and details, or a message. */
export interface ThreadFailure {
  code?: string;
  params?: unknown;
  details?: unknown;
  message?: string;
  /** Where it was thrown in the thread, for the log. */
  stack?: string;
}

interface Reply<Res> {
  id: number;
  value?: Res;
  error?: ThreadFailure;
}

/** The thread is not (or no longer) there: its work is to be done by the main thread. */
export class ThreadStopped extends Error {
  constructor(cause?: unknown) {
    super('The thread has stopped.', { cause });
  }
}

export class RequestThread<Req, Res> {
  private readonly started: Promise<Worker>;
  private readonly waiting = new Map<number, { resolve: (v: Res) => void; reject: (e: unknown) => void }>();
  private nextId = 1;
  private stopped = false;
  private closing: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  /** `toError` turns what the thread threw back into the error the caller expects. */
  constructor(
    entry: URL,
    workerData: unknown,
    onError: (err: unknown) => void,
    private readonly toError: (failure: ThreadFailure) => unknown,
  ) {
    this.started = workerCode(entry).then(
      (code) => {
        const worker = new Worker(code, { eval: true, workerData });
        // Referenced only while a request waits for it, so that it never holds a process open.
        worker.unref();
        worker.on('message', (r: Reply<Res>) => this.answer(worker, r));
        worker.on('error', (err) => {
          onError(err);
          this.stop(err);
        });
        worker.on('exit', (code) => {
          if (!this.stopped && !this.closing) onError(new Error(`The thread exited (code ${code}).`));
          this.stop(undefined);
        });
        return worker;
      },
      (err: unknown) => {
        onError(err);
        this.stop(err);
        throw new ThreadStopped(err);
      },
    );
    // A failed start is told to each request; here it must not go unhandled.
    this.started.catch(() => {});
  }

  get usable(): boolean {
    return !this.stopped && !this.closing;
  }

  /** Requests sent and not yet answered. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Settles with the thread's answer; `ThreadStopped` if the thread could not give one. */
  async request(req: Req): Promise<Res> {
    const worker = await this.started;
    // Once closing, the thread may already have closed its connection: the caller does this one.
    if (this.stopped || this.closing) throw new ThreadStopped();
    const id = this.nextId++;
    if (this.waiting.size === 0) worker.ref();
    return new Promise<Res>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, req });
    });
  }

  /** Ends the thread at once, as a crash would: its requests waiting are handed back (tests). */
  async terminate(): Promise<void> {
    const worker = await this.started;
    await worker.terminate();
    this.stop(new Error('terminated'));
  }

  /** Waits for the requests sent, then lets the thread close its connection, and ends it. */
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

  private answer(worker: Worker, r: Reply<Res>): void {
    const w = this.waiting.get(r.id);
    if (!w) return;
    this.waiting.delete(r.id);
    if (this.waiting.size === 0) {
      if (!this.closing) worker.unref();
      this.drained?.();
    }
    if (r.error) w.reject(this.toError(r.error));
    else w.resolve(r.value as Res);
  }

  private stop(cause: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const w of this.waiting.values()) w.reject(new ThreadStopped(cause));
    this.waiting.clear();
    this.drained?.();
  }
}
