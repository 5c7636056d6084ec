import type { Kysely } from 'kysely';

/**
 * A vote batch reads the day's votes of its devices (docs/decisions/0052): without this index that read scanned every
 * vote of the contest, once per batch, which grows with the contest through a voting rush.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('votes_device').on('votes').columns(['contest_id', 'device_id', 'cast_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('votes_device').execute();
}
