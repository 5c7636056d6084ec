import {
  Migrator,
  sql,
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type TableMetadata,
} from 'kysely';
import { currentSchema, type Database, type DialectName } from './dialect.ts';
import * as m0001 from './migrations/0001_initial.ts';
import * as m0002 from './migrations/0002_entries.ts';
import * as m0003 from './migrations/0003_jobs.ts';
import * as m0004 from './migrations/0004_storage.ts';
import * as m0005 from './migrations/0005_renditions.ts';
import * as m0006 from './migrations/0006_fingerprints.ts';
import * as m0007 from './migrations/0007_subtitles.ts';
import * as m0008 from './migrations/0008_rendition_storage.ts';
import * as m0009 from './migrations/0009_reviews.ts';
import * as m0010 from './migrations/0010_publication.ts';
import * as m0011 from './migrations/0011_contest_status.ts';
import * as m0012 from './migrations/0012_deadline_reminders.ts';
import * as m0013 from './migrations/0013_judging.ts';
import * as m0014 from './migrations/0014_voting.ts';
import * as m0015 from './migrations/0015_login_throttle.ts';
import * as m0016 from './migrations/0016_awards.ts';
import * as m0017 from './migrations/0017_fanpage_digests_integrity.ts';
import * as m0018 from './migrations/0018_reference_library_and_licence.ts';
import * as m0019 from './migrations/0019_consents.ts';
import * as m0028 from './migrations/0028_voting_consent.ts';
import * as m0030 from './migrations/0030_document_settings.ts';
import * as m0026 from './migrations/0026_judging_manual_reminders.ts';
import * as m0027 from './migrations/0027_certificate_reissue.ts';
import * as m0029 from './migrations/0029_contest_version.ts';
import * as m0031 from './migrations/0031_votes_device_index.ts';
import * as m0032 from './migrations/0032_rendition_posters.ts';
import * as m0033 from './migrations/0033_altcha_spent_by_expiry.ts';
import * as m0034 from './migrations/0034_device_votes_through_sessions.ts';
import * as m0035 from './migrations/0035_votes_entry_key_partial.ts';
import * as m0024 from './migrations/0024_erasure_and_retention.ts';
import * as m0023 from './migrations/0023_rate_limits.ts';
import * as m0022 from './migrations/0022_voting_residents_and_results.ts';
import * as m0021 from './migrations/0021_judging_paper_and_reminders.ts';
import * as m0020 from './migrations/0020_budget_and_roster_roles.ts';

type DialectMigration = {
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
  down?(db: Kysely<any>, dialect: DialectName): Promise<void>;
};

/** The one ordered list of migrations; each receives the dialect so that both databases share it. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '0001_initial': m0001,
  '0002_entries': m0002,
  '0003_jobs': m0003,
  '0004_storage': m0004,
  '0005_renditions': m0005,
  '0006_fingerprints': m0006,
  '0007_subtitles': m0007,
  '0008_rendition_storage': m0008,
  '0009_reviews': m0009,
  '0010_publication': m0010,
  '0011_contest_status': m0011,
  '0012_deadline_reminders': m0012,
  '0013_judging': m0013,
  '0014_voting': m0014,
  '0015_login_throttle': m0015,
  '0016_awards': m0016,
  '0017_fanpage_digests_integrity': m0017,
  '0018_reference_library_and_licence': m0018,
  '0019_consents': m0019,
  '0028_voting_consent': m0028,
  '0030_document_settings': m0030,
  '0026_judging_manual_reminders': m0026,
  '0027_certificate_reissue': m0027,
  '0029_contest_version': m0029,
  '0031_votes_device_index': m0031,
  '0032_rendition_posters': m0032,
  '0033_altcha_spent_by_expiry': m0033,
  '0034_device_votes_through_sessions': m0034,
  '0035_votes_entry_key_partial': m0035,
  '0024_erasure_and_retention': m0024,
  '0023_rate_limits': m0023,
  '0022_voting_residents_and_results': m0022,
  '0021_judging_paper_and_reminders': m0021,
  '0020_budget_and_roster_roles': m0020,
};

class ListProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) {
      out[name] = { up: (db) => m.up(db, this.dialect), down: m.down ? (db) => m.down!(db, this.dialect) : undefined };
    }
    return out;
  }
}

/**
 * The database as the migrator sees it: on PostgreSQL, one whose introspection lists the tables of `schema` only.
 * Kysely's own lists every schema's tables and resolves each column's sequence by name, so that a schema dropped at
 * that moment by someone else sharing the database (another application, or another test file, each in a schema of
 * its own) failed our migration with "schema … does not exist" or "column … does not exist" (docs/decisions/0053).
 */
function migratorView(db: Kysely<any>, schema: string | undefined): Kysely<any> {
  if (!schema) return db;
  const tables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p')`.execute(db);
    return rows.map((r) => ({ name: r.name, schema, isView: false, columns: [] }));
  };
  const introspection: DatabaseIntrospector = {
    getSchemas: () => db.introspection.getSchemas(),
    getTables: tables,
    getMetadata: async () => ({ tables: await tables() }),
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, prop, target);
      // Bound to the real instance: Kysely's methods read its private fields, which a proxy does not have.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Runs the migrations not yet run; with `upTo`, only those up to that one (tests of a migration's data). */
export async function migrateToLatest(database: Database, upTo?: string): Promise<string[]> {
  // On PostgreSQL the bookkeeping tables go in the connection's own schema: Kysely would otherwise find another
  // schema's tables by name and skip creating its own.
  const migrationTableSchema = (await currentSchema(database)) ?? undefined;
  const migrator = new Migrator({
    db: migratorView(database.db, migrationTableSchema),
    provider: new ListProvider(database.dialect),
    migrationTableSchema,
    // Features land from parallel branches: a database that ran 0015 before 0012 existed must still take 0012.
    // Each migration touches only its own tables and columns, so their order between branches does not matter.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await (upTo ? migrator.migrateTo(upTo) : migrator.migrateToLatest());
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const failed = results?.find((r) => r.status === 'Error');
  if (failed) throw new Error(`Migration ${failed.migrationName} failed`);
  return (results ?? []).map((r) => r.migrationName);
}

/** Migrations this code knows that the database has not run (empty when it is current). */
export async function pendingMigrations(database: Pick<Database, 'db' | 'dialect'>): Promise<string[]> {
  const migrationTableSchema = (await currentSchema(database)) ?? undefined;
  const migrator = new Migrator({
    db: migratorView(database.db, migrationTableSchema),
    provider: new ListProvider(database.dialect),
    migrationTableSchema,
    allowUnorderedMigrations: true,
  });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
