import { sql, type Kysely } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * The streaming renditions of an accepted upload (server/services/media/make-renditions.ts): one row per upload, with
 * the state and percent the entrant and staff see while the job runs.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('renditions')
    .addColumn('upload_id', 'text', (c) => c.primaryKey().references('uploads.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`))
    .addColumn('percent', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`percent between 0 and 100`),
    )
    /** Why the last run failed, without server paths; null unless `failed`. */
    .addColumn('error', 'text')
    /** The ladder made, as JSON: [{ name, width, height, videoKbps, audioKbps }]; null until `done`. */
    .addColumn('variants_json', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('renditions_status').on('renditions').column('status').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('renditions').execute();
}
