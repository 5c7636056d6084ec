/**
 * The pg-boss engine (PostgreSQL), for several worker processes on several machines. pg-boss claims with
 * `for update skip locked`, retries with exponential backoff, and its maintenance (in every process that started it,
 * one at a time) fails runs that outlive their `expireInSeconds` — which is how a dead process's job comes back for a
 * retry. Our worker loop (runner.ts) drives it through `fetch`, `complete` and `fail`, so both engines behave alike.
 *
 * pg-boss keeps its tables in a schema of its own, named after the app's schema (see pgBossSchemaFor), and starts on
 * first use: a web process that never sends a job never touches it.
 */
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import {
  checkSend,
  type JobCount,
  type JobDefinitions,
  type JobHandler,
  type JobInfo,
  type JobQueue,
  type JobState,
  type SendOptions,
  type WorkHandle,
  type WorkOptions,
} from './queue.ts';
import { WorkLoop, type Claim, type ClaimSource } from './runner.ts';

export interface PgBossQueueOptions<M> {
  connectionString: string;
  /** pg-boss's schema (see pgBossSchemaFor). */
  schema: string;
  definitions: JobDefinitions<M>;
  logger: Logger;
  /** How often expired runs are looked for, at most. Default 60 s. */
  maintenanceIntervalSeconds?: number;
  /** Connections in pg-boss's own pool. Default 5. */
  poolSize?: number;
}

/**
 * pg-boss's schema for an app schema: `pgboss` beside `public`, `<schema>_pgboss` beside any other. Two installs that
 * share a database in separate schemas (or two test files) thus never take each other's jobs.
 */
