import type { Kysely } from 'kysely';
import { types, type DialectName } from '../dialect.ts';

/**
 * The voting consent (issue 15 item 10): a voter may have no account, so their consent is kept against the voter
 * row of the contest, once per version of the text.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .alterTable('consents')
    .addColumn('voter_id', t.ref, (c) => c.references('voters.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('consents_voter_version')
    .on('consents')
    .columns(['voter_id', 'purpose', 'text_version'])
    .unique()
    .execute();
}
