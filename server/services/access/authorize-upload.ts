import { canContinueUpload } from '@core/eligibility.ts';
import { AppError } from '@core/errors.ts';
import type { Actor, Deps } from '../../context.ts';
import { entryAccess } from './entry-access.ts';
import { loadContest } from '../contests/load-contest.ts';
import { submissionPhaseError } from '../contests/submission-phase-error.ts';
import { fixWindowOpen } from '@core/review.ts';
import { fixDeadlinePassedError } from './edit-window.ts';

/**
 * May the caller resume (HEAD/PATCH) or cancel (DELETE) this upload? Only the person who may write the entry, only
 * for the entry's active upload, and only until the deadline plus the grace period for an upload begun in time (R10).
 */
export async function authorizeUpload(deps: Deps, actor: Actor, uploadId: string): Promise<void> {
  const upload = await deps.db.selectFrom('uploads').selectAll().where('id', '=', uploadId).executeTakeFirst();
  if (!upload) throw new AppError('upload.notFound');
  const { entry } = await entryAccess(deps, actor, upload.entry_id, 'write').catch((err: unknown) => {
    // Someone else's upload id is indistinguishable from an unknown one.
    if (err instanceof AppError && err.code === 'entry.notFound') throw new AppError('upload.notFound');
    throw err;
  });
  if (upload.status !== 'uploading' || entry.active_upload_id !== uploadId || entry.status !== 'draft')
    throw new AppError('upload.notFound');
  const contest = await loadContest(deps.db, { id: entry.contest_id });
  const now = deps.clock();
  if (fixWindowOpen(entry.review_status, entry.fix_deadline, now)) return;
  if (!canContinueUpload(contest.phases, contest.settings.entryRules, upload.created_at, now)) {
    throw entry.review_status === 'returned'
      ? fixDeadlinePassedError(contest, entry.fix_deadline)
      : submissionPhaseError(contest, 'closed', { withGrace: true });
  }
}
