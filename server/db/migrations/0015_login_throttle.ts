import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * Throttled log-in instead of the account lock (docs/decisions/0027), and codes that prove control of an address.
 *
 * - `login_throttle`: failed guesses per key (an identifier and the address it came from, an address alone, or a
 *   signed-in user's password check) and the time of the last one; the growing delay is computed from them.
 * - `address_codes`: a six-digit code sent to an e-mail or phone, stored hashed: for a registration (the account is
 *   created only when the code comes back) or for a signed-in user's new e-mail or phone.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('address_codes')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('register', 'change-email', 'change-phone')`),
    )
    /** The normalized e-mail or phone the code was sent to. */
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('user_id', t.ref, (c) => c.references('users.id').onDelete('cascade'))
    // A registration's details, kept until the code comes back.
    .addColumn('full_name', 'text')
    .addColumn('phone', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('locale', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('address_codes_target').on('address_codes').columns(['purpose', 'target']).execute();
}
