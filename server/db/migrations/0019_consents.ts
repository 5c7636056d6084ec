import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * Consents (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): each consent a person gave, with the version of the text they
 * agreed to and when, so that it can be shown to them and proved. Entries that already recorded `consent_at` get a
 * row for the first version of the entry's consent text, which is the text they were shown.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('consents')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('user_id', t.ref, (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('entry_id', t.ref, (c) => c.references('entries.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('entry', 'account', 'voting', 'mail')`))
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('given_at', t.timestamp, (c) => c.notNull())
    .addColumn('withdrawn_at', t.timestamp)
    .execute();
  await db.schema.createIndex('consents_user').on('consents').columns(['user_id', 'given_at']).execute();
  await db.schema
    .createIndex('consents_entry_version')
    .on('consents')
    .columns(['entry_id', 'purpose', 'text_version'])
    .unique()
    .execute();
  await sql`
    insert into consents (user_id, entry_id, purpose, text_version, given_at)
    select owner_user_id, id, 'entry', 'entry-v1', consent_at from entries where consent_at is not null
  `.execute(db);
}
