/**
 * Row locks for judging's races (ADR 0020): lock and submit take the round's or the juror's row `FOR UPDATE`, a save
 * reads the round `FOR SHARE`, so no save commits after a lock or a submission it did not see. SQLite runs one writer
 * at a time, so the plain select is enough there.
 */
import type { SelectQueryBuilder } from 'kysely';
import type { DialectName } from '../../db/dialect.ts';

export function forUpdate<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  dialect: DialectName,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? q.forUpdate() : q;
}

export function forShare<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  dialect: DialectName,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? q.forShare() : q;
}
