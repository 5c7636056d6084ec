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

type ThrottleRow = { key: string; failures: number; last_failure_at: string };

async function readCounts(deps: Deps, keys: ThrottleKey[]): Promise<ThrottleRow[]> {
  return deps.db
    .selectFrom('login_throttle')
    .select(['key', 'failures', 'last_failure_at'])
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .execute();
}

const stateOf = (row: ThrottleRow) => ({ failures: row.failures, lastFailureAt: row.last_failure_at });

function throwIfWaiting(rows: ThrottleRow[], keys: ThrottleKey[], now: Date): void {
  let wait = 0;
  for (const k of keys) {
    const row = rows.find((r) => r.key === k.key);
    if (row) wait = Math.max(wait, secondsToWait(stateOf(row), now, k.policy));
  }
  if (wait > 0) throw new AppError('auth.slowDown', { seconds: wait });
}

/**
 * Refuses a log-in before its password is checked: 429 `auth.slowDown` while a key of `keys` still owes a delay, else
 * 428 `auth.challengeRequired` when the identifier has failed often lately and no solved challenge came (which is then
 * spent; 400 `auth.challengeInvalid` when it is bad, expired or replayed). All counts are read at once: a failure is
 * counted under the pair before the identifier, so one reading never shows the second ahead of the first, and guesses
 * racing from one address are told to wait rather than, by chance, to solve a challenge.
 */
export async function assertMayTryLogIn(
  deps: Deps,
  keys: ThrottleKey[],
  idKey: ThrottleKey,
  payload: string | undefined,
): Promise<void> {
  const rows = await readCounts(deps, [...keys, idKey]);
  const now = deps.clock();
  throwIfWaiting(rows, keys, now);
  const row = rows.find((r) => r.key === idKey.key);
  if (!challengeNeeded(row && stateOf(row), now, idKey.policy)) return;
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
  throwIfWaiting(await readCounts(deps, keys), keys, deps.clock());
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
