import type { Kysely } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * Where an accepted upload's original lives. `storage_key` null: still the tus file under DATA_DIR/uploads (always so
 * with local storage, and in S3 mode until the `move-upload` job has copied and verified it). Otherwise the key of the
 * object in the media storage, written only after its SHA-256 was checked against `sha256`.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema.alterTable('uploads').addColumn('storage_key', 'text').execute();
  await db.schema.alterTable('uploads').addColumn('stored_at', t.timestamp).execute();
}
