import type { Selectable } from 'kysely';
import type { User } from '@core/account.ts';
import type { UsersTable } from '../../db/schema.ts';
import { AppError } from '@core/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { Deps } from '../../context.ts';
import { takeCode } from './address-codes.ts';
import { canonicalIdentifier } from './login-throttle.ts';
import { toUser } from './present-user.ts';

/**
 * Creates the account once the code sent to its address comes back. A phone given beside the e-mail is kept only
 * if no other account has it (it can be added later from the account page, with a code sent to it).
 */
export async function confirmRegistration(deps: Deps, input: { identifier: string; code: string }): Promise<User> {
  const target = canonicalIdentifier(input.identifier);
  const pending = await takeCode(deps, { purpose: 'register', target }, input.code);
  const now = deps.clock().toISOString();
  const isEmail = target.includes('@');
  const insert = (phone: string | null) =>
    deps.db
      .insertInto('users')
      .values({
        email: isEmail ? target : null,
        phone: isEmail ? phone : target,
        full_name: pending.full_name!,
        password_hash: pending.password_hash!,
        locale: pending.locale ?? 'vi',
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  // The consent ticked on the registration form is kept with its text's version and the time it was given.
  const withConsent = async (row: Selectable<UsersTable>): Promise<User> => {
    if (pending.consent_version)
      await deps.db
        .insertInto('consents')
        .values({
          user_id: row.id,
          entry_id: null,
          purpose: 'account',
          text_version: pending.consent_version,
          given_at: pending.created_at,
        })
        .execute();
    return toUser(row);
  };
  try {
    return await withConsent(await insert(pending.phone));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  if (!pending.phone) throw new AppError('account.codeInvalid');
  try {
    return await withConsent(await insert(null));
  } catch (err) {
    // Someone confirmed the same address a moment earlier.
    if (isUniqueViolation(err)) throw new AppError('account.codeInvalid');
    throw err;
  }
}
