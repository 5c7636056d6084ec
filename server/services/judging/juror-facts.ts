/** The facts core/judging/may-score.ts asks about a juror and an entry of their round. */
import type { EntryFacts, ScoreContext } from '@core/judging/may-score.ts';
import { checkSheet, sheetComplete, type SheetContent } from '@core/judging/score-sheet.ts';
import type { RoundAccess } from '../access/judging-access.ts';
import { entryRef } from './entry-refs.ts';
import { pairKey, type RoundFacts } from './round-facts.ts';

export function scoreContext(a: RoundAccess, now: Date): ScoreContext {
  return {
    now,
    phases: a.contest.phases,
    timeZone: a.contest.settings.timeZone,
    round: {
      name: a.round.name,
      state: a.round.state,
      window: { startsAt: a.round.window_starts_at, endsAt: a.round.window_ends_at },
    },
    juror: {
      inRound: a.juror !== null,
      submitted: a.juror?.submittedAt != null,
      mode: a.juror?.mode ?? 'online',
    },
  };
}

export function entryFacts(f: RoundFacts, a: RoundAccess, entryId: number): EntryFacts {
  return {
    label: entryRef(f, a.settings, entryId),
    inRound: f.entryIds.includes(entryId),
    assigned: f.assigned.has(pairKey(a.actorId, entryId)),
    block: f.blocks.get(a.actorId, entryId),
  };
}

/** The juror's entries: assigned and not blocked, in reference order. */
export function jurorEntryIds(f: RoundFacts, jurorId: number): number[] {
  return f.entryIds.filter((e) => f.assigned.has(pairKey(jurorId, e)) && f.blocks.get(jurorId, e) === null);
}

export type SheetState = 'not_started' | 'draft' | 'complete' | 'abstained';

export function sheetState(f: RoundFacts, sheet: SheetContent | null): SheetState {
  if (!sheet) return 'not_started';
  if (!sheetComplete(f.rubric, sheet)) return 'draft';
  return sheet.abstain ? 'abstained' : 'complete';
}

export function sheetPending(f: RoundFacts, sheet: SheetContent) {
  return checkSheet(f.rubric, sheet).pending;
}
