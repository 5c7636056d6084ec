import { sql } from 'kysely';
import {
  challengeNeeded,
  challengePolicy,
  loginPolicies,
  secondsToWait,
  type ThrottlePolicy,
} from '@core/login-throttle.ts';
import { verifyChallenge } from '../../security/altcha.ts';
import { AppError } from '@core/errors.ts';
import { normalizeEmail, normalizePhone } from '@core/normalize.ts';
import type { Tx } from '../../db/dialect.ts';
import type { Deps } from '../../context.ts';

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

/** One form of an identifier, so that "0912…", "+84912…" and "0912.…" share one count. */
export function canonicalIdentifier(identifier: string): string {
  const id = identifier.trim();
  return id.includes('@') ? normalizeEmail(id) : (normalizePhone(id) ?? id.toLowerCase());
}

/**
 * The keys a log-in attempt is counted under: the identifier from this address (a stranger elsewhere does not slow
 * the owner down) and the address alone (one address guessing many accounts). Unknown identifiers get the same.
 */
export function loginKeys(deps: Deps, identifier: string, ip: string | null): ThrottleKey[] {
  const policies = loginPolicies({
    freeFailures: deps.config.loginMaxFailures,
    maxDelayMinutes: deps.config.loginLockMinutes,
  });
  const from = ip ?? 'unknown';
  return [
    { key: `id:${canonicalIdentifier(identifier)}|ip:${from}`, policy: policies.pair },
    { key: `ip:${from}`, policy: policies.address },
  ];
}

/** The identifier alone, from any address: past a few failures, log-ins to it need a solved challenge. */
export function identifierKey(deps: Deps, identifier: string): ThrottleKey {
  return {
    key: `acct:${canonicalIdentifier(identifier)}`,
    policy: challengePolicy({ freeFailures: deps.config.loginMaxFailures }),
  };
}

/**
 * Refuses (428 `auth.challengeRequired`) a log-in to an identifier that has failed often lately unless it carries a
 * solved challenge, which is then spent (400 `auth.challengeInvalid` when it is bad, expired or replayed).
 */
export async function assertChallengeIfNeeded(
  deps: Deps,
  key: ThrottleKey,
  payload: string | undefined,
): Promise<void> {
  const row = await deps.db.selectFrom('login_throttle').selectAll().where('key', '=', key.key).executeTakeFirst();
  const state = row ? { failures: row.failures, lastFailureAt: row.last_failure_at } : null;
  if (!challengeNeeded(state, deps.clock(), key.policy)) return;
  if (!payload) throw new AppError('auth.challengeRequired');
  const verdict = await verifyChallenge(deps, payload);
  if (!verdict.ok) throw new AppError('auth.challengeInvalid', {}, { reason: verdict.reason });
}

/** The key for checks of a signed-in user's current password (changing the password or an address). */
export function passwordCheckKey(deps: Deps, userId: number): ThrottleKey {
  const { pair } = loginPolicies({
    freeFailures: deps.config.loginMaxFailures,
    maxDelayMinutes: deps.config.loginLockMinutes,
  });
  return { key: `user:${userId}`, policy: pair };
}

/** Refuses (429 `auth.slowDown`) while any key still owes a delay; the password is then not even checked. */
export async function assertNotThrottled(deps: Deps, keys: ThrottleKey[]): Promise<void> {
  const rows = await deps.db
    .selectFrom('login_throttle')
    .selectAll()
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .execute();
  const now = deps.clock();
  let wait = 0;
  for (const k of keys) {
    const row = rows.find((r) => r.key === k.key);
    if (row)
      wait = Math.max(
        wait,
        secondsToWait({ failures: row.failures, lastFailureAt: row.last_failure_at }, now, k.policy),
      );
  }
  if (wait > 0) throw new AppError('auth.slowDown', { seconds: wait });
}

/** Counts one failure under every key, atomically, restarting the count of a key whose failures are forgotten. */
export async function recordFailure(deps: Deps, keys: ThrottleKey[]): Promise<void> {
  const now = deps.clock();
  for (const k of keys) {
    const forgetBefore = new Date(now.getTime() - k.policy.forgetAfterSeconds * 1000).toISOString();
    await deps.db
      .insertInto('login_throttle')
      .values({ key: k.key, failures: 1, last_failure_at: now.toISOString() })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when login_throttle.last_failure_at < ${forgetBefore} then 1
            else login_throttle.failures + 1 end`,
          last_failure_at: now.toISOString(),
        }),
      )
      .execute();
  }
}

/** Forgets the failures under these keys (after a right password). */
export async function clearFailures(deps: Deps, keys: ThrottleKey[]): Promise<void> {
  await deps.db
    .deleteFrom('login_throttle')
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .execute();
}

/** Forgets every failure counted against an account's identifiers, from any address (after a password reset). */
export async function clearAccountFailures(
  db: Tx,
  user: { id: number; email: string | null; phone: string | null },
): Promise<void> {
  // A "_" in an address matches any character: at worst a neighbour's count is forgotten too.
  const ids = [user.email, user.phone].filter((v): v is string => !!v);
  const prefixes = ids.map((v) => `id:${v}|%`);
  await db
    .deleteFrom('login_throttle')
    .where((eb) =>
      eb.or([
        eb('key', '=', `user:${user.id}`),
        ...ids.map((v) => eb('key', '=', `acct:${v}`)),
        ...prefixes.map((p) => eb('key', 'like', p)),
      ]),
    )
    .execute();
}
