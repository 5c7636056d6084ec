import type { Kysely } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * A contest's document details, typed once (docs/decisions/0049): one row per contest holding the settings as JSON
 * (core/documents/document-settings.ts), who saved them and when. A certificate keeps the signer's capacity it was
 * printed with, as it keeps the signer's name, so that saving new settings does not change an issued certificate.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('document_settings')
    .addColumn('contest_id', t.ref, (c) => c.primaryKey().references('contests.id').onDelete('cascade'))
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  for (const column of ['signer_collective', 'signer_deputy_for', 'signer_position'])
    await db.schema.alterTable('certificates').addColumn(column, 'text').execute();
}
