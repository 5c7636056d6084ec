import { isStrongEnough } from '@core/account.ts';
import { AppError } from '@core/errors.ts';
import { hashPassword, verifyPassword } from '../../security/passwords.ts';
import { sha256Hex } from '../../security/tokens.ts';
import { requireLogin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';

/** Changes the password and ends every other session of the account. */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; currentToken: string },
): Promise<void> {
  requireLogin(actor);
  const user = await deps.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw new AppError('auth.wrongPassword');
  if (!isStrongEnough(input.newPassword)) throw new AppError('account.passwordWeak');
  const hashed = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hashed, updated_at: deps.clock().toISOString() })
      .where('id', '=', actor.userId)
      .execute();
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', actor.userId)
      .where('id', '!=', sha256Hex(input.currentToken))
      .execute();
  });
}
