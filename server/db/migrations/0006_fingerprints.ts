import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * R9 originality screening (server/services/media/fingerprint-upload.ts): the perceptual fingerprint of each accepted
 * upload, the organizers' reference library per contest, and the flags raised for reviewers when two of them match.
 * Frame hashes are stored as hex text (16 digits per sample) so that both databases read them the same way.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('fingerprints')
    .addColumn('upload_id', 'text', (c) => c.primaryKey().references('uploads.id').onDelete('cascade'))
    .addColumn('fps', 'integer', (c) => c.notNull())
    .addColumn('frame_hashes', 'text', (c) => c.notNull())
    /** Reserved for an audio fingerprint; null while only pictures are fingerprinted. */
    .addColumn('audio_bits', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('reference_clips')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('fps', 'integer', (c) => c.notNull())
    .addColumn('frame_hashes', 'text', (c) => c.notNull())
    .addColumn('audio_bits', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reference_clips_contest').on('reference_clips').column('contest_id').execute();
  await db.schema
    .createTable('originality_flags')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    /** The upload whose screening raised the flag. */
    .addColumn('upload_id', 'text', (c) => c.notNull().references('uploads.id').onDelete('cascade'))
    /** Exactly one of the two: the other entry's upload, or the reference clip it matched. */
    .addColumn('other_upload_id', 'text', (c) => c.references('uploads.id').onDelete('cascade'))
    .addColumn('reference_id', t.ref, (c) => c.references('reference_clips.id').onDelete('cascade'))
    /** Share of the shorter clip covered by matched ranges, in per cent (0–100). */
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 0 and 100`))
    /** [{ aStartSec, aEndSec, bStartSec, bEndSec, matchedFrames, meanBits }]: a = upload_id, b = the other. */
    .addColumn('ranges_json', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addCheckConstraint('originality_flags_one_other', sql`(other_upload_id is null) <> (reference_id is null)`)
    .execute();
  await db.schema.createIndex('originality_flags_contest').on('originality_flags').column('contest_id').execute();
  await db.schema.createIndex('originality_flags_upload').on('originality_flags').column('upload_id').execute();
  await db.schema.createIndex('originality_flags_other').on('originality_flags').column('other_upload_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('originality_flags').execute();
  await db.schema.dropTable('reference_clips').execute();
  await db.schema.dropTable('fingerprints').execute();
}
