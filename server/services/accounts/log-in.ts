import { AppError } from '@core/errors.ts';
import { normalizeEmail, normalizePhone } from '@core/normalize.ts';
import { dummyPasswordHash, verifyPassword } from '../../security/passwords.ts';
import { randomToken, sha256Hex } from '../../security/tokens.ts';
import type { Deps } from '../../context.ts';

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: number;
  expiresAt: string;
}

/**
 * Checks the password and opens a session. After `loginMaxFailures` wrong passwords in a row the account is locked
 * for `loginLockMinutes`, whoever is trying; a correct password during the lock is refused too.
 */
export async function logIn(deps: Deps, input: { identifier: string; password: string }): Promise<LoginResult> {
  const now = deps.clock();
  const id = input.identifier.trim();
  const phone = normalizePhone(id);
  const q = deps.db.selectFrom('users').selectAll();
  const user = await (
    id.includes('@')
      ? q.where('email', '=', normalizeEmail(id))
      : phone
        ? q.where('phone', '=', phone)
        : q.where('id', '=', -1)
  ).executeTakeFirst();
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw new AppError('auth.invalidCredentials');
  }
  if (user.locked_until && Date.parse(user.locked_until) > now.getTime()) {
    throw new AppError('auth.locked', { minutes: Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 60000) });
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    // One atomic increment, so that parallel guesses cannot each read the same old count.
    const { failed_logins: failures } = await deps.db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', user.id)
      .returning('failed_logins')
      .executeTakeFirstOrThrow();
    if (failures >= deps.config.loginMaxFailures) {
      await deps.db
        .updateTable('users')
        .set({
          failed_logins: 0,
          locked_until: new Date(now.getTime() + deps.config.loginLockMinutes * 60000).toISOString(),
        })
        .where('id', '=', user.id)
        .execute();
      throw new AppError('auth.locked', { minutes: deps.config.loginLockMinutes });
    }
    throw new AppError('auth.invalidCredentials');
  }
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + deps.config.sessionDays * 86400000).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await trx
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
  });
  return { token, csrfToken, userId: user.id, expiresAt };
}
