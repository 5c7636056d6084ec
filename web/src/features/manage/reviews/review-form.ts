/** Pure helpers of the review tab: what the queue shows per entry and the body the decision form sends. */
import {
  JUDGED_ITEMS,
  MAX_FIX_DAYS,
  MIN_FIX_MINUTES,
  MIN_REASON_LENGTH,
  type JudgedItem,
  type ReviewDecision,
} from '@core/review.ts';
import { utcToZonedLocal, zonedToUtc } from '@core/time.ts';
import type { ReviewBody } from '../../../api/reviews.ts';

interface DecisionLike {
  reviewerUserId: number | null;
  decision: ReviewDecision;
  isFinal: boolean;
}

/** How many reviewers have decided in the current round, of how many the contest requires (a final word aside). */
export function decisionTally(
  decisions: readonly DecisionLike[],
  required: number,
): { done: number; required: number; final: boolean } {
  const reviewers = new Set(decisions.filter((d) => !d.isFinal).map((d) => d.reviewerUserId));
  return { done: reviewers.size, required, final: decisions.some((d) => d.isFinal) };
}

/** Whether the ordinary decisions of a round differ: what makes it `disputed`. */
export function reviewersDisagree(decisions: readonly DecisionLike[]): boolean {
  return new Set(decisions.filter((d) => !d.isFinal).map((d) => d.decision)).size > 1;
}

/** The format of a deadline picker's value: a wall-clock time, read in the contest's zone whatever the browser's. */
export const WALL_CLOCK = 'YYYY-MM-DDTHH:mm';

/** A first suggestion for a fix deadline: 17:00 in the contest's zone, `days` days from now. */
export function defaultFixDeadline(now: Date, timeZone: string, days = 3): string {
  return `${utcToZonedLocal(new Date(now.getTime() + days * 86_400_000), timeZone).slice(0, 10)}T17:00`;
}

/** The earliest and latest fix deadlines the server takes, as wall-clock times in the contest's zone. */
export function fixDeadlineBounds(now: Date, timeZone: string): { min: string; max: string } {
  return {
    min: utcToZonedLocal(new Date(now.getTime() + MIN_FIX_MINUTES * 60_000), timeZone),
    max: utcToZonedLocal(new Date(now.getTime() + MAX_FIX_DAYS * 86_400_000), timeZone),
  };
}

/** Reject and return need a reason the entrant can act on; the server counts characters the same way. */
export function reasonMissing(decision: ReviewDecision, reason: string): boolean {
  return decision !== 'approve' && [...reason.normalize('NFC').trim()].length < MIN_REASON_LENGTH;
}

interface DecisionValues {
  decision: ReviewDecision;
  reason: string;
  note: string;
  ticks: Partial<Record<JudgedItem, boolean>>;
  /** Wall-clock "yyyy-MM-ddTHH:mm" in the contest's zone; used only to return. */
  fixDeadline: string | null;
}

/** What the decision form sends: the ticks of the judged items, and the deadline as an instant when returning. */
export function reviewBody(v: DecisionValues, timeZone: string): ReviewBody {
  const checklist: ReviewBody['checklist'] = {};
  for (const item of JUDGED_ITEMS) checklist[item] = { ok: v.ticks[item] === true, note: '' };
  return {
    decision: v.decision,
    reason: v.reason.normalize('NFC').trim(),
    note: v.note.normalize('NFC').trim(),
    checklist,
    fixDeadline: v.decision === 'return' && v.fixDeadline ? zonedToUtc(v.fixDeadline, timeZone).toISOString() : null,
  };
}
