/**
 * The order of the award ceremony (Hội nghị trao giải): jury prizes from the lowest to the highest (consolation …
 * first), then the public-vote prizes; within a prize, the places in ranking order. Unawarded places are skipped.
 */
import type { Prize } from '../contest.ts';
import { awardedPlaces, type Allocation } from './allocation.ts';
import type { EntryId } from './ranking.ts';

export interface CeremonyStep {
  prizeIndex: number;
  prize: Prize;
  /** 1-based place within the prize, and how many are given, for "Giải Ba (1/2)". */
  place: number;
  of: number;
  entryId: EntryId;
}

export function ceremonyOrder(a: Allocation): CeremonyStep[] {
  const places = awardedPlaces(a);
  const juryOrder = a.prizes.filter((p) => p.prize.kind === 'jury').map((p) => p.prizeIndex);
  const rank = (prizeIndex: number) => {
    const j = juryOrder.indexOf(prizeIndex);
    return j >= 0 ? juryOrder.length - 1 - j : juryOrder.length + prizeIndex;
  };
  const sorted = places.slice().sort((x, y) => rank(x.prizeIndex) - rank(y.prizeIndex) || x.place - y.place);
  return sorted.map((p) => ({
    prizeIndex: p.prizeIndex,
    prize: p.prize,
    place: sorted.filter((q) => q.prizeIndex === p.prizeIndex && q.place <= p.place).length,
    of: sorted.filter((q) => q.prizeIndex === p.prizeIndex).length,
    entryId: p.entryId,
  }));
}