export function pgBossSchemaFor(appSchema: string | null): string {
  const name = !appSchema || appSchema === 'public' ? 'pgboss' : `${appSchema}_pgboss`;
  if (!/^[A-Za-z_]\w{0,49}$/.test(name))
    throw new Error(
      `cannot name a pg-boss schema after the schema "${appSchema}": use letters, digits and _ (at most 43)`,
    );
  return name;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface BossRow {
  id: string;
  name: string;
  data: unknown;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retry_limit: number;
  retry_count: number;
  start_after: string | Date;
  started_on: string | Date | null;
  singleton_key: string | null;
  created_on: string | Date;
  completed_on: string | Date | null;
  output: { message?: string; value?: { message?: string } | string } | null;
}

const STATES: Record<BossRow['state'], JobState> = {
  created: 'created',
  retry: 'created',
  active: 'active',
  completed: 'completed',
  cancelled: 'failed',
  failed: 'failed',
};

function iso(v: string | Date): string {
  return new Date(v).toISOString();
}

function toInfo(r: BossRow): JobInfo {
  const out = r.output;
  const lastError =
    r.state === 'completed'
      ? null
      : (out?.message ?? (typeof out?.value === 'object' ? out.value.message : out?.value) ?? null);
  return {
    id: r.id,
    name: r.name,
    payload: r.data,
    state: STATES[r.state],
    singletonKey: r.singleton_key,
    // pg-boss counts retries, and only from the second start on.
    attempts: r.started_on ? Number(r.retry_count) + 1 : 0,
    maxAttempts: Number(r.retry_limit) + 1,
    lastError: lastError ?? null,
    createdAt: iso(r.created_on),
    runAfter: iso(r.start_after),
    startedAt: r.started_on ? iso(r.started_on) : null,
    completedAt: r.completed_on ? iso(r.completed_on) : null,
  };
}

const COLUMNS =
  'id, name, data, state, retry_limit, retry_count, start_after, started_on, singleton_key, created_on, ' +
  'completed_on, output';

class PgBossQueue<M> implements JobQueue<M>, ClaimSource<Claim> {
  readonly engine = 'pg-boss';
  readonly #opts: PgBossQueueOptions<M>;
  readonly #loops = new Set<WorkLoop<Claim>>();
  #boss: Promise<PgBoss> | null = null;
  #stopped = false;

  constructor(opts: PgBossQueueOptions<M>) {
    if (!/^[A-Za-z_]\w{0,49}$/.test(opts.schema)) throw new Error(`bad pg-boss schema name "${opts.schema}"`);
    this.#opts = opts;
  }

  /** Starts pg-boss on first use: creates or migrates its schema and declares one queue per job name. */
  #start(): Promise<PgBoss> {
    if (this.#stopped) return Promise.reject(new Error('the job queue is stopped'));
    this.#boss ??= (async () => {
      const { connectionString, schema, definitions, logger } = this.#opts;
      const boss = new PgBoss({
        connectionString,
        schema,
        max: this.#opts.poolSize ?? 5,
        application_name: 'vicontest-jobs',
        schedule: false,
        supervise: true,
        maintenanceIntervalSeconds: this.#opts.maintenanceIntervalSeconds ?? 60,
        // Failed jobs stay where staff can see and retry them for 30 days (pg-boss's default is 12 hours).
        archiveFailedAfterSeconds: 30 * 86_400,
      });
      boss.on('error', (err) => logger.error({ err }, 'job queue (pg-boss) error'));
      try {
        await boss.start();
        for (const [name, def] of Object.entries(definitions) as [string, (typeof definitions)[keyof M]][]) {
          await boss.createQueue(name, {
            name,
            policy: def.singleton ? 'stately' : 'standard',
            retryLimit: def.retryLimit,
            retryDelay: def.retryDelaySeconds,
            retryBackoff: true,
            expireInSeconds: def.expireInSeconds,
          });
        }
      } catch (err) {
        await boss.stop({ graceful: false }).catch(() => {});
        throw err;
      }
      return boss;
    })().catch((err: unknown) => {
      this.#boss = null;
      throw err;
    });
    return this.#boss;
  }

  async #rows(where: string, values: unknown[], tail = ''): Promise<BossRow[]> {
    const boss = await this.#start();
    const { rows } = await boss
      .getDb()
      .executeSql(`select ${COLUMNS} from ${this.#opts.schema}.job where ${where} ${tail}`, values);
    return rows as BossRow[];
  }

  async send<N extends keyof M & string>(name: N, payload: M[N], opts: SendOptions = {}): Promise<string | null> {
    const def = checkSend(this.#opts.definitions[name], name, opts);
    const boss = await this.#start();
    const id = await boss.send(name, payload as object, {
      singletonKey: opts.singletonKey,
      startAfter: opts.startAfter,
      retryLimit: opts.retryLimit ?? def.retryLimit,
      retryDelay: def.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: def.expireInSeconds,
    });
    if (id) for (const loop of this.#loops) if (loop.name === name) loop.nudge();
    return id;
  }

  async work<N extends keyof M & string>(
    name: N,
    handler: JobHandler<M[N]>,
    opts: WorkOptions = {},
  ): Promise<WorkHandle> {
    if (!this.#opts.definitions[name]) throw new Error(`unknown job "${name}"`);
    await this.#start();
    const loop = new WorkLoop<Claim>(this, name, handler as JobHandler<unknown>, opts, this.#opts.logger);
    this.#loops.add(loop);
    return {
      stop: async () => {
        this.#loops.delete(loop);
        await loop.stop();
      },
    };
  }

  // ClaimSource

  async claim(name: string): Promise<Claim | null> {
    const boss = await this.#start();
    const [job] = await boss.fetch<unknown>(name, { batchSize: 1, includeMetadata: true });
    if (!job) return null;
    return {
      id: job.id,
      name: job.name,
      payload: job.data,
      attempt: Number(job.retryCount) + 1,
      maxAttempts: Number(job.retryLimit) + 1,
      timeoutMs: Number(job.expireInSeconds) * 1000,
    };
  }

  async complete(c: Claim): Promise<boolean> {
    const boss = await this.#start();
    // pg-boss completes only an active job: one its maintenance took for dead has gone back to `retry`.
    const res = (await boss.complete(c.name, c.id)) as unknown as { affected?: number } | undefined;
    return (res?.affected ?? 0) > 0;
  }

  async fail(c: Claim, message: string): Promise<void> {
    const boss = await this.#start();
    await boss.fail(c.name, c.id, { message });
  }

  // Staff

  async getJob(id: string): Promise<JobInfo | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.#rows('id = $1', [id]);
    return row ? toInfo(row) : null;
  }

  async findByKey<N extends keyof M & string>(name: N, singletonKey: string): Promise<JobInfo | null> {
    const [row] = await this.#rows(
      'name = $1 and singleton_key = $2',
      [name, singletonKey],
      'order by created_on desc limit 1',
    );
    return row ? toInfo(row) : null;
  }

  async countByState(): Promise<JobCount[]> {
    const boss = await this.#start();
    const { rows } = await boss
      .getDb()
      .executeSql(`select name, state, count(*)::int as count from ${this.#opts.schema}.job group by name, state`, []);
    // pg-boss's retry and cancelled fold into our created and failed, so counts of one name may need adding up.
    const sums = new Map<string, JobCount>();
    for (const r of rows as { name: string; state: BossRow['state']; count: number }[]) {
      const state = STATES[r.state];
      const key = `${r.name}\u0000${state}`;
      const c = sums.get(key) ?? { name: r.name, state, count: 0 };
      c.count += Number(r.count);
      sums.set(key, c);
    }
    return [...sums.values()];
  }

  async listFailed(opts: { name?: keyof M & string; limit?: number } = {}): Promise<JobInfo[]> {
    const limit = opts.limit ?? 100;
    const rows = opts.name
      ? await this.#rows(`state = 'failed' and name = $1`, [opts.name, limit], 'order by completed_on desc limit $2')
      : await this.#rows(`state = 'failed'`, [limit], 'order by completed_on desc limit $1');
    return rows.map(toInfo);
  }

  async retry(id: string): Promise<boolean> {
    const job = await this.getJob(id);
    if (!job || job.state !== 'failed') return false;
    const boss = await this.#start();
    try {
      const res = (await boss.retry(job.name, id)) as unknown as { affected?: number } | undefined;
      if (!res?.affected) return false;
    } catch (err) {
      // Another job with this key is already waiting for a retry.
      if ((err as { code?: string }).code === '23505') return false;
      throw err;
    }
    for (const loop of this.#loops) if (loop.name === job.name) loop.nudge();
    return true;
  }

  async stop(opts: { graceMs?: number } = {}): Promise<void> {
    const loops = [...this.#loops];
    this.#loops.clear();
    await Promise.all(loops.map((l) => l.stop(opts.graceMs)));
    this.#stopped = true;
    const boss = await this.#boss?.catch(() => null);
    this.#boss = null;
    await boss?.stop({ graceful: false });
  }
}

export function createPgBossQueue<M>(opts: PgBossQueueOptions<M>): JobQueue<M> {
  return new PgBossQueue<M>(opts);
}
