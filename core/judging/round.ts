/**
 * A judging round (sơ khảo, chung khảo): its name, its window inside the judging phase, which entries it takes, its
 * rubric, how entries are assigned to its jurors and how its ranking is made; what must hold before it opens; and
 * which entries it takes.
 */
import { z } from 'zod';
import { nfc } from '../normalize.ts';
import type { Phase } from '../phases.ts';
import { formatDateTime } from '../time.ts';
import { assignmentSpecSchema, type AssignmentResult } from './assignment.ts';
import { problem, type Problem } from './messages.ts';
import { methodProblems, rankingMethodSchema } from './ranking-method.ts';
import { shortlist, type Ranking } from './ranking.ts';
import { roundRubricSchema, rubricProblems } from './rubric.ts';
import { MIN_REASON_LENGTH, type RoundState } from './round-state.ts';

const iso = z.iso.datetime({ offset: true });

/**
 * - `all_approved`: every entry approved in review (the first round, or the only one);
 * - `top_n`: the first `n` of the previous round's ranking; a tie across the boundary stops it unless the round takes
 *   every tied entry (`includeBoundaryTies`);
 * - `chosen`: the chair's list, with the reason recorded (from the previous round's entries, or from the approved
 *   entries in a first round).
 */
export const entrySetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all_approved') }),
  z.object({
    kind: z.literal('top_n'),
    n: z.number().int().min(1).max(10_000),
    includeBoundaryTies: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('chosen'),
    entryIds: z.array(z.number().int().positive()).min(1).max(10_000),
    reason: z.string().trim().min(MIN_REASON_LENGTH).max(4000).transform(nfc),
  }),
]);
export type EntrySet = z.infer<typeof entrySetSchema>;

export const roundConfigSchema = z.object({
  name: z.string().trim().min(1).max(200).transform(nfc),
  nameEn: z.string().trim().max(200).optional(),
  window: z.object({ startsAt: iso, endsAt: iso }),
  entrySet: entrySetSchema,
  rubric: roundRubricSchema,
  assignment: assignmentSpecSchema,
  method: rankingMethodSchema,
});
export type RoundConfig = z.infer<typeof roundConfigSchema>;

export interface OpenFacts {
  config: RoundConfig;
  phases: readonly Phase[];
  now: Date;
  timeZone: string;
  jurors: readonly { jurorId: number; isChair: boolean }[];
  entryCount: number;
  /** The round before this one, if any. */
  previous: { name: string; state: RoundState } | null;
  /** The assignment worked out for the round's jurors and entries (assignEveryone or assignBalanced). */
  assignment: AssignmentResult;
}

/** Everything that must be fixed before the round may open; empty when it may. */
export function openProblems(f: OpenFacts): Problem[] {
  const out: Problem[] = [];
  const { config, timeZone } = f;
  const fmt = (s: string) => formatDateTime(s, timeZone);
  const start = Date.parse(config.window.startsAt);
  const end = Date.parse(config.window.endsAt);
  const judging = f.phases.find((p) => p.kind === 'judging');
  if (end <= start)
    out.push(problem('round.windowOrder', { start: fmt(config.window.startsAt), end: fmt(config.window.endsAt) }));
  if (!judging) out.push(problem('round.noJudgingPhase'));
  else if (start < Date.parse(judging.startsAt) || end > Date.parse(judging.endsAt))
    out.push(
      problem('round.windowOutsidePhase', {
        start: fmt(config.window.startsAt),
        end: fmt(config.window.endsAt),
        phaseStart: fmt(judging.startsAt),
        phaseEnd: fmt(judging.endsAt),
      }),
    );
  if (end <= f.now.getTime()) out.push(problem('round.windowOver', { end: fmt(config.window.endsAt) }));
  if (f.previous && f.previous.state !== 'locked')
    out.push(problem('round.previousNotLocked', { previous: f.previous.name }));
  if (f.jurors.length === 0) out.push(problem('round.noJurors'));
  const chairs = f.jurors.filter((j) => j.isChair).length;
  if (f.jurors.length > 0 && chairs !== 1) out.push(problem('round.chairCount', { count: chairs }));
  if (f.entryCount === 0) out.push(problem('round.noEntries'));
  out.push(...rubricProblems(config.rubric), ...methodProblems(config.method, config.rubric));
  if (config.assignment.mode === 'balanced' && config.assignment.perEntry < config.method.minScores)
    out.push(
      problem('round.perEntryBelowMin', {
        perEntry: config.assignment.perEntry,
        minScores: config.method.minScores,
      }),
    );
  // "No jurors" is said once, above.
  if (!f.assignment.ok) out.push(...f.assignment.problems.filter((p) => p.code !== 'round.noJurors'));
  return out;
}

export type EntriesResult = { ok: true; entryIds: number[] } | { ok: false; problems: Problem[] };

/** The entries a round takes, from the approved entries or the previous round. */
export function roundEntries(
  spec: EntrySet,
  f: {
    approved: readonly number[];
    previous: { entryIds: readonly number[]; ranking: Ranking } | null;
    entryLabel?: (entryId: number) => string;
  },
): EntriesResult {
  const label = f.entryLabel ?? ((id: number) => `#${id}`);
  const sorted = (ids: Iterable<number>) => [...new Set(ids)].sort((a, b) => a - b);
  switch (spec.kind) {
    case 'all_approved':
      return { ok: true, entryIds: sorted(f.approved) };
    case 'chosen': {
      const pool = new Set(f.previous ? f.previous.entryIds : f.approved);
      const unknown = spec.entryIds.filter((id) => !pool.has(id));
      if (unknown.length > 0)
        return { ok: false, problems: [problem('entries.chosenUnknown', { entries: unknown.map(label).join(', ') })] };
      return { ok: true, entryIds: sorted(spec.entryIds) };
    }
    case 'top_n': {
      if (!f.previous) return { ok: false, problems: [problem('entries.noPreviousRound')] };
      const s = shortlist(f.previous.ranking, spec.n);
      if (s.unranked.length > 0)
        return {
          ok: false,
          problems: [
            problem('entries.previousUnranked', {
              count: s.unranked.length,
              entries: s.unranked.map(label).join(', '),
            }),
          ],
        };
      if (s.boundary && !spec.includeBoundaryTies)
        return {
          ok: false,
          problems: [
            problem('entries.boundaryTie', {
              n: spec.n,
              count: s.boundary.entryIds.length,
              rank: s.boundary.rank,
              seats: s.boundary.seats,
              entries: s.boundary.entryIds.map(label).join(', '),
            }),
          ],
        };
      return { ok: true, entryIds: sorted([...s.selected, ...(s.boundary?.entryIds ?? [])]) };
    }
  }
}
