import type { Kysely } from 'kysely';

/**
 * A vote batch reads the day's votes of its devices through the devices' sessions (docs/decisions/0062): a vote's
 * device is its session's (a session holds only on the device that verified it), so the voters with a session on the
 * device, looked up here, are the only ones whose votes can come from it. An index of votes by device, a random key,
 * cost each vote about one and a half pages of the write-ahead log (a page and the splits), half of all it wrote; this
 * one is written once per verification.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('voter_sessions_device').on('voter_sessions').column('device_id').execute();
  await db.schema.dropIndex('votes_device').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('votes_device').on('votes').columns(['contest_id', 'device_id', 'cast_at']).execute();
  await db.schema.dropIndex('voter_sessions_device').execute();
}
