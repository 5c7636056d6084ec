/**
 * The media pipeline of an accepted upload. Once the checks accept a file (uploads/check-upload.ts) three jobs follow,
 * each idempotent and independent of the others:
 *
 * - `move-upload` (S3 storage only): the original moves from the tus directory to the bucket
 *   (move-upload-to-storage.ts);
 * - `make-renditions`: the HLS ladder, poster and preview strip, with a `renditions` row for progress
 *   (make-renditions.ts);
 * - `fingerprint-upload`: R9 originality screening (fingerprint-upload.ts).
 *
 * `startMediaPipeline` queues them after the verdict's commit; a send lost there (the process died, the queue was
 * unreachable) is made up by the worker's housekeeping, `requeueMediaPipeline`, which finds accepted files that lack
 * what a job makes and queues that job again (jobs/requeue-missing.ts).
 */
import type { Deps } from '../../context.ts';
import { requeueMissing } from '../../jobs/requeue-missing.ts';

/** Queues every job that follows the acceptance of a file. */
export async function startMediaPipeline(deps: Deps, uploadId: string): Promise<void> {
  if (deps.storage.kind === 's3') await queueMove(deps, uploadId);
  await enqueueRenditions(deps, uploadId);
  await enqueueFingerprint(deps, uploadId);
}

function queueMove(deps: Deps, uploadId: string): Promise<string | null> {
  return deps.jobs.send('move-upload', { uploadId }, { singletonKey: uploadId });
}

/**
 * Records that renditions are wanted and queues the job (one per upload: a second request while one waits is
 * dropped). Safe to call again.
 */
export async function enqueueRenditions(deps: Deps, uploadId: string): Promise<string | null> {
  const at = deps.clock().toISOString();
  await deps.db
    .insertInto('renditions')
    .values({
      upload_id: uploadId,
      status: 'queued',
      percent: 0,
      error: null,
      variants_json: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('upload_id').doNothing())
    .execute();
  return deps.jobs.send('make-renditions', { uploadId }, { singletonKey: uploadId });
}

/** Queues the screening of an accepted upload (one job per upload; a second send while one waits is dropped). */
export function enqueueFingerprint(deps: Deps, uploadId: string): Promise<string | null> {
  return deps.jobs.send('fingerprint-upload', { uploadId }, { singletonKey: uploadId });
}

export interface Requeued {
  moves: number;
  renditions: number;
  fingerprints: number;
}

/** The housekeeping of the pipeline: queues each job whose product an accepted file lacks. */
export async function requeueMediaPipeline(deps: Deps, limit = 100): Promise<Requeued> {
  return {
    moves: await requeueUploadMoves(deps),
    renditions: await requeueRenditions(deps, limit),
    fingerprints: await requeueFingerprints(deps, limit),
  };
}

/**
 * Originals still only on local disk (S3 mode). A job that failed for good is left alone: it shows its error to
 * staff, who retry it once the bucket is fixed; one that completed without recording the key is run again.
 */
async function requeueUploadMoves(deps: Deps): Promise<number> {
  if (deps.storage.kind === 'local') return 0;
  const rows = await deps.db
    .selectFrom('uploads')
    .select('id')
    .where('status', '=', 'accepted')
    .where('storage_key', 'is', null)
    .execute();
  return requeueMissing(
    deps.jobs,
    'move-upload',
    rows.map((r) => r.id),
    { stands: (last) => last.state !== 'completed', send: (id) => queueMove(deps, id) },
  );
}

/** Entries' accepted files without a `renditions` row (accepted before renditions existed, or the send was lost). */
async function requeueRenditions(deps: Deps, limit: number): Promise<number> {
  const rows = await deps.db
    .selectFrom('entries')
    .innerJoin('uploads', 'uploads.id', 'entries.accepted_upload_id')
    .leftJoin('renditions', 'renditions.upload_id', 'uploads.id')
    .select('uploads.id')
    .where('uploads.status', '=', 'accepted')
    .where('renditions.upload_id', 'is', null)
    .limit(limit)
    .execute();
  return requeueMissing(
    deps.jobs,
    'make-renditions',
    rows.map((r) => r.id),
    { send: (id) => enqueueRenditions(deps, id) },
  );
}

/**
 * Entries' accepted files without a fingerprint, or without its sound (fingerprinted before audio screening existed),
 * and without any screening job: a failed one stays for staff to retry.
 */
export async function requeueFingerprints(deps: Deps, limit = 100): Promise<number> {
  const rows = await deps.db
    .selectFrom('entries')
    .innerJoin('uploads', 'uploads.id', 'entries.accepted_upload_id')
    .leftJoin('fingerprints', 'fingerprints.upload_id', 'uploads.id')
    .select('uploads.id')
    .where('uploads.status', '=', 'accepted')
    .where((eb) => eb.or([eb('fingerprints.upload_id', 'is', null), eb('fingerprints.audio_bits', 'is', null)]))
    .limit(limit)
    .execute();
  return requeueMissing(
    deps.jobs,
    'fingerprint-upload',
    rows.map((r) => r.id),
    { stands: () => true, send: (id) => enqueueFingerprint(deps, id) },
  );
}
