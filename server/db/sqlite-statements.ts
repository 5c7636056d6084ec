import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

export interface CountingSqliteDatabase extends KyselySqliteDatabase {
  /**
   * A token that is the same on two calls only if no write was committed to the database between them: the writes
   * made through this connection (counted here, whether or not their transaction commits) and `PRAGMA data_version`,
   * which SQLite raises when another connection, of this process or another, commits. A cheap "has anything
   * changed?" that needs no query through Kysely.
   */
  changes(): string;
}

/**
 * The database as Kysely's SQLite driver sees it, with three changes:
 *  - prepared statements are kept by their SQL text and reused (Kysely prepares every query anew, and preparing
 *    costs more than running the small lookups a page makes);
 *  - booleans among the parameters are bound as 1/0, SQLite having no boolean type;
 *  - the statements that may write are counted (`changes`).
 * A statement still being iterated is busy; a query with the same SQL then gets a fresh one.
 */
export function sqliteForKysely(raw: SqliteDatabase.Database, max = 500): CountingSqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const written = { count: 0 };
  let dataVersion: SqliteDatabase.Statement | null = null;
  return {
    changes: () => {
      dataVersion ??= raw.prepare('pragma data_version').pluck();
      return `${written.count}.${dataVersion.get() as number}`;
    },
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (stmt && stmt.busy) return new BoundStatement(raw.prepare(sql), written);
      if (!stmt) {
        stmt = raw.prepare(sql);
        // Oldest first out: a Map iterates in insertion order.
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return new BoundStatement(stmt, written);
    },
  };
}

function bind(params: ReadonlyArray<unknown>): unknown[] {
  const out = new Array<unknown>(params.length);
  for (let i = 0; i < params.length; i++) {
    const v = params[i];
    out[i] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  return out;
}

// A class rather than an object of closures: it is made for every query.
class BoundStatement implements SqliteStatement {
  readonly reader: boolean;
  constructor(
    private readonly stmt: SqliteDatabase.Statement,
    private readonly written: { count: number },
  ) {
    this.reader = stmt.reader;
  }
  // better-sqlite3 runs a statement synchronously: nothing can look at the count between it and the write. (An
  // iterated write writes as it is read, while Kysely keeps the connection to itself.)
  all(params: ReadonlyArray<unknown>): unknown[] {
    if (!this.stmt.readonly) this.written.count++;
    return this.stmt.all(bind(params));
  }
  run(params: ReadonlyArray<unknown>) {
    if (!this.stmt.readonly) this.written.count++;
    return this.stmt.run(bind(params));
  }
  iterate(params: ReadonlyArray<unknown>): IterableIterator<unknown> {
    if (!this.stmt.readonly) this.written.count++;
    return this.stmt.iterate(bind(params));
  }
}
