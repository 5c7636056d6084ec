import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Deps } from '../../context.ts';
import { pendingMigrations } from '../../db/migrate.ts';

export type ReadinessCheckName = 'database' | 'migrations' | 'storage' | 'uploads' | 'queue';

export interface ReadinessCheck {
  name: ReadinessCheckName;
  ok: boolean;
  /** Why it failed, for the operator: an error message or the migrations not yet run. Never personal data. */
  detail?: string;
}

export interface Readiness {
  ok: boolean;
  checks: ReadinessCheck[];
}

/** A check that gives up after this long counts as failed: a probe must answer even when a dependency hangs. */
const CHECK_TIMEOUT_MS = 5000;

async function run(name: ReadinessCheckName, check: () => Promise<string | null>): Promise<ReadinessCheck> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
    });
    const problem = await Promise.race([check(), timeout]);
    return problem === null ? { name, ok: true } : { name, ok: false, detail: problem };
  } catch (err) {
    return { name, ok: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether this process can serve: the database answers, every migration has run, media storage takes a write and a
 * delete, the upload directory is writable and the job queue answers. For a load balancer's readiness probe.
 */
export async function checkReadiness(deps: Deps): Promise<Readiness> {
  const checks = await Promise.all([
    run('database', async () => {
      await sql`select 1`.execute(deps.db);
      return null;
    }),
    run('migrations', async () => {
      const pending = await pendingMigrations(deps);
      return pending.length ? `not yet run: ${pending.join(', ')}` : null;
    }),
    run('storage', async () => {
      const key = `system/readiness-${crypto.randomBytes(8).toString('hex')}.txt`;
      await deps.storage.putStream(key, Readable.from([Buffer.from('ok')]), { contentType: 'text/plain' });
      await deps.storage.delete(key);
      return null;
    }),
    run('uploads', async () => {
      await fsp.mkdir(deps.config.uploadDir, { recursive: true });
      await fsp.access(deps.config.uploadDir, fsp.constants.W_OK);
      return null;
    }),
    run('queue', async () => {
      await deps.jobs.countByState();
      return null;
    }),
  ]);
  return { ok: checks.every((c) => c.ok), checks };
}
