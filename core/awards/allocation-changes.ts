/**
 * What differs between two allocations, place by place: between the stored one and the one computed now (has
 * anything changed since it was proposed or approved?), and in an amendment after announcement (what the recorded
 * decision changes, for the audit log and the public notice).
 */
import type { Allocation, Exclusion, PlaceOutcome } from './allocation.ts';
import type { EntryId } from './ranking.ts';

export interface PlaceChange {
  prizeIndex: number;
  place: number;
  before: PlaceOutcome | null;
  after: PlaceOutcome | null;
}

function key(o: PlaceOutcome | null): string {
  if (!o) return '';
  switch (o.kind) {
    case 'awarded':
      return `a:${o.entryId}`;
    case 'tied':
      return `t:${o.tieId}`;
    case 'waiting':
      return `w:${o.onTieId}`;
    case 'unawarded':
      return `u:${o.reason}:${o.entryId ?? ''}`;
  }
}

export function allocationChanges(before: Allocation, after: Allocation): PlaceChange[] {
  const out: PlaceChange[] = [];
  const n = Math.max(before.prizes.length, after.prizes.length);
  for (let prizeIndex = 0; prizeIndex < n; prizeIndex++) {
    const b = before.prizes[prizeIndex]?.places ?? [];
    const a = after.prizes[prizeIndex]?.places ?? [];
    for (let place = 0; place < Math.max(a.length, b.length); place++) {
      const x = b[place] ?? null;
      const y = a[place] ?? null;
      if (key(x) !== key(y)) out.push({ prizeIndex, place, before: x, after: y });
    }
  }
  return out;
}

/** Winners of an allocation who have since been withdrawn or disqualified: the committee must decide about each. */
export function excludedWinners(a: Allocation, excluded: readonly Exclusion[]): (Exclusion & { prizeIndex: number })[] {
  const why = new Map<EntryId, Exclusion>(excluded.map((e) => [e.entryId, e]));
  return a.prizes.flatMap((p) =>
    p.places.flatMap((o) => {
      const e = o.kind === 'awarded' ? why.get(o.entryId) : undefined;
      return e ? [{ ...e, prizeIndex: p.prizeIndex }] : [];
    }),
  );
}
