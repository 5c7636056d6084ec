import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * A contest's status (ADR 0023): `draft` (seen only by its staff and the site administrators), `published` or
 * `archived`. Contests made before this migration were all public, so they start as published.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('contests')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('published')
        .check(sql`status in ('draft', 'published', 'archived')`),
    )
    .execute();
}
