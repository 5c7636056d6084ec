/**
 * The embedded engine: jobs in the app database's `jobs` table, on SQLite or PostgreSQL.
 *
 * Claiming is one `update … where id = (select … limit 1)` statement: on PostgreSQL the subquery takes the row with
 * `for update skip locked`, on SQLite the statement holds the single write lock (server/db/dialect.ts). A claim
 * holds the job until `locked_until`, which the worker's heartbeats push on while the handler runs; a worker that
 * dies stops beating, and once its claim has lapsed any worker puts the job back for a retry (or ends it `failed`
 * after its last attempt). Completing and failing only count when the claim is still the worker's own, so a worker
 * taken for dead can never mark a job done behind the retry's back.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { claimableRows, isUniqueViolation, type DialectName } from '../db/dialect.ts';
import type { DB, JobRow } from '../db/schema.ts';
import {
  checkSend,
  retryDelayMs,
  type JobCount,
  type JobDefinitions,
  type JobHandler,
  type JobInfo,
  type JobQueue,
  type SendOptions,
  type WorkHandle,
  type WorkOptions,
} from './queue.ts';
import { WorkLoop, type Claim, type ClaimSource } from './runner.ts';
import { decodeJobPayload } from '../db/json-columns.ts';

export interface EmbeddedQueueOptions<M> {
  db: Kysely<DB>;
  dialect: DialectName;
  definitions: JobDefinitions<M>;
  logger: Logger;
  /**
   * How long a claim lasts without a heartbeat (beats come three times as often): a worker silent for this long is
   * taken for dead and its job retried. Default 60 s.
   */
  lockSeconds?: number;
  /** Completed jobs are deleted after this many days; failed ones are kept for staff. Default 7. */
  keepCompletedDays?: number;
}

interface EmbeddedClaim extends Claim {
  token: string;
  retryDelayMs: number;
}

function toInfo(row: JobRow): JobInfo {
  return {
    id: row.id,
    name: row.name,
    payload: decodeJobPayload(row.payload_json),
    state: row.state,
    singletonKey: row.singleton_key,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lastError: row.last_error,
    createdAt: row.created_at,
    runAfter: row.run_after,
    startedAt: row.started_at,
    completedAt: row.completed_at,
  };
}

const DEAD_WORKER_ERROR =
  'Tiến trình xử lý ngừng phản hồi khi việc đang chạy / the worker running this job stopped responding';

class EmbeddedQueue<M> implements JobQueue<M>, ClaimSource<EmbeddedClaim> {
  readonly engine = 'embedded';
  readonly #db: Kysely<DB>;
  readonly #dialect: DialectName;
  readonly #defs: JobDefinitions<M>;
  readonly #logger: Logger;
  readonly #lockMs: number;
  readonly #keepCompletedMs: number;
  readonly #loops = new Set<WorkLoop<EmbeddedClaim>>();
  #lastReap = 0;
  #lastPurge = 0;
  readonly heartbeat: ClaimSource<EmbeddedClaim>['heartbeat'];

