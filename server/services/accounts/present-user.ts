import type { User } from '@core/account.ts';
import type { UserRow } from '../../db/schema.ts';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    fullName: row.full_name,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    isSiteAdmin: row.is_site_admin,
  };
}
