import { canStartUpload } from '@core/eligibility.ts';
import { AppError } from '@core/errors.ts';
import { fixWindowOpen } from '@core/review.ts';
import { formatDateTime } from '@core/time.ts';
import type { EntryRow } from '../../db/schema.ts';
import type { LoadedContest } from '../contests/load-contest.ts';
import { submissionPhaseError } from '../contests/submission-phase-error.ts';

type ReviewState = Pick<EntryRow, 'review_status' | 'fix_deadline'>;

export function fixDeadlinePassedError(contest: LoadedContest, fixDeadline: string | null): AppError {
  return new AppError('entry.fixDeadlinePassed', {
    deadline: fixDeadline ? formatDateTime(fixDeadline, contest.settings.timeZone) : '',
  });
}

/**
 * Why the owner may not change a draft (its fields, file or subtitles) now, or null when they may: while submissions
 * are open, and for an entry returned on review until its fix deadline, even after submissions closed. `entry` is
 * null for a draft not yet created.
 */
export function draftEditRefusal(contest: LoadedContest, entry: ReviewState | null, now: Date): AppError | null {
  if (entry && fixWindowOpen(entry.review_status, entry.fix_deadline, now)) return null;
  const window = canStartUpload(contest.phases, now);
  if (window.ok) return null;
  if (entry?.review_status === 'returned') return fixDeadlinePassedError(contest, entry.fix_deadline);
  return submissionPhaseError(contest, window.reason);
}

/**
 * Why a submitted entry may not be taken back to draft now, or null when it may: only before the submission deadline,
 * and never once rejected.
 */
export function withdrawRefusal(
  contest: LoadedContest,
  entry: Pick<EntryRow, 'status' | 'review_status'>,
  now: Date,
): AppError | null {
  if (entry.review_status === 'rejected') return new AppError('review.rejectedLocked');
  const sub = contest.phases.find((p) => p.kind === 'submission');
  if (entry.status !== 'submitted' || !sub || now.getTime() >= Date.parse(sub.endsAt))
    return new AppError('entry.notWithdrawable');
  return null;
}
