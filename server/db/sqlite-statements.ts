import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The database as Kysely's SQLite driver sees it, with two changes:
 *  - prepared statements are kept by their SQL text and reused (Kysely prepares every query anew, and preparing
 *    costs more than running the small lookups a page makes);
 *  - booleans among the parameters are bound as 1/0, SQLite having no boolean type.
 * A statement still being iterated is busy; a query with the same SQL then gets a fresh one.
 */
export function sqliteForKysely(raw: SqliteDatabase.Database, max = 500): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (stmt && stmt.busy) return new BoundStatement(raw.prepare(sql));
      if (!stmt) {
        stmt = raw.prepare(sql);
        // Oldest first out: a Map iterates in insertion order.
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return new BoundStatement(stmt);
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
  constructor(private readonly stmt: SqliteDatabase.Statement) {
    this.reader = stmt.reader;
  }
  all(params: ReadonlyArray<unknown>): unknown[] {
    return this.stmt.all(bind(params));
  }
  run(params: ReadonlyArray<unknown>) {
    return this.stmt.run(bind(params));
  }
  iterate(params: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.stmt.iterate(bind(params));
  }
}
