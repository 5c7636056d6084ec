import { z } from 'zod';

export const PHASE_KINDS = ['production', 'submission', 'review', 'public_voting', 'judging', 'awards'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export const phaseSchema = z.object({
  kind: z.enum(PHASE_KINDS),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
});
export type Phase = z.infer<typeof phaseSchema>;

export const phaseListSchema = z
  .array(phaseSchema)
  .max(PHASE_KINDS.length)
  .superRefine((phases, ctx) => {
    const seen = new Set<string>();
    phases.forEach((p, i) => {
      if (seen.has(p.kind)) ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: 'phase.duplicate' });
      seen.add(p.kind);
      if (Date.parse(p.endsAt) <= Date.parse(p.startsAt)) {
        ctx.addIssue({ code: 'custom', path: [i, 'endsAt'], message: 'phase.endBeforeStart' });
      }
    });
  });

export type PhaseState =
  | { state: 'open'; phase: Phase; open: Phase[] }
  | { state: 'upcoming' | 'between' | 'closed' | 'unscheduled'; phase: null; open: Phase[] };

/**
 * The phase in force at `now`. Phases may overlap (the plan's production ends on the day submissions open);
 * when they do, the one that started last is the one in force, and `open` lists them all.
 */
export function phaseAt(phases: readonly Phase[], now: Date): PhaseState {
  if (phases.length === 0) return { state: 'unscheduled', phase: null, open: [] };
  const t = now.getTime();
  const open = phases
    .filter((p) => Date.parse(p.startsAt) <= t && t < Date.parse(p.endsAt))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  if (open.length > 0) return { state: 'open', phase: open[open.length - 1]!, open };
  const first = Math.min(...phases.map((p) => Date.parse(p.startsAt)));
  const last = Math.max(...phases.map((p) => Date.parse(p.endsAt)));
  if (t < first) return { state: 'upcoming', phase: null, open };
  if (t >= last) return { state: 'closed', phase: null, open };
  return { state: 'between', phase: null, open };
}

export function isPhaseOpen(phases: readonly Phase[], kind: PhaseKind, now: Date): boolean {
  const p = phases.find((x) => x.kind === kind);
  return !!p && Date.parse(p.startsAt) <= now.getTime() && now.getTime() < Date.parse(p.endsAt);
}

export interface Transition {
  at: string;
  kind: PhaseKind;
  edge: 'start' | 'end';
}

/**
 * What the home page counts down to: the end of the phase in force (during submissions, the deadline, even when an
 * overlapping phase ends sooner); between phases, the next start. Null once everything has ended.
 */
export function nextTransition(phases: readonly Phase[], now: Date): Transition | null {
  const state = phaseAt(phases, now);
  if (state.phase) return { at: state.phase.endsAt, kind: state.phase.kind, edge: 'end' };
  let best: Phase | null = null;
  for (const p of phases) {
    if (Date.parse(p.startsAt) > now.getTime() && (!best || Date.parse(p.startsAt) < Date.parse(best.startsAt)))
      best = p;
  }
  return best ? { at: best.startsAt, kind: best.kind, edge: 'start' } : null;
}

/** Phases in the order of the contest's life, whatever order they were stored in. */
export function sortPhases<T extends { kind: PhaseKind }>(phases: readonly T[]): T[] {
  return [...phases].sort((a, b) => PHASE_KINDS.indexOf(a.kind) - PHASE_KINDS.indexOf(b.kind));
}
