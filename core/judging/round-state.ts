/**
 * The life of a round and of a juror's sheet in it.
 *
 *   draft ──open──▶ open ──lock──▶ locked
 *                    ▲               │
 *                    └──reopen (chair, reason)──┘   refused once the next round has opened
 *
 * A juror's sheet: scoring ──submit──▶ submitted ──reopen (chair, reason, round open)──▶ scoring.
 * The chair (or the organizer) opens and locks; only the chair reopens and breaks ties, each time with a reason.
 */
import type { BlockKind } from './conflicts.ts';
import { problem, type JudgingErrorCode, type Problem } from './messages.ts';

export const ROUND_STATES = ['draft', 'open', 'locked'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** Reopening, recusing and breaking a tie need a reason of at least this many characters. */
export const MIN_REASON_LENGTH = 10;

export interface Actor {
  /** The round's chair (Trưởng ban Giám khảo). */
  isChair: boolean;
  /** The contest's organizing committee. */
  isOrganizer: boolean;
}

export type StepResult =
  | { ok: true; to: RoundState; warnings: Problem[] }
  | { ok: false; code: JudgingErrorCode; params: Record<string, string | number>; problems: Problem[] };

type Refusal = Extract<StepResult, { ok: false }>;
const refuse = (
  code: JudgingErrorCode,
  params: Record<string, string | number>,
  problems: Problem[] = [],
): Refusal => ({
  ok: false,
  code,
  params,
  problems,
});

const reasonOk = (reason: string) => [...reason.trim()].length >= MIN_REASON_LENGTH;

/** `problems`: what openProblems (round.ts) found; the round opens only without any. */
export function openRound(f: { name: string; state: RoundState; actor: Actor; problems: Problem[] }): StepResult {
  if (!f.actor.isChair && !f.actor.isOrganizer) return refuse('judging.chairOnly', { round: f.name });
  if (f.state !== 'draft') return refuse('judging.openRefused', { round: f.name });
  if (f.problems.length > 0)
    return refuse('judging.cannotOpen', { round: f.name, count: f.problems.length }, f.problems);
  return { ok: true, to: 'open', warnings: [] };
}

/** Locking is allowed with jurors who have not submitted; their drafts do not count, and the warnings say who. */
export function lockRound(f: {
  name: string;
  state: RoundState;
  actor: Actor;
  jurors: readonly { jurorId: number; submitted: boolean }[];
  jurorLabel: (jurorId: number) => string;
}): StepResult {
  if (!f.actor.isChair && !f.actor.isOrganizer) return refuse('judging.chairOnly', { round: f.name });
  if (f.state !== 'open') return refuse('judging.lockRefused', { round: f.name });
  const warnings = f.jurors
    .filter((j) => !j.submitted)
    .map((j) => problem('round.notSubmitted', { juror: f.jurorLabel(j.jurorId) }, { jurorId: j.jurorId }));
  return { ok: true, to: 'locked', warnings };
}

export function reopenRound(f: {
  name: string;
  state: RoundState;
  actor: Actor;
  reason: string;
  next: { name: string; state: RoundState } | null;
}): StepResult {
  if (!f.actor.isChair) return refuse('judging.chairOnly', { round: f.name });
  if (f.state !== 'locked') return refuse('judging.reopenRefused', { round: f.name });
  if (f.next && f.next.state !== 'draft')
    return refuse('judging.laterRoundStarted', { round: f.name, next: f.next.name });
  if (!reasonOk(f.reason)) return refuse('judging.reasonRequired', { min: MIN_REASON_LENGTH });
  return { ok: true, to: 'open', warnings: [] };
}

export type Check = { ok: true } | Refusal;

/** The chair gives a submitted sheet back to its juror, while the round is open. */
export function reopenSheet(f: {
  roundName: string;
  roundState: RoundState;
  actor: Actor;
  submitted: boolean;
  jurorLabel: string;
  reason: string;
}): Check {
  if (!f.actor.isChair) return refuse('judging.chairOnly', { round: f.roundName });
  if (f.roundState === 'locked') return refuse('judging.roundLocked', { round: f.roundName });
  if (f.roundState === 'draft') return refuse('judging.roundNotOpen', { round: f.roundName });
  if (!f.submitted) return refuse('judging.sheetNotSubmitted', { juror: f.jurorLabel, round: f.roundName });
  if (!reasonOk(f.reason)) return refuse('judging.reasonRequired', { min: MIN_REASON_LENGTH });
  return { ok: true };
}

/** The chair recuses a juror from an entry, or a juror declares a conflict: both need a reason. */
export function blockReasonOk(reason: string): Check {
  return reasonOk(reason) ? { ok: true } : refuse('judging.reasonRequired', { min: MIN_REASON_LENGTH });
}

/**
 * The chair orders tied entries. Only on a locked round (scores no longer move), only for exactly the entries the
 * ranking reports as tied, never for an entry the chair is blocked from, and with a reason.
 */
export function mayDecideTie(f: {
  roundName: string;
  roundState: RoundState;
  actor: Actor;
  /** The tie as the ranking reports it now, with each entry's label (blind code in blind mode). */
  tied: readonly { entryId: number; label: string }[];
  order: readonly number[];
  chairBlock: (entryId: number) => BlockKind | null;
  reason: string;
}): Check {
  if (!f.actor.isChair) return refuse('judging.chairOnly', { round: f.roundName });
  if (f.roundState !== 'locked') return refuse('judging.tieNeedsLock', { round: f.roundName });
  const want = f.tied.map((t) => t.entryId).sort((a, b) => a - b);
  const got = [...f.order].sort((a, b) => a - b);
  if (want.length < 2 || want.length !== got.length || want.some((id, i) => id !== got[i]))
    return refuse('judging.tieDecisionMismatch', { entries: f.tied.map((t) => t.label).join(', ') });
  const conflicted = f.tied.find((t) => f.chairBlock(t.entryId) !== null);
  if (conflicted) return refuse('judging.chairConflicted', { entry: conflicted.label });
  if (!reasonOk(f.reason)) return refuse('judging.reasonRequired', { min: MIN_REASON_LENGTH });
  return { ok: true };
}
