/**
 * The second person's check of a typed paper sheet (phiếu chấm giấy). The secretary types a juror's scores from the
 * signed sheet; the sheet is then `pending` until someone else (another secretary, the organizer or the round's
 * chair) compares it with the signed paper and either confirms it (`confirmed`: it may count) or sends it back with a
 * reason (`rejected`). Typing it again, for any reason, puts it back to `pending`: a check is of one version. When
 * every entry of the juror is typed and confirmed, the secretary marks the signed sheet received, which submits the
 * juror's round (counted-scores.ts counts only then).
 */
import { z } from 'zod';
import { MIN_COMMENT_LENGTH } from './rubric.ts';
import { problem, type Problem } from './messages.ts';
import type { Verdict } from './may-score.ts';
import type { RoundState } from './round-state.ts';

export const PAPER_CHECK_STATES = ['pending', 'confirmed', 'rejected'] as const;
export type PaperCheckState = (typeof PAPER_CHECK_STATES)[number];

export interface TypedPaperSheet {
  version: number;
  /** Who typed the current version. */
  enteredBy: number | null;
  checkedBy: number | null;
  rejectedBy: number | null;
  rejectReason: string | null;
  /** Every criterion scored with its required comments, or a reasoned abstention (`sheetComplete`). */
  complete: boolean;
}

export function paperCheckState(s: Pick<TypedPaperSheet, 'checkedBy' | 'rejectedBy'>): PaperCheckState {
  if (s.checkedBy !== null) return 'confirmed';
  if (s.rejectedBy !== null) return 'rejected';
  return 'pending';
}

export type PaperDecision = { decision: 'confirm' } | { decision: 'reject'; reason: string };

/** The checker's answer: the version compared, confirm or reject; a rejection's reason is checked by the rule. */
export const paperCheckInputSchema = z.object({
  version: z.number().int().min(1),
  decision: z.enum(['confirm', 'reject']),
  reason: z.string().max(2000).default(''),
});
export type PaperCheckRequest = z.infer<typeof paperCheckInputSchema>;

export interface PaperCheckInput {
  round: { name: string; state: RoundState };
  /** How the juror and the entry are named in messages (the entry by its blind code in blind mode). */
  juror: string;
  entry: string;
  /** The stored sheet, null when nothing was typed. */
  sheet: TypedPaperSheet | null;
  checkerId: number;
  /** The version the checker compared with the signed sheet. */
  seenVersion: number;
  check: PaperDecision;
}

const no = (code: Extract<Verdict, { ok: false }>['code'], params: Record<string, string> = {}): Verdict => ({
  ok: false,
  code,
  params,
});

/** May this person record this check now? The first reason that stops it, else ok. */
export function mayCheckPaper(c: PaperCheckInput): Verdict {
  const names = { juror: c.juror, entry: c.entry };
  if (c.round.state === 'draft') return no('judging.roundNotOpen', { round: c.round.name });
  if (c.round.state === 'locked') return no('judging.roundLocked', { round: c.round.name });
  if (!c.sheet) return no('judging.paperNotTyped', names);
  if (c.sheet.enteredBy === null || c.sheet.enteredBy === c.checkerId) return no('judging.paperSelfCheck');
  if (c.seenVersion !== c.sheet.version)
    return no('judging.paperChanged', { ...names, stored: String(c.sheet.version), seen: String(c.seenVersion) });
  if (paperCheckState(c.sheet) !== 'pending') return no('judging.paperAlreadyChecked', names);
  if (c.check.decision === 'reject') {
    if (c.check.reason.trim().length < MIN_COMMENT_LENGTH)
      return no('judging.reasonRequired', { min: String(MIN_COMMENT_LENGTH) });
  } else if (!c.sheet.complete) return no('judging.paperIncomplete', names);
  return { ok: true };
}

/**
 * What still stops the secretary marking a juror's signed sheet received: each of the juror's entries must be typed,
 * complete and confirmed by a second person. One problem per entry, naming it and the fix.
 */
export function paperReceiptProblems(
  entries: readonly { entryId: number; label: string; sheet: TypedPaperSheet | null }[],
): Problem[] {
  const out: Problem[] = [];
  for (const e of entries) {
    const about = { entryId: e.entryId };
    const entry = e.label;
    if (!e.sheet) out.push(problem('paper.notTyped', { entry }, about));
    else if (!e.sheet.complete) out.push(problem('paper.incomplete', { entry }, about));
    else {
      const state = paperCheckState(e.sheet);
      if (state === 'pending') out.push(problem('paper.pendingCheck', { entry }, about));
      if (state === 'rejected')
        out.push(problem('paper.rejected', { entry, reason: e.sheet.rejectReason ?? '' }, about));
    }
  }
  return out;
}
