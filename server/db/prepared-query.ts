import type { CompiledQuery } from 'kysely';
import type { DialectName, Tx } from './dialect.ts';

/**
 * A query built and compiled once per dialect, then run with new parameters: on a hot path (casting a vote), building
 * and compiling a Kysely query costs as much as running it. `build` must bind exactly its arguments, each once, in
 * order, and nothing else (checked on the first call), so that its compiled parameters can be swapped positionally.
 * The SQL text stays the same, so SQLite's statement cache (sqlite-statements.ts) prepares it once too.
 */
export function preparedQuery<R, P extends readonly unknown[]>(
  build: (db: Tx, ...params: P) => { compile(): CompiledQuery<R> },
): (db: Tx, dialect: DialectName, ...params: P) => Promise<R[]> {
  const compiled = new Map<DialectName, CompiledQuery<R>>();
  return async (db, dialect, ...params) => {
    let q = compiled.get(dialect);
    if (!q) {
      q = build(db, ...params).compile();
      if (q.parameters.length !== params.length || q.parameters.some((v, i) => v !== params[i]))
        throw new Error('preparedQuery: the query must bind its arguments, each once, in order');
      compiled.set(dialect, q);
    }
    return (await db.executeQuery<R>({ ...q, parameters: params })).rows;
  };
}