  constructor(opts: EmbeddedQueueOptions<M>) {
    this.#db = opts.db;
    this.#dialect = opts.dialect;
    this.#defs = opts.definitions;
    this.#logger = opts.logger;
    this.#lockMs = (opts.lockSeconds ?? 60) * 1000;
    this.#keepCompletedMs = (opts.keepCompletedDays ?? 7) * 86_400_000;
    this.heartbeat = { everyMs: Math.max(50, Math.floor(this.#lockMs / 3)), beat: (c) => this.#beat(c) };
  }

  async send<N extends keyof M & string>(name: N, payload: M[N], opts: SendOptions = {}): Promise<string | null> {
    const def = checkSend(this.#defs[name], name, opts);
    const now = new Date();
    const id = crypto.randomUUID();
    const row = await this.#db
      .insertInto('jobs')
      .values({
        id,
        name,
        payload_json: JSON.stringify(payload),
        state: 'created',
        singleton_key: opts.singletonKey ?? null,
        max_attempts: (opts.retryLimit ?? def.retryLimit) + 1,
        retry_delay_ms: Math.round(def.retryDelaySeconds * 1000),
        timeout_ms: Math.round(def.expireInSeconds * 1000),
        run_after: (opts.startAfter ?? now).toISOString(),
        created_at: now.toISOString(),
      })
      // The only conflict possible is the singleton index: a job with this key is already waiting or running.
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    this.#nudge(name);
    return id;
  }

  async work<N extends keyof M & string>(
    name: N,
    handler: JobHandler<M[N]>,
    opts: WorkOptions = {},
  ): Promise<WorkHandle> {
    if (!this.#defs[name]) throw new Error(`unknown job "${name}"`);
    const loop = new WorkLoop<EmbeddedClaim>(this, name, handler as JobHandler<unknown>, opts, this.#logger);
    this.#loops.add(loop);
    return {
      stop: async () => {
        this.#loops.delete(loop);
        await loop.stop();
      },
    };
  }

  #nudge(name: string): void {
    for (const loop of this.#loops) if (loop.name === name) loop.nudge();
  }

  // ClaimSource

  async claim(name: string): Promise<EmbeddedClaim | null> {
    const now = new Date();
    const token = crypto.randomUUID();
    const next = claimableRows(
      this.#db
        .selectFrom('jobs')
        .select('id')
        .where('name', '=', name)
        .where('state', '=', 'created')
        .where('run_after', '<=', now.toISOString())
        .orderBy('run_after')
        .orderBy('created_at')
        .limit(1),
      this.#dialect,
    );
    const row = await this.#db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'active',
        attempts: eb('attempts', '+', 1),
        locked_by: token,
        locked_until: new Date(now.getTime() + this.#lockMs).toISOString(),
        started_at: now.toISOString(),
      }))
      .where('id', '=', next)
      .where('state', '=', 'created')
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      payload: decodeJobPayload(row.payload_json),
      attempt: Number(row.attempts),
      maxAttempts: Number(row.max_attempts),
      timeoutMs: Number(row.timeout_ms),
      retryDelayMs: Number(row.retry_delay_ms),
      token,
    };
  }

  async #beat(c: EmbeddedClaim): Promise<boolean> {
    const res = await this.#db
      .updateTable('jobs')
      .set({ locked_until: new Date(Date.now() + this.#lockMs).toISOString() })
      .where('id', '=', c.id)
      .where('locked_by', '=', c.token)
      .where('state', '=', 'active')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async complete(c: EmbeddedClaim): Promise<boolean> {
    const res = await this.#db
      .updateTable('jobs')
      .set({ state: 'completed', completed_at: new Date().toISOString(), locked_by: null, locked_until: null })
      .where('id', '=', c.id)
      .where('locked_by', '=', c.token)
      .where('state', '=', 'active')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async fail(c: EmbeddedClaim, message: string): Promise<void> {
    const now = Date.now();
    const final = c.attempt >= c.maxAttempts;
    await this.#db
      .updateTable('jobs')
      .set({
        state: final ? 'failed' : 'created',
        run_after: new Date(final ? now : now + retryDelayMs(c.retryDelayMs / 1000, c.attempt)).toISOString(),
        completed_at: final ? new Date(now).toISOString() : null,
        last_error: message,
        locked_by: null,
        locked_until: null,
      })
      .where('id', '=', c.id)
      .where('locked_by', '=', c.token)
      .where('state', '=', 'active')
      .execute();
  }

  /** Puts back the jobs of workers whose claims have lapsed (dead processes), and deletes old completed jobs. */
  async beforeClaim(): Promise<void> {
    const now = Date.now();
    if (now - this.#lastReap < Math.min(5000, this.#lockMs / 2)) return;
    this.#lastReap = now;
    const nowIso = new Date(now).toISOString();
    const lapsed = await this.#db
      .selectFrom('jobs')
      .select(['id', 'name', 'attempts', 'max_attempts', 'retry_delay_ms', 'locked_by'])
      .where('state', '=', 'active')
      .where('locked_until', '<', nowIso)
      .limit(100)
      .execute();
    for (const j of lapsed) {
      const final = Number(j.attempts) >= Number(j.max_attempts);
      // Conditional on the lapsed claim: if the worker renewed it meanwhile, or another worker got here first, no-op.
      const res = await this.#db
        .updateTable('jobs')
        .set({
          state: final ? 'failed' : 'created',
          run_after: new Date(
            final ? now : now + retryDelayMs(Number(j.retry_delay_ms) / 1000, Number(j.attempts)),
          ).toISOString(),
          completed_at: final ? nowIso : null,
          last_error: DEAD_WORKER_ERROR,
          locked_by: null,
          locked_until: null,
        })
        .where('id', '=', j.id)
        .where('state', '=', 'active')
        .where('locked_by', '=', j.locked_by)
        .where('locked_until', '<', nowIso)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1)
        this.#logger.warn(
          { job: j.name, jobId: j.id, attempt: Number(j.attempts), final },
          'released the job of a worker that stopped responding',
        );
    }
    if (now - this.#lastPurge > 3_600_000) {
      this.#lastPurge = now;
      await this.#db
        .deleteFrom('jobs')
        .where('state', '=', 'completed')
        .where('completed_at', '<', new Date(now - this.#keepCompletedMs).toISOString())
        .execute();
    }
  }

  // Staff

  async getJob(id: string): Promise<JobInfo | null> {
    const row = await this.#db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toInfo(row) : null;
  }

  async findByKey<N extends keyof M & string>(name: N, singletonKey: string): Promise<JobInfo | null> {
    const row = await this.#db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', name)
      .where('singleton_key', '=', singletonKey)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toInfo(row) : null;
  }

  async countByState(): Promise<JobCount[]> {
    const rows = await this.#db
      .selectFrom('jobs')
      .select((eb) => ['name', 'state', eb.fn.countAll<number>().as('count')])
      .groupBy(['name', 'state'])
      .execute();
    return rows.map((r) => ({ name: r.name, state: r.state, count: Number(r.count) }));
  }

  async listFailed(opts: { name?: keyof M & string; limit?: number } = {}): Promise<JobInfo[]> {
    let q = this.#db.selectFrom('jobs').selectAll().where('state', '=', 'failed');
    if (opts.name) q = q.where('name', '=', opts.name);
    const rows = await q
      .orderBy('completed_at', 'desc')
      .limit(opts.limit ?? 100)
      .execute();
    return rows.map(toInfo);
  }

  async retry(id: string): Promise<boolean> {
    try {
      const row = await this.#db
        .updateTable('jobs')
        .set((eb) => ({
          state: 'created',
          max_attempts: eb('attempts', '+', 1),
          run_after: new Date().toISOString(),
          completed_at: null,
        }))
        .where('id', '=', id)
        .where('state', '=', 'failed')
        .returning('name')
        .executeTakeFirst();
      if (!row) return false;
      this.#nudge(row.name);
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async stop(opts: { graceMs?: number } = {}): Promise<void> {
    const loops = [...this.#loops];
    this.#loops.clear();
    await Promise.all(loops.map((l) => l.stop(opts.graceMs)));
  }
}

export function createEmbeddedQueue<M>(opts: EmbeddedQueueOptions<M>): JobQueue<M> {
  return new EmbeddedQueue<M>(opts);
}
