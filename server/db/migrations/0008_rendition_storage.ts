import type { Kysely } from 'kysely';

/**
 * Where the renditions of an upload are kept in the media storage: the key prefix their files sit under
 * (`contests/<c>/entries/<e>/renditions/<uploadId>/`), written when they are stored. Null for renditions made before
 * they moved into the storage; those sit at `renditions/<uploadId>/` of the local storage.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('renditions').addColumn('storage_prefix', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('renditions').dropColumn('storage_prefix').execute();
}
