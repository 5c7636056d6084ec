import type { Kysely } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * The reference library from the staff area, and the usage licence of entries (docs/decisions/0031).
 *
 * - `reference_clips.source`: where the organizers took the clip from (an earlier contest, a broadcaster, a link).
 * - `reference_clips.created_by`: who loaded it.
 * - `entries.licence_version`: the version of the usage licence (core/licence.ts) the entrant accepted when
 *   submitting; null for a draft never submitted and for entries submitted before the licence was stated.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .alterTable('reference_clips')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('reference_clips')
    .addColumn('created_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('entries').addColumn('licence_version', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('entries').dropColumn('licence_version').execute();
  await db.schema.alterTable('reference_clips').dropColumn('created_by').execute();
  await db.schema.alterTable('reference_clips').dropColumn('source').execute();
}
