import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { types } from '../dialect.ts';

/**
 * Spent challenges keyed by their expiry first (docs/decisions/0057). Keyed by the signature alone, a random string,
 * each vote's spend wrote to a different page of the key's index, so that a batch of votes rewrote a page per vote at
 * its commit. Challenges are spent in the order they are issued, so with the expiry first a batch's spends fall on the
 * last page or two. The signature signs the expiry, so the pair is as unique as the signature was. The table is one
 * tree (SQLite: without rowid), and the expiry's own index, which pruning read, is the key now.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('altcha_spent_next')
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('altcha_spent_key', ['expires_at', 'signature'])
    .$call((b) => (dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  await sql`insert into altcha_spent_next (expires_at, signature)
    select expires_at, signature from altcha_spent`.execute(db);
  await db.schema.dropTable('altcha_spent').execute();
  await db.schema.alterTable('altcha_spent_next').renameTo('altcha_spent').execute();
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .createTable('altcha_spent_prev')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();
  await sql`insert into altcha_spent_prev (signature, expires_at)
    select signature, expires_at from altcha_spent`.execute(db);
  await db.schema.dropTable('altcha_spent').execute();
  await db.schema.alterTable('altcha_spent_prev').renameTo('altcha_spent').execute();
  await db.schema.createIndex('altcha_spent_expires').on('altcha_spent').column('expires_at').execute();
}
