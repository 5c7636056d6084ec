/**
 * Row locks for judging's races (ADR 0020): lock and submit take the round's or the juror's row `FOR UPDATE`, a save
 * reads the round `FOR SHARE`, so no save commits after a lock or a submission it did not see. SQLite runs one writer
 * at a time, so the plain select is enough there.
 */
import type { SelectQueryBuilder } from 'kysely';
import { AppError } from '@core/errors.ts';
import type { DialectName, Tx } from '../../db/dialect.ts';

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

/**
 * Inside a save's transaction: reads the round `FOR SHARE` and refuses unless it is open, so that no score is
 * written after a lock the save did not see.
 */
export async function assertRoundOpenInTx(
  trx: Tx,
  dialect: DialectName,
  round: { id: number; name: string },
): Promise<void> {
  const row = await forShare(
    trx.selectFrom('judging_rounds').select(['state']).where('id', '=', round.id),
    dialect,
  ).executeTakeFirstOrThrow();
  if (row.state === 'locked') throw new AppError('judging.roundLocked', { round: round.name });
  if (row.state !== 'open') throw new AppError('judging.roundNotOpen', { round: round.name });
}

/**
 * Inside a transaction: a juror's row of a round, read `FOR SHARE` by a save (an online score, a typed paper sheet) or
 * `FOR UPDATE` by what ends the juror's work (their submission, the signed sheet received), so that no sheet is
 * written after a submission the writer did not see. Undefined when the user is not a juror of the round.
 */
export async function jurorRowInTx(
  trx: Tx,
  dialect: DialectName,
  roundId: number,
  userId: number,
  lock: 'share' | 'update',
): Promise<{ submittedAt: string | null } | undefined> {
  const q = trx
    .selectFrom('judging_round_jurors')
    .select(['submitted_at'])
    .where('round_id', '=', roundId)
    .where('user_id', '=', userId);
  const row = await (lock === 'share' ? forShare(q, dialect) : forUpdate(q, dialect)).executeTakeFirst();
  return row ? { submittedAt: row.submitted_at } : undefined;
}
