import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { types } from '../dialect.ts';

/**
 * Public voting on the platform (ADR 0021, 0026).
 *
 * - `contests.voting_json`: the contest's voting settings (core/voting/settings.ts); null means the defaults.
 * - `altcha_spent`: the signatures of solved proof-of-work challenges, so that each is accepted once; a row may go
 *   once its challenge has expired.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema.alterTable('contests').addColumn('voting_json', 'text').execute();
  await db.schema
    .createTable('altcha_spent')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('altcha_spent_expires').on('altcha_spent').column('expires_at').execute();
}
