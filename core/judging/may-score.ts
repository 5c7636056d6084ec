/**
 * "May this juror save a score for this entry now?", answered with the first reason that stops it, in this order:
 * the round's state, the contest's judging phase, the round's window, the juror's place in the round and whether
 * they submitted, then the entry: in the round, not blocked (conflict, recusal), assigned. The same facts answer
 * whether a juror may open an entry, and submit their sheet.
 */
import { isPhaseOpen, type Phase } from '../phases.ts';
import { formatDateTime } from '../time.ts';
import type { BlockKind } from './conflicts.ts';
import type { JudgingErrorCode } from './messages.ts';
import type { RoundState } from './round-state.ts';

export interface RoundFacts {
  name: string;
  state: RoundState;
  window: { startsAt: string; endsAt: string };
}

export interface JurorFacts {
  inRound: boolean;
  submitted: boolean;
  /** How the juror scores in this round: online, or on a signed paper sheet typed by the secretary. Default online. */
  mode?: 'online' | 'paper';
  /** The juror's name, for the secretary's messages. */
  label?: string;
}

export interface EntryFacts {
  /** How the entry is named to this juror: its blind code in blind mode. */
  label: string;
  inRound: boolean;
  assigned: boolean;
  block: BlockKind | null;
}

export interface ScoreContext {
  now: Date;
  phases: readonly Phase[];
  timeZone: string;
  round: RoundFacts;
  juror: JurorFacts;
}

export type Verdict = { ok: true } | { ok: false; code: JudgingErrorCode; params: Record<string, string> };

const OK: Verdict = { ok: true };
const no = (code: JudgingErrorCode, params: Record<string, string>): Verdict => ({ ok: false, code, params });

/** Round, phase, window and juror: what scoring and submitting have in common. */
function mayWork(c: ScoreContext): Verdict {
  const round = c.round.name;
  if (c.round.state === 'draft') return no('judging.roundNotOpen', { round });
  if (c.round.state === 'locked') return no('judging.roundLocked', { round });
  const judging = c.phases.find((p) => p.kind === 'judging');
  if (!judging) return no('judging.noJudgingPhase', {});
  if (!isPhaseOpen(c.phases, 'judging', c.now))
    return no('judging.outsideJudgingPhase', {
      start: formatDateTime(judging.startsAt, c.timeZone),
      end: formatDateTime(judging.endsAt, c.timeZone),
    });
  const start = formatDateTime(c.round.window.startsAt, c.timeZone);
  const end = formatDateTime(c.round.window.endsAt, c.timeZone);
  const t = c.now.getTime();
  if (t < Date.parse(c.round.window.startsAt)) return no('judging.beforeRoundWindow', { round, start, end });
  if (t >= Date.parse(c.round.window.endsAt)) return no('judging.afterRoundWindow', { round, end });
  if (!c.juror.inRound) return no('judging.notRoundJuror', { round });
  if (c.juror.mode === 'paper') return no('judging.paperJuror', { round });
  if (c.juror.submitted) return no('judging.sheetSubmitted', { round });
  return OK;
}

function entryVerdict(round: string, e: EntryFacts): Verdict {
  const entry = e.label;
  if (!e.inRound) return no('judging.entryNotInRound', { round, entry });
  if (e.block === 'recused') return no('judging.recused', { entry });
  // The same words for an automatic and a declared conflict: in blind mode "same unit" would reveal the entrant's unit.
  if (e.block) return no('judging.conflicted', { entry });
  if (!e.assigned) return no('judging.notAssigned', { round, entry });
  return OK;
}

export function mayScore(c: ScoreContext, entry: EntryFacts): Verdict {
  const v = mayWork(c);
  return v.ok ? entryVerdict(c.round.name, entry) : v;
}

/**
 * Submitting the round's sheet: the same window; what is unfinished is checked separately (checkSheet on every
 * assigned entry).
 */
export function maySubmit(c: ScoreContext): Verdict {
  return mayWork(c);
}

/**
 * The secretary typing a juror's signed paper sheet (phiếu chấm giấy): while the round is open, whatever the time (the
 * juror signed within the window; the typing may come later, until the chair locks the round), with the juror's and
 * the entry's rules unchanged. What is typed counts only once a second person has checked it (counted-scores.ts).
 */
export function mayEnterPaper(c: Pick<ScoreContext, 'round' | 'juror'>, entry: EntryFacts): Verdict {
  const round = c.round.name;
  if (c.round.state === 'draft') return no('judging.roundNotOpen', { round });
  if (c.round.state === 'locked') return no('judging.roundLocked', { round });
  const juror = c.juror.label ?? '';
  // Worded for the secretary, who types for someone else.
  if (!c.juror.inRound) return no('judging.jurorNotInRound', { round, juror });
  if (c.juror.mode !== 'paper') return no('judging.onlineJuror', { round, juror });
  if (c.juror.submitted) return no('judging.paperReceived', { round, juror });
  return entryVerdict(round, entry);
}

/**
 * Opening an entry to watch it and read one's own scores: while the round is open or locked (read-only then), at any
 * time of the phase, whether or not the juror submitted; never for a blocked or unassigned entry.
 */
export function mayViewEntry(c: Pick<ScoreContext, 'round' | 'juror'>, entry: EntryFacts): Verdict {
  if (c.round.state === 'draft') return no('judging.roundNotOpen', { round: c.round.name });
  if (!c.juror.inRound) return no('judging.notRoundJuror', { round: c.round.name });
  return entryVerdict(c.round.name, entry);
}
