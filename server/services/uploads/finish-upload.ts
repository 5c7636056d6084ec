import type { Deps } from '../../context.ts';
import { requeueMissing } from '../../jobs/requeue-missing.ts';
import { recordEntryEvent } from '../entries/record-entry-event.ts';

/** Queues the checks of a finished upload; at most one check job per upload waits or runs. */
function queueCheck(deps: Deps, uploadId: string): Promise<string | null> {
  return deps.jobs.send('check-upload', { uploadId }, { singletonKey: uploadId });
}

/** The last byte arrived: the file waits in `checking` for its checks, which a `check-upload` job runs. */
export async function finishUpload(deps: Deps, uploadId: string): Promise<void> {
  const at = deps.clock().toISOString();
  const finished = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('uploads')
      .set({ status: 'checking', completed_at: at })
      .where('id', '=', uploadId)
      .where('status', '=', 'uploading')
      .returning('entry_id')
      .executeTakeFirst();
    if (row) await recordEntryEvent(trx, row.entry_id, at, null, 'upload.finished');
    return Boolean(row);
  });
  if (!finished) return;
  try {
    await queueCheck(deps, uploadId);
  } catch (err) {
    // The upload is safe in `checking`; the worker's sweep (requeueUploadChecks) queues it later.
    deps.logger.error({ err, uploadId }, 'could not queue the checks of a finished upload');
  }
}

/**
 * Queues the checks of every upload left in `checking` without a job: one finished while the queue could not be
 * reached, or under the interim runner that preceded the job queue. A job that failed for good stays for staff to
 * retry rather than being queued again here.
 */
export async function requeueUploadChecks(deps: Deps): Promise<number> {
  const waiting = await deps.db
    .selectFrom('uploads')
    .select('id')
    .where('status', '=', 'checking')
    .orderBy('completed_at')
    .execute();
  return requeueMissing(
    deps.jobs,
    'check-upload',
    waiting.map((u) => u.id),
    { stands: () => true, send: (id) => queueCheck(deps, id) },
  );
}
