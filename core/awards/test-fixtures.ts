/** Shared by the awards and documents tests: the plan's prize structure and compact rankings. */
import type { Prize } from '../contest.ts';
import type { Allocation, PlaceOutcome } from './allocation.ts';
import type { EntryId, RankedEntry } from './ranking.ts';

/** The plan's structure (IV.1) with the demo's illustrative amounts. */
export function planPrizes(openToJuryWinners?: boolean): Prize[] {
  const vote: Prize = { name: 'Giải bình chọn nhiều nhất', kind: 'public_vote', count: 1, amountVnd: 1_000_000 };
  if (openToJuryWinners !== undefined) vote.openToJuryWinners = openToJuryWinners;
  return [
    { name: 'Giải Nhất', kind: 'jury', count: 1, amountVnd: 5_000_000 },
    { name: 'Giải Nhì', kind: 'jury', count: 1, amountVnd: 3_000_000 },
    { name: 'Giải Ba', kind: 'jury', count: 2, amountVnd: 2_000_000 },
    { name: 'Giải Khuyến khích', kind: 'jury', count: 3, amountVnd: 1_000_000 },
    vote,
  ];
}

/** A ranking from [entry, score] pairs, best first; equal scores are ties sharing a rank (1, 2, 2, 4). */
export function ranked(rows: readonly (readonly [EntryId, number])[]): RankedEntry[] {
  return rows.map(([entryId, score], i) => {
    const firstEqual = rows.findIndex(([, s]) => s === score);
    return { entryId, score, rank: firstEqual + 1, tiedWithNext: rows[i + 1]?.[1] === score };
  });
}

function cell(o: PlaceOutcome): string {
  switch (o.kind) {
    case 'awarded':
      return `${o.entryId}${o.byCommittee ? '*' : ''}`;
    case 'tied':
      return `tie(${o.candidates.join(',')})`;
    case 'waiting':
      return `waits(${o.onTieId})`;
    case 'unawarded':
      return o.entryId ? `—${o.reason}(${o.entryId})` : `—${o.reason}`;
  }
}

/** The allocation as a worked table: one line per prize, "Giải Ba: 104 105" (* = ordered by the committee). */
export function table(a: Allocation): string[] {
  return a.prizes.map((p) => `${p.prize.name}: ${p.places.map(cell).join(' ')}`);
}
