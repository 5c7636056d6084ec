/**
 * What the awards steps share: one step at a time per contest, a refusal as an `AppError`, and the winners of an
 * announced version written for results, certificates and lists to read.
 */
import { awardedPlaces, type Allocation } from '@core/awards/allocation.ts';
import type { StepResult } from '@core/awards/allocation-state.ts';
import { AppError } from '@core/errors.ts';
import type { Deps } from '../../context.ts';
import { lockChain, type Tx } from '../../db/dialect.ts';

const AWARDS_LOCK_BASE = 7_402_000_000;

/**
 * Serializes the awards steps of one contest on PostgreSQL (a transaction-scoped advisory lock): two tabs approving
 * at once approve once. SQLite runs one writer at a time already.
 */
export async function lockAwards(trx: Tx, deps: Pick<Deps, 'dialect'>, contestId: number): Promise<void> {
  await lockChain(trx, deps.dialect, AWARDS_LOCK_BASE + contestId);
}

export function refuse(step: StepResult): never {
  if (step.ok) throw new Error('not a refusal');
  throw new AppError(step.problem, step.params ?? {});
}

/** The awarded places of an announced version. */
export async function writeWinners(trx: Tx, contestId: number, version: number, a: Allocation): Promise<number> {
  const byCommittee = new Map<string, boolean>();
  for (const p of a.prizes)
    p.places.forEach((o, place) => {
      if (o.kind === 'awarded') byCommittee.set(`${p.prizeIndex}:${place}`, o.byCommittee);
    });
  const rows = awardedPlaces(a).map((w) => ({
    contest_id: contestId,
    allocation_version: version,
    prize_index: w.prizeIndex,
    place: w.place,
    entry_id: w.entryId,
    prize_name: w.prize.name,
    prize_name_en: w.prize.nameEn ?? null,
    prize_kind: w.prize.kind,
    amount_vnd: w.prize.amountVnd,
    is_by_committee: byCommittee.get(`${w.prizeIndex}:${w.place}`) ?? false,
  }));
  if (rows.length > 0) await trx.insertInto('award_winners').values(rows).execute();
  return rows.length;
}

/** Entry codes for the audit record (never names, phones or addresses). */
export async function entryCodes(trx: Tx, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('entries')
    .select(['id', 'code'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.code ?? `#${r.id}`]));
}
