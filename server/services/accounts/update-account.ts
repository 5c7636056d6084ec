import type { User } from '@core/account.ts';
import { nfc } from '@core/normalize.ts';
import { requireLogin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { toUser } from './present-user.ts';

export async function updateAccount(
  deps: Deps,
  actor: Actor,
  input: { fullName?: string; locale?: 'vi' | 'en' },
): Promise<User> {
  requireLogin(actor);
  const row = await deps.db
    .updateTable('users')
    .set({
      ...(input.fullName ? { full_name: nfc(input.fullName) } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
      updated_at: deps.clock().toISOString(),
    })
    .where('id', '=', actor.userId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}
