import type { User } from '@core/account.ts';
import { AppError } from '@core/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { requireLogin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { takeCode } from './address-codes.ts';
import { toUser } from './present-user.ts';

/** Sets the caller's new e-mail or phone from the code sent to it; audited without the address itself. */
export async function confirmContactChange(
  deps: Deps,
  actor: Actor,
  input: { kind: 'email' | 'phone'; code: string },
): Promise<User> {
  requireLogin(actor);
  const pending = await takeCode(
    deps,
    { purpose: input.kind === 'email' ? 'change-email' : 'change-phone', userId: actor.userId },
    input.code,
  );
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('users')
        .set({ [input.kind]: pending.target, updated_at: deps.clock().toISOString() })
        .where('id', '=', actor.userId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, deps, actor, {
        action: input.kind === 'email' ? 'account.emailChanged' : 'account.phoneChanged',
        target: `user:${actor.userId}`,
      });
      return toUser(row);
    });
  } catch (err) {
    // Another account took the address after the code was sent.
    if (isUniqueViolation(err)) throw new AppError('account.codeInvalid');
    throw err;
  }
}
