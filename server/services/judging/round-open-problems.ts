/** What still stops a round from opening, for the round's screen (as a checklist) and for opening it (refused). */
import type { Problem } from '@core/judging/messages.ts';
import { openProblems } from '@core/judging/round.ts';
import type { RoundAccess } from '../access/judging-access.ts';
import type { RoundFacts } from './round-facts.ts';

export function roundOpenProblems(now: Date, a: RoundAccess, f: RoundFacts): Problem[] {
  return [
    ...f.entriesProblems,
    ...openProblems({
      config: {
        name: a.round.name,
        window: { startsAt: a.round.window_starts_at, endsAt: a.round.window_ends_at },
        entrySet: f.entrySet,
        rubric: f.rubric,
        assignment: f.assignmentSpec,
        method: f.method,
      },
      phases: a.contest.phases,
      now,
      timeZone: a.contest.settings.timeZone,
      jurors: f.jurors.map((j) => ({ jurorId: j.userId, isChair: j.isChair })),
      entryCount: f.entryIds.length,
      previous: f.previous,
      assignment: f.assignment ?? { ok: false, problems: [] },
    }),
  ];
}
