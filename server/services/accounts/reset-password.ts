import { isStrongEnough } from '@core/account.ts';
import { AppError } from '@core/errors.ts';
import { hashPassword } from '../../security/passwords.ts';
import { sha256Hex } from '../../security/tokens.ts';
import type { Deps } from '../../context.ts';

/** Sets a new password from a reset link, unlocks the account and ends its other sessions. */
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
      .updateTable('users')
      .set({ password_hash: hashed, failed_logins: 0, locked_until: null, updated_at: now })
      .where('id', '=', used.user_id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', used.user_id).execute();
  });
}
