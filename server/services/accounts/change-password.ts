import { isStrongEnough } from '@core/account.ts';
import { AppError } from '@core/errors.ts';
import { hashPassword } from '../../security/passwords.ts';
import { sha256Hex } from '../../security/tokens.ts';
import { requireLogin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { checkCurrentPassword } from './check-current-password.ts';

/** Changes the password, ends every other session of the account and cancels its outstanding reset links. */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; currentToken: string },
): Promise<void> {
  requireLogin(actor);
  await checkCurrentPassword(deps, actor.userId, input.currentPassword);
  if (!isStrongEnough(input.newPassword)) throw new AppError('account.passwordWeak');
  const hashed = await hashPassword(input.newPassword);
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hashed, updated_at: now })
      .where('id', '=', actor.userId)
      .execute();
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', actor.userId)
      .where('id', '!=', sha256Hex(input.currentToken))
      .execute();
    await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('user_id', '=', actor.userId)
      .where('used_at', 'is', null)
      .execute();
  });
}
