import { sql, type Kysely } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * Subtitle tracks of an entry (server/services/media/save-entry-subtitles.ts): one row per entry and language, pointing
 * at the cleaned WebVTT file in the media storage. The language list lives in core/subtitle-languages.ts, so the column
 * is only held to the shape of a short BCP-47 tag here.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('subtitles')
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`length(lang) between 2 and 12`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes >= 0`))
    .addColumn('cue_count', 'integer', (c) => c.notNull().check(sql`cue_count >= 1`))
    /** What the entrant uploaded: 'vtt' or 'srt' (converted). */
    .addColumn('source_format', 'text', (c) => c.notNull().check(sql`source_format in ('vtt', 'srt')`))
    .addColumn('updated_by_user_id', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('subtitles_pk', ['entry_id', 'lang'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('subtitles').execute();
}
