import { readablePassword } from '../../security/tokens.ts';
import type { Deps } from '../../context.ts';
import { registerAccount } from './register-account.ts';

export const FIRST_ADMIN_EMAIL = 'admin@localhost';

/**
 * On first start, creates the site administrator with a generated password that is shown once. Its e-mail is
 * `ADMIN_EMAIL` when set, else admin@localhost (the administrator can change it from the account page).
 */
export async function ensureFirstAdmin(
  deps: Deps,
): Promise<{ created: true; email: string; password: string; userId: number } | { created: false }> {
  const admin = await deps.db
    .selectFrom('users')
    .select('id')
    .where('is_site_admin', '=', true)
    .limit(1)
    .executeTakeFirst();
  if (admin) return { created: false };
  const password = readablePassword();
  const email = deps.config.adminEmail ?? FIRST_ADMIN_EMAIL;
  const user = await registerAccount(
    deps,
    { fullName: 'Quản trị hệ thống', email, password, locale: 'vi' },
    { isSiteAdmin: true },
  );
  return { created: true, email: user.email!, password, userId: user.id };
}
