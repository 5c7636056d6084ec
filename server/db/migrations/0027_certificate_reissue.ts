import type { Kysely } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * A reissued certificate (a corrected name) points from the old row to the one that replaced it, so that the old
 * number's verification page can name the new number (docs/decisions/0045).
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .alterTable('certificates')
    .addColumn('replaced_by_id', t.ref, (c) => c.references('certificates.id'))
    .execute();
}
