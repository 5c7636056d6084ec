/**
 * The worker loop both engines share: claim jobs of one name up to the concurrency, run each with its time limit,
 * then record the outcome. The engine (embedded table or pg-boss) only claims, completes and fails.
 */
import type { Logger } from 'pino';
import type { JobHandler, WorkOptions } from './queue.ts';

/** A job this worker holds. */
export interface Claim {
  id: string;
  name: string;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  timeoutMs: number;
}

export interface ClaimSource<C extends Claim> {
  /** Claims the next job of this name that is due, or null. Two workers never get the same job. */
  claim(name: string): Promise<C | null>;
  /** Marks the job done; false when this worker no longer held it (it was taken for dead and released). */
  complete(claim: C): Promise<boolean>;
  /** Records a failed run: the job is retried later, or ends `failed` after its last attempt. */
  fail(claim: C, message: string): Promise<void>;
  /** Renews the claim while the handler runs; false when it was lost. Engines without heartbeats leave it out. */
  heartbeat?: { everyMs: number; beat(claim: C): Promise<boolean> };
  /** Runs before each round of claims (the embedded engine releases dead workers' jobs here). */
  beforeClaim?(): Promise<void>;
}

type Outcome =
  { kind: 'ok' } | { kind: 'error'; message: string } | { kind: 'timeout' } | { kind: 'lost' } | { kind: 'stopped' };

interface Run {
  settle(outcome: Outcome): void;
  done: Promise<void>;
}

const MAX_ERROR_LENGTH = 4000;

function errorText(err: unknown): string {
  const text =
    err instanceof Error
      ? err.message || err.name
      : typeof err === 'string'
        ? err
        : (JSON.stringify(err) ?? String(err));
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

export class WorkLoop<C extends Claim> {
  readonly #runs = new Set<Run>();
  readonly #concurrency: number;
  readonly #pollMs: number;
  #stopping = false;
  #woken = false;
  #wake: (() => void) | null = null;
  readonly #loop: Promise<void>;

  constructor(
    private readonly source: ClaimSource<C>,
    readonly name: string,
    private readonly handler: JobHandler<unknown>,
    opts: WorkOptions,
    private readonly logger: Logger,
  ) {
    this.#concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
    this.#pollMs = Math.max(10, opts.pollMs ?? 1000);
    this.#loop = this.#run();
  }

  /** Look for jobs now rather than at the next poll. */
  nudge(): void {
    this.#woken = true;
    this.#wake?.();
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      try {
        await this.source.beforeClaim?.();
        while (!this.#stopping && this.#runs.size < this.#concurrency) {
          const claim = await this.source.claim(this.name);
          if (!claim) break;
          this.#start(claim);
        }
      } catch (err) {
        this.logger.error({ err, job: this.name }, 'could not claim a job');
      }
      await this.#sleep();
    }
  }

  #sleep(): Promise<void> {
    if (this.#woken || this.#stopping) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        this.#woken = false;
        resolve();
      };
      const timer = setTimeout(done, this.#pollMs);
      this.#wake = done;
    });
  }

  #start(claim: C): void {
    const abort = new AbortController();
    let settle!: (o: Outcome) => void;
    const outcome = new Promise<Outcome>((resolve) => {
      settle = resolve;
    });
    const timer = setTimeout(() => settle({ kind: 'timeout' }), claim.timeoutMs);
    let beat: NodeJS.Timeout | null = null;
    if (this.source.heartbeat) {
      const { everyMs, beat: renew } = this.source.heartbeat;
      beat = setInterval(() => {
        renew(claim).then(
          (held) => held || settle({ kind: 'lost' }),
          (err: unknown) => this.logger.warn({ err, job: claim.name, jobId: claim.id }, 'could not renew a job claim'),
        );
      }, everyMs);
    }
    Promise.resolve()
      .then(() =>
        this.handler({
          id: claim.id,
          name: claim.name,
          payload: claim.payload,
          attempt: claim.attempt,
          maxAttempts: claim.maxAttempts,
          signal: abort.signal,
        }),
      )
      .then(
        () => settle({ kind: 'ok' }),
        (err: unknown) => settle({ kind: 'error', message: errorText(err) }),
      );

    const run: Run = {
      settle,
      done: outcome.then(async (o) => {
        clearTimeout(timer);
        if (beat) clearInterval(beat);
        if (o.kind !== 'ok' && o.kind !== 'error') abort.abort(new Error(`job ${o.kind}`));
        try {
          await this.#record(claim, o);
        } catch (err) {
          // The claim lapses and the job is retried: at worst it runs again, it is never lost.
          this.logger.error({ err, job: claim.name, jobId: claim.id }, 'could not record the outcome of a job');
        } finally {
          this.#runs.delete(run);
          this.nudge();
        }
      }),
    };
    this.#runs.add(run);
  }

  async #record(claim: C, o: Outcome): Promise<void> {
    const log = { job: claim.name, jobId: claim.id, attempt: claim.attempt };
    switch (o.kind) {
      case 'ok':
        if (!(await this.source.complete(claim)))
          this.logger.warn(log, 'a job finished after its claim had lapsed; it was left to the retry');
        return;
      case 'error':
        this.logger.warn(
          { ...log, error: o.message },
          claim.attempt >= claim.maxAttempts ? 'job failed for good' : 'job failed; it will be retried',
        );
        await this.source.fail(claim, o.message);
        return;
      case 'timeout': {
        this.logger.warn(log, 'job ran past its time limit');
        const seconds = Math.round(claim.timeoutMs / 1000);
        await this.source.fail(claim, `Quá thời gian cho phép (${seconds} s) / gave up after ${seconds} s`);
        return;
      }
      case 'stopped':
        await this.source.fail(
          claim,
          'Tiến trình xử lý dừng khi việc đang chạy / the worker was stopped while this job ran',
        );
        return;
      case 'lost':
        this.logger.warn(log, 'lost the claim of a running job (taken for dead); another worker retries it');
        return;
    }
  }

  /** Stops claiming; runs in progress get `graceMs` to finish, then are failed (so retried), never marked done. */
  async stop(graceMs = 30_000): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
    const pending = [...this.#runs].map((r) => r.done);
    if (pending.length) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(pending), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
      for (const run of this.#runs) run.settle({ kind: 'stopped' });
      await Promise.all([...this.#runs].map((r) => r.done));
    }
  }
}
