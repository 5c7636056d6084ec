import crypto from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '@core/errors.ts';
import type { DialectName } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';

/**
 * rate-limiter-flexible's PostgreSQL store speaks to a `pg` client; this one sends its statements through the app's
 * own Kysely pool instead, so the counters sit in the app's schema (its search_path) with no second pool.
 */
function kyselyStoreClient(db: Kysely<DB>) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const r = await db.executeQuery(CompiledQuery.raw(q.text, q.values ?? []));
      return { rows: r.rows, rowCount: Number(r.numAffectedRows ?? BigInt(r.rows.length)) };
    },
  };
}

/**
 * The store of one limiter (docs/decisions/0039). PostgreSQL: the `rate_limits` table, shared by every web process,
 * so a limit reached through one process holds through the others. SQLite: the process's memory, since a SQLite
 * installation is one process.
 */
export function rateLimiterStore(
  deps: { db: Kysely<DB>; dialect: DialectName },
  name: string,
  points: number,
  durationSec: number,
): RateLimiterAbstract {
  if (deps.dialect !== 'postgres') return new RateLimiterMemory({ keyPrefix: name, points, duration: durationSec });
  return new RateLimiterPostgres({
    storeClient: kyselyStoreClient(deps.db),
    storeType: 'client',
    tableName: 'rate_limits',
    tableCreated: true,
    keyPrefix: name,
    points,
    duration: durationSec,
  });
}

/**
 * A per-key limiter named `name` (its counters are apart from other limiters') that throws the user-facing "wait N
 * seconds" error. Keys are hashed before they reach the store: the table and its backups hold no addresses.
 */
export function limiter(
  deps: { db: Kysely<DB>; dialect: DialectName },
  name: string,
  points: number,
  durationSec: number,
) {
  const rl = rateLimiterStore(deps, name, points, durationSec);
  return async (key: string): Promise<void> => {
    try {
      await rl.consume(crypto.createHash('sha256').update(key).digest('base64url').slice(0, 32));
    } catch (e) {
      if (e instanceof RateLimiterRes)
        throw new AppError('auth.rateLimited', { seconds: Math.ceil(e.msBeforeNext / 1000) });
      throw e;
    }
  };
}
