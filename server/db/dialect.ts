/**
 * Everything that differs between SQLite and PostgreSQL lives here: connection set-up, booleans, timestamps,
 * bigint ids, column types in migrations and locking. Services and migrations ask this module, never the dialect.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  sql,
  type ColumnDataType,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type Transaction,
  type UnknownRow,
} from 'kysely';
import type { DB } from './schema.ts';
import { startCheckpointer, type CheckpointerOptions } from './sqlite-checkpointer.ts';
import { sqliteForKysely } from './sqlite-statements.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  close(): Promise<void>;
}

export type Tx = Transaction<DB> | Kysely<DB>;

/**
 * SQLite has no boolean type: booleans are bound as 0/1 (sqlite-statements.ts), `is_*` columns read back as booleans.
 */
class SqliteBooleans implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) {
      for (const k in row) if (k.startsWith('is_') && typeof row[k] === 'number') row[k] = row[k] === 1;
    }
    return args.result;
  }
}

let pgTypesSet = false;
function setPgTypeParsers(): void {
  if (pgTypesSet) return;
  pgTypesSet = true;
  // Ids and counts fit comfortably in a double; strings would leak into every comparison.
  pg.types.setTypeParser(20, (v) => Number(v)); // int8
  pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
  pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz
}

/** By Kysely instance: the SQLite connection's change token (sqlite-statements.ts `changes`). */
const changeTokens = new WeakMap<object, () => string>();

/**
 * A function whose result is the same on two calls only if nothing was written to the database in between, or
 * undefined when the database has none (PostgreSQL: ask the database). Lets a per-request check of something the
 * database keeps (a contest's version) skip its query while nothing at all has changed.
 */
export function changeToken(db: object): (() => string) | undefined {
  return changeTokens.get(db);
}

/**
 * Kysely's SQLite driver, its transactions begun with `begin immediate`: the write lock is taken at the start (waiting
 * up to the busy timeout for another connection's transaction), so a transaction never reads, then fails to write
 * because another connection committed in between (`SQLITE_BUSY_SNAPSHOT`). The server has a second connection, the
 * vote thread's (ADR 0061).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly options: SqliteDialectConfig) {
    super(options);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.options);
  }
}

/** By Kysely instance: what must close before its connection does (the vote thread's own connection). */
const closers = new WeakMap<object, (() => Promise<void>)[]>();

/** Runs `close` when the database is closed, before its connection is. */
export function beforeClose(db: object, close: () => Promise<void>): void {
  const list = closers.get(db) ?? [];
  list.push(close);
  closers.set(db, list);
}

/** `checkpoints: false`: a second connection to a file whose first one checkpoints it (the vote thread's). */
export function openSqlite(file: string, checkpoints: CheckpointerOptions | false = {}): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const checkpointer = file === ':memory:' || checkpoints === false ? null : startCheckpointer(raw, file, checkpoints);
  const database = sqliteForKysely(raw);
  const db = new Kysely<DB>({
    dialect: new ImmediateSqliteDialect({ database }),
    plugins: [new SqliteBooleans()],
  });
  changeTokens.set(db, database.changes);
  return {
    db,
    dialect: 'sqlite',
    // In this order: the vote thread's connection (a closer), the checkpoint worker's, then this one: the last one
    // closed checkpoints the whole log and removes it.
    close: async () => {
      for (const close of closers.get(db) ?? []) await close();
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

function openPostgres(url: string, max = 10): Database {
  setPgTypeParsers();
  const pool = new pg.Pool({ connectionString: url, max });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** `checkpoints: false` and a small `poolSize`: a thread's own connection beside the main thread's (ADR 0061, 0066). */
export function openDatabase(
  config: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string },
  checkpoints: CheckpointerOptions | false = {},
  poolSize = 10,
): Database {
  return config.kind === 'sqlite' ? openSqlite(config.file, checkpoints) : openPostgres(config.url, poolSize);
}

/** Column types for migrations. */
export function types(dialect: DialectName) {
  return {
    id: (dialect === 'postgres' ? 'bigint' : 'integer') as ColumnDataType,
    ref: (dialect === 'postgres' ? 'bigint' : 'integer') as ColumnDataType,
    bool: (dialect === 'postgres' ? 'boolean' : 'integer') as ColumnDataType,
    timestamp: (dialect === 'postgres' ? 'timestamptz' : 'text') as ColumnDataType,
    text: 'text' as ColumnDataType,
    int: 'integer' as ColumnDataType,
    bigint: 'bigint' as ColumnDataType,
    false: dialect === 'postgres' ? sql`false` : sql`0`,
  };
}

/** An auto-generated primary key column on either dialect. */
export function idColumnSql(dialect: DialectName) {
  return dialect === 'postgres'
    ? sql`bigint generated by default as identity primary key`
    : sql`integer primary key autoincrement`;
}

/**
 * Serializes writers of a chain (the audit log) across connections. SQLite runs one writer at a time on our single
 * connection already; PostgreSQL takes a transaction-scoped advisory lock.
 */
export async function lockChain(trx: Tx, dialect: DialectName, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/**
 * Makes a `select … limit n` that picks rows to claim safe to use as the subquery of an `update`, so that two workers
 * never claim the same row. PostgreSQL: `for update skip locked` (a worker skips rows another is claiming rather than
 * waiting for them). SQLite: nothing to add; a writing statement holds the database's one write lock from its start,
 * so the subquery and the update run as one step even across processes.
 */
export function claimableRows<QB extends { forUpdate(): { skipLocked(): unknown } }>(qb: QB, dialect: DialectName): QB {
  return dialect === 'postgres' ? (qb.forUpdate().skipLocked() as QB) : qb;
}

/** The schema the connection's tables live in on PostgreSQL (its search_path); null on SQLite. */
export async function currentSchema(database: Pick<Database, 'db' | 'dialect'>): Promise<string | null> {
  if (database.dialect !== 'postgres') return null;
  return (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s ?? null;
}

/** True when an error is a unique-constraint violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return (
    !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

/** True when an error is a foreign-key violation on either dialect. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return !!e && (e.code === '23503' || e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY');
}

/**
 * How many rows an update or delete changed. Kysely counts them as a bigint; the one `Number()` the services need,
 * since a count of rows fits a number.
 */
export function changedRows(result: { numUpdatedRows: bigint } | { numDeletedRows: bigint }): number {
  return Number('numUpdatedRows' in result ? result.numUpdatedRows : result.numDeletedRows);
}
