/**
 * Which juror scores which entry in a round. Two modes:
 * - `everyone`: every juror scores every entry they are not blocked from (the default for small rounds);
 * - `balanced`: each entry gets `perEntry` jurors, never a blocked one, the load spread as evenly as the blocks allow
 *   (max − min ≤ 1 whenever that is possible), repeatable for a given seed.
 *
 * The balanced assignment is built greedily (the entries with the fewest eligible jurors first, each taking the least
 * loaded eligible jurors, ties broken by the seeded generator) and then evened out: while some juror carries at least
 * two more entries than another juror reachable through a chain of hand-overs (juror a passes entry e to juror b, who
 * is eligible for e and not on it yet; b passes another entry on, and so on), the chain is applied. Each hand-over
 * keeps every entry's count and lowers the sum of squared loads, so this ends; when no such chain is left, the loads
 * are as even as the blocks allow (no juror's load can drop without another's rising to at least the same level).
 */
import { z } from 'zod';
import { problem, type Problem } from './messages.ts';
import { seededRandom, shuffled } from './seeded-random.ts';

export const assignmentSpecSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('everyone') }),
  z.object({
    mode: z.literal('balanced'),
    perEntry: z.number().int().min(1).max(50),
    /** Drawn by the server when the round is created; kept with the round so the assignment can be redone. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
  }),
]);
export type AssignmentSpec = z.infer<typeof assignmentSpecSchema>;

/** Up to this many entries a round defaults to everyone scoring everything (a contest setting). */
export const DEFAULT_EVERYONE_UP_TO = 60;

export function defaultAssignmentMode(
  entryCount: number,
  everyoneUpTo = DEFAULT_EVERYONE_UP_TO,
): AssignmentSpec['mode'] {
  return entryCount <= everyoneUpTo ? 'everyone' : 'balanced';
}

export interface Pair {
  entryId: number;
  jurorId: number;
}

export interface AssignmentInput {
  jurorIds: readonly number[];
  entryIds: readonly number[];
  blocked: (jurorId: number, entryId: number) => boolean;
  /** How entries and jurors are named in messages (blind code or entry code; name). Default: "#id". */
  entryLabel?: (entryId: number) => string;
  jurorLabel?: (jurorId: number) => string;
}

export interface AssignmentPlan {
  /** Sorted by entry, then juror. */
  pairs: Pair[];
  loads: { jurorId: number; load: number }[];
  /** Highest load minus lowest. */
  spread: number;
  /** Things the chair should know: an uneven split the blocks force, an earlier assignment dropped. */
  notes: Problem[];
}

export type AssignmentResult = { ok: true; plan: AssignmentPlan } | { ok: false; problems: Problem[] };

const hash = (id: number) => `#${id}`;
const uniqueSorted = (ids: readonly number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** Everyone scores every entry they are not blocked from; an entry left with fewer than `minScores` is a problem. */
export function assignEveryone(input: AssignmentInput, minScores: number): AssignmentResult {
  const jurors = uniqueSorted(input.jurorIds);
  const entries = uniqueSorted(input.entryIds);
  const label = input.entryLabel ?? hash;
  if (jurors.length === 0) return { ok: false, problems: [problem('round.noJurors')] };
  const pairs: Pair[] = [];
  const problems: Problem[] = [];
  for (const entryId of entries) {
    const eligible = jurors.filter((j) => !input.blocked(j, entryId));
    if (eligible.length < minScores)
      problems.push(
        problem(
          'assignment.tooFewEligible',
          { entry: label(entryId), eligible: eligible.length, needed: minScores },
          { entryId },
        ),
      );
    for (const jurorId of eligible) pairs.push({ entryId, jurorId });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, plan: summarize(jurors, pairs, []) };
}

/**
 * `keep`: pairs that stay as they are (a juror who already scored the entry), e.g. when a recusal or a juror who left
 * makes the chair assign again; a kept pair that is now blocked is dropped and said so.
 */
export function assignBalanced(
  input: AssignmentInput & { perEntry: number; seed: number; keep?: readonly Pair[] },
): AssignmentResult {
  const jurors = uniqueSorted(input.jurorIds);
  const entries = uniqueSorted(input.entryIds);
  const { perEntry } = input;
  const entryLabel = input.entryLabel ?? hash;
  const jurorLabel = input.jurorLabel ?? hash;
  if (jurors.length === 0) return { ok: false, problems: [problem('round.noJurors')] };
  if (perEntry > jurors.length)
    return {
      ok: false,
      problems: [problem('assignment.perEntryAboveJurors', { perEntry, jurors: jurors.length })],
    };

  const eligible = new Map<number, number[]>();
  const problems: Problem[] = [];
  for (const e of entries) {
    const list = jurors.filter((j) => !input.blocked(j, e));
    eligible.set(e, list);
    if (list.length < perEntry)
      problems.push(
        problem(
          'assignment.tooFewEligible',
          { entry: entryLabel(e), eligible: list.length, needed: perEntry },
          {
            entryId: e,
          },
        ),
      );
  }
  if (problems.length > 0) return { ok: false, problems };

  const onEntry = new Map<number, Set<number>>(entries.map((e) => [e, new Set<number>()]));
  const ofJuror = new Map<number, Set<number>>(jurors.map((j) => [j, new Set<number>()]));
  const load = (j: number) => ofJuror.get(j)!.size;
  const kept = new Set<string>();
  const notes: Problem[] = [];
  const put = (e: number, j: number) => {
    onEntry.get(e)!.add(j);
    ofJuror.get(j)!.add(e);
  };

  for (const p of input.keep ?? []) {
    if (!onEntry.has(p.entryId) || !ofJuror.has(p.jurorId) || onEntry.get(p.entryId)!.has(p.jurorId)) continue;
    if (input.blocked(p.jurorId, p.entryId)) {
      notes.push(
        problem(
          'assignment.keptDropped',
          { juror: jurorLabel(p.jurorId), entry: entryLabel(p.entryId) },
          { entryId: p.entryId, jurorId: p.jurorId },
        ),
      );
      continue;
    }
    put(p.entryId, p.jurorId);
    kept.add(`${p.entryId}:${p.jurorId}`);
  }

  const random = seededRandom(input.seed);
  // Most constrained entries first; among equals, the seeded order. Array.prototype.sort is stable.
  const order = shuffled(entries, random).sort((a, b) => eligible.get(a)!.length - eligible.get(b)!.length);
  for (const e of order) {
    const on = onEntry.get(e)!;
    const need = perEntry - on.size;
    if (need <= 0) continue;
    const candidates = shuffled(
      eligible.get(e)!.filter((j) => !on.has(j)),
      random,
    ).sort((a, b) => load(a) - load(b));
    for (const j of candidates.slice(0, need)) put(e, j);
  }

  // Even out along chains of hand-overs, from the most loaded jurors down.
  for (;;) {
    const byLoad = [...jurors].sort((a, b) => load(b) - load(a) || a - b);
    let moved = false;
    for (const s of byLoad) {
      const path = handOverChain(s, load, ofJuror, onEntry, eligible, kept);
      if (!path) continue;
      for (const { from, to, entryId } of path) {
        onEntry.get(entryId)!.delete(from);
        ofJuror.get(from)!.delete(entryId);
        put(entryId, to);
      }
      moved = true;
      break;
    }
    if (!moved) break;
  }

  const pairs: Pair[] = [];
  for (const e of entries)
    for (const j of [...onEntry.get(e)!].sort((a, b) => a - b)) pairs.push({ entryId: e, jurorId: j });
  const plan = summarize(jurors, pairs, notes);
  if (plan.spread > 1) {
    const loads = plan.loads.map((l) => l.load);
    plan.notes.push(problem('assignment.uneven', { low: Math.min(...loads), high: Math.max(...loads) }));
  }
  return { ok: true, plan };
}

interface HandOver {
  from: number;
  to: number;
  entryId: number;
}

/** A shortest chain of hand-overs from juror `s` to a juror carrying at least two entries fewer, or null. */
function handOverChain(
  s: number,
  load: (j: number) => number,
  ofJuror: ReadonlyMap<number, ReadonlySet<number>>,
  onEntry: ReadonlyMap<number, ReadonlySet<number>>,
  eligible: ReadonlyMap<number, readonly number[]>,
  kept: ReadonlySet<string>,
): HandOver[] | null {
  const target = load(s) - 2;
  if (target < 0) return null;
  const came = new Map<number, HandOver>();
  const seen = new Set([s]);
  const queue = [s];
  for (let qi = 0; qi < queue.length; qi++) {
    const a = queue[qi]!;
    for (const e of ofJuror.get(a)!) {
      if (kept.has(`${e}:${a}`)) continue;
      const on = onEntry.get(e)!;
      for (const b of eligible.get(e)!) {
        if (seen.has(b) || on.has(b)) continue;
        seen.add(b);
        came.set(b, { from: a, to: b, entryId: e });
        if (load(b) <= target) {
          const path: HandOver[] = [];
          for (let x = b; x !== s; x = came.get(x)!.from) path.push(came.get(x)!);
          // Applied from the start of the chain: each juror hands on an entry they held before the chain began.
          return path.reverse();
        }
        queue.push(b);
      }
    }
  }
  return null;
}

function summarize(jurors: readonly number[], pairs: Pair[], notes: Problem[]): AssignmentPlan {
  const counts = new Map<number, number>(jurors.map((j) => [j, 0]));
  for (const p of pairs) counts.set(p.jurorId, (counts.get(p.jurorId) ?? 0) + 1);
  const loads = [...counts].map(([jurorId, load]) => ({ jurorId, load }));
  const values = loads.map((l) => l.load);
  return { pairs, loads, spread: values.length ? Math.max(...values) - Math.min(...values) : 0, notes };
}
