/** Prize money in whole đồng: the structure's lines and total, what an allocation pays, and how amounts are shown. */
import type { Prize } from '../contest.ts';
import { awardedPlaces, type Allocation } from './allocation.ts';

/** A sum of đồng, refusing anything that is not a whole, non-negative amount a double holds exactly. */
export function sumVnd(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a) || a < 0) throw new RangeError(`Not an amount of đồng: ${a}`);
    total += a;
    if (!Number.isSafeInteger(total)) throw new RangeError('The total is too large to be exact.');
  }
  return total;
}

export function timesVnd(quantity: number, unitPrice: number): number {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError(`Not a quantity: ${quantity}`);
  const amount = quantity * unitPrice;
  if (!Number.isSafeInteger(unitPrice) || unitPrice < 0 || !Number.isSafeInteger(amount))
    throw new RangeError(`Not an amount of đồng: ${quantity} × ${unitPrice}`);
  return amount;
}

export interface PrizeLine {
  prizeIndex: number;
  name: string;
  count: number;
  amountVnd: number;
  totalVnd: number;
}

/** What the structure costs if every prize is given: the budget's prize lines. */
export function prizeStructureLines(prizes: readonly Prize[]): { lines: PrizeLine[]; totalVnd: number } {
  const lines = prizes.map((p, prizeIndex) => ({
    prizeIndex,
    name: p.name,
    count: p.count,
    amountVnd: p.amountVnd,
    totalVnd: timesVnd(p.count, p.amountVnd),
  }));
  return { lines, totalVnd: sumVnd(lines.map((l) => l.totalVnd)) };
}

/** What an allocation pays: only awarded places (an unawarded or revoked place pays nothing). */
export function allocationTotalVnd(a: Allocation): number {
  return sumVnd(awardedPlaces(a).map((p) => p.prize.amountVnd));
}

/** "1.500.000" in Vietnamese, "1,500,000" in English: grouping only, whole đồng. */
export function formatVnd(amount: number, lang: 'vi' | 'en' = 'vi'): string {
  sumVnd([amount]);
  const digits = String(amount);
  const sep = lang === 'vi' ? '.' : ',';
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}
