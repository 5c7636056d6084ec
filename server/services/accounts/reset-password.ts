import { isStrongEnough } from '@core/account.ts';
import { AppError } from '@core/errors.ts';
import { hashPassword } from '../../security/passwords.ts';
import { sha256Hex } from '../../security/tokens.ts';
import type { Deps } from '../../context.ts';
import { clearAccountFailures } from './login-throttle.ts';

/**
 * Sets a new password from a reset link, cancels the account's other reset links, forgets its failed log-ins and
 * ends its sessions.
 */
export async function resetPassword(deps: Deps, input: { token: string; password: string }): Promise<void> {
  if (!isStrongEnough(input.password)) throw new AppError('account.passwordWeak');
  const now = deps.clock().toISOString();
  const hashed = await hashPassword(input.password);
  await deps.db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', sha256Hex(input.token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    if (!used) throw new AppError('auth.resetInvalid');
    await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('user_id', '=', used.user_id)
      .where('used_at', 'is', null)
      .execute();
    const user = await trx
      .updateTable('users')
      .set({ password_hash: hashed, updated_at: now })
      .where('id', '=', used.user_id)
      .returning(['id', 'email', 'phone'])
      .executeTakeFirstOrThrow();
    await clearAccountFailures(trx, user);
    await trx.deleteFrom('sessions').where('user_id', '=', used.user_id).execute();
  });
}
