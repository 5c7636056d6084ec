import { isStrongEnough, type RegisterInput, type User } from '@core/account.ts';
import { AppError } from '@core/errors.ts';
import { normalizeEmail, normalizePhone, nfc } from '@core/normalize.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { hashPassword } from '../../security/passwords.ts';
import type { Deps } from '../../context.ts';
import { toUser } from './present-user.ts';

export async function registerAccount(
  deps: Deps,
  input: RegisterInput,
  opts: { isSiteAdmin?: boolean } = {},
): Promise<User> {
  const email = input.email ? normalizeEmail(input.email) : null;
  let phone: string | null = null;
  if (input.phone) {
    phone = normalizePhone(input.phone);
    if (!phone) throw new AppError('account.phoneInvalid');
  }
  if (!email && !phone) throw new AppError('account.identifierRequired');
  if (!isStrongEnough(input.password)) throw new AppError('account.passwordWeak');
  const now = deps.clock().toISOString();
  const password_hash = await hashPassword(input.password);
  try {
    const row = await deps.db
      .insertInto('users')
      .values({
        email,
        phone,
        full_name: nfc(input.fullName),
        password_hash,
        is_site_admin: opts.isSiteAdmin ?? false,
        locale: input.locale,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  } catch (err) {
    if (isUniqueViolation(err)) {
      const taken =
        email && (await deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst());
      throw new AppError(taken ? 'account.emailTaken' : 'account.phoneTaken');
    }
    throw err;
  }
}
