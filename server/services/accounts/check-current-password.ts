import { AppError } from '@core/errors.ts';
import { verifyPassword } from '../../security/passwords.ts';
import type { Deps } from '../../context.ts';
import { assertNotThrottled, clearFailures, passwordCheckKey, recordFailure } from './login-throttle.ts';

/**
 * Checks a signed-in user's current password before a sensitive change. Wrong guesses slow down further ones as on
 * the log-in form (`auth.slowDown`), so that a stolen session cannot guess the password at full speed.
 */
export async function checkCurrentPassword(deps: Deps, userId: number, password: string): Promise<void> {
  const key = passwordCheckKey(deps, userId);
  await assertNotThrottled(deps, [key]);
  const user = await deps.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, password))) {
    await recordFailure(deps, [key]);
    throw new AppError('auth.wrongPassword');
  }
  await clearFailures(deps, [key]);
}
