import type { Kysely } from 'kysely';

/**
 * The posters a renditions run made, with their sizes (`[{file, width, height}]`, smallest first), so that pages can
 * offer them in a `srcset`. Null for renditions made before the small poster existed: those have `poster.jpg` only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('renditions').addColumn('posters_json', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('renditions').dropColumn('posters_json').execute();
}
