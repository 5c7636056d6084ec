/**
 * The columns of a new round, from the contest: its rubric copied (`rubricFromContest`), the window of the judging
 * phase (or the part of it given), everyone scoring everything, the default ranking method, and a seed for a balanced
 * assignment drawn now.
 */
import crypto from 'node:crypto';
import type { Phase } from '@core/phases.ts';
import type { RubricCriterion } from '@core/contest.ts';
import type { AssignmentSpec } from '@core/judging/assignment.ts';
import { DEFAULT_RANKING_METHOD, type RankingMethod } from '@core/judging/ranking-method.ts';
import type { EntrySet } from '@core/judging/round.ts';
import { rubricFromContest, type RoundRubric } from '@core/judging/rubric.ts';
import type { Tx } from '../../db/dialect.ts';
import type { JudgingRoundsTable } from '../../db/schema.ts';
import type { Insertable } from 'kysely';

export interface RoundValues {
  name: string;
  nameEn?: string | null;
  window?: { startsAt: string; endsAt: string };
  entrySet?: EntrySet;
  rubric?: RoundRubric;
  assignment?: { mode: 'everyone' } | { mode: 'balanced'; perEntry: number };
  method?: RankingMethod;
}

/** The judging phase, or the current moment's next 30 days when the contest has none yet. */
export function judgingWindow(phases: readonly Phase[], now: Date): { startsAt: string; endsAt: string } {
  const p = phases.find((x) => x.kind === 'judging');
  if (p) return { startsAt: p.startsAt, endsAt: p.endsAt };
  return { startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 30 * 86400000).toISOString() };
}

export function assignmentColumn(a: RoundValues['assignment'], seed?: number): AssignmentSpec {
  if (!a || a.mode === 'everyone') return { mode: 'everyone' };
  return { mode: 'balanced', perEntry: a.perEntry, seed: seed ?? crypto.randomInt(0, 2 ** 32 - 1) };
}

export function roundRow(
  contest: { id: number; rubric: readonly RubricCriterion[]; phases: readonly Phase[] },
  position: number,
  v: RoundValues,
  by: number | null,
  now: Date,
): Insertable<JudgingRoundsTable> {
  const at = now.toISOString();
  const window = v.window ?? judgingWindow(contest.phases, now);
  return {
    contest_id: contest.id,
    position,
    name: v.name,
    name_en: v.nameEn ?? null,
    window_starts_at: new Date(window.startsAt).toISOString(),
    window_ends_at: new Date(window.endsAt).toISOString(),
    entry_set_json: JSON.stringify(v.entrySet ?? (position === 1 ? { kind: 'all_approved' } : defaultTopN)),
    rubric_json: JSON.stringify(v.rubric ?? rubricFromContest(contest.rubric)),
    assignment_json: JSON.stringify(assignmentColumn(v.assignment)),
    method_json: JSON.stringify(v.method ?? DEFAULT_RANKING_METHOD),
    opened_at: null,
    locked_at: null,
    created_by: by,
    created_at: at,
    updated_at: at,
  };
}

const defaultTopN: EntrySet = { kind: 'top_n', n: 10, includeBoundaryTies: false };

/** A contest's first rounds: one by default ("Vòng chấm"), or the ones given (the demo: sơ khảo and chung khảo). */
export async function insertDefaultRounds(
  trx: Tx,
  contest: { id: number; rubric: readonly RubricCriterion[]; phases: readonly Phase[] },
  by: number | null,
  now: Date,
  rounds: readonly RoundValues[] = [{ name: 'Vòng chấm', nameEn: 'Judging' }],
): Promise<void> {
  await trx
    .insertInto('judging_rounds')
    .values(rounds.map((r, i) => roundRow(contest, i + 1, r, by, now)))
    .execute();
}
