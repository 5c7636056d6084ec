import { AppError } from '@core/errors.ts';
import { normalizeEmail, normalizePhone } from '@core/normalize.ts';
import { dummyPasswordHash, verifyPassword } from '../../security/passwords.ts';
import { randomToken, sha256Hex } from '../../security/tokens.ts';
import type { Deps } from '../../context.ts';
import { assertMayTryLogIn, clearFailures, identifierKey, loginKeys, recordFailure } from './login-throttle.ts';

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: number;
  expiresAt: string;
}

/**
 * Checks the password and opens a session. Wrong passwords slow down further tries of the same identifier from the
 * same address, and of the address as a whole (login-throttle.ts); no account is ever locked, so a stranger's
 * guesses from elsewhere do not keep the owner out. Guesses at one identifier from many addresses make every
 * log-in to it carry a solved proof-of-work challenge for a day. Known and unknown identifiers get the same answers.
 */
export async function logIn(
  deps: Deps,
  input: { identifier: string; password: string; ip: string | null; altcha?: string },
): Promise<LoginResult> {
  const now = deps.clock();
  const id = input.identifier.trim();
  const keys = loginKeys(deps, id, input.ip);
  const idKey = identifierKey(deps, id);
  await assertMayTryLogIn(deps, keys, idKey, input.altcha);
  const phone = normalizePhone(id);
  const q = deps.db.selectFrom('users').selectAll();
  const user = await (
    id.includes('@')
      ? q.where('email', '=', normalizeEmail(id))
      : phone
        ? q.where('phone', '=', phone)
        : q.where('id', '=', -1)
  ).executeTakeFirst();
  const ok = user
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);
  if (!user || !ok) {
    await recordFailure(deps, [...keys, idKey]);
    throw new AppError('auth.invalidCredentials');
  }
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + deps.config.sessionDays * 86400000).toISOString();
  await clearFailures(deps, [keys[0]!, idKey]);
  await deps.db
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { token, csrfToken, userId: user.id, expiresAt };
}
