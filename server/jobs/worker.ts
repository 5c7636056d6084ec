/**
 * The worker role: registers the handler of every job and runs the periodic housekeeping. Handlers call services
 * only. Started by main.ts when ROLES includes `worker` (and by tests).
 */
import type { Deps } from '../context.ts';
import { checkUpload } from '../services/uploads/check-upload.ts';
import { expireAbandonedUploads } from '../services/uploads/expire-abandoned-uploads.ts';
import { pruneSpentChallenges } from '../security/altcha.ts';
import { requeueUploadChecks } from '../services/uploads/finish-upload.ts';
import { moveUploadToStorage } from '../services/media/move-upload-to-storage.ts';
import { makeRenditions } from '../services/media/make-renditions.ts';
import { fingerprintUpload } from '../services/media/fingerprint-upload.ts';
import { requeueMediaPipeline } from '../services/media/pipeline.ts';
import { sendDeadlineReminders } from '../services/entries/send-deadline-reminders.ts';
import { backfillSmallPosters } from '../services/media/backfill-small-posters.ts';
import { purgeExpiredPersonalData } from '../services/privacy/purge-expired-personal-data.ts';
import { sendJurorReminders } from '../services/judging/send-juror-reminders.ts';
import { integrityChecks } from '../services/voting/integrity-checks.ts';
import { storeAllVoteDigests } from '../services/voting/store-vote-digests.ts';
import type { WorkHandle } from './queue.ts';

export interface WorkerOptions {
  /** Idle poll of each job name; a `send` in the same process wakes the worker at once. Default 1 s. */
  pollMs?: number;
  /** Uploads checked at once by this process. Default 1: ffmpeg already runs at low priority (nice). */
  checkConcurrency?: number;
  /** Renditions made at once by this process. Default 1: one ffmpeg run already uses every core (at low priority). */
  renditionConcurrency?: number;
  /** Period of the housekeeping (expired uploads, checks left without a job, deadline reminders). Default 1 hour. */
  housekeepingMs?: number;
  /** Period of the integrity checks over new votes (core/voting/integrity.ts) and the daily digests. Default 5 s. */
  integrityMs?: number;
}

export interface Worker {
  stop(): Promise<void>;
}

export async function startWorker(deps: Deps, opts: WorkerOptions = {}): Promise<Worker> {
  const handles: WorkHandle[] = [];
  handles.push(
    await deps.jobs.work(
      'check-upload',
      async (job) => {
        const outcome = await checkUpload(deps, job.payload.uploadId);
        deps.logger.info(
          { uploadId: job.payload.uploadId, outcome, jobId: job.id, attempt: job.attempt },
          'upload checked',
        );
      },
      { concurrency: opts.checkConcurrency ?? 1, pollMs: opts.pollMs },
    ),
  );
  handles.push(
    await deps.jobs.work(
      'move-upload',
      async (job) => {
        const outcome = await moveUploadToStorage(deps, job.payload.uploadId, { signal: job.signal });
        deps.logger.info(
          { uploadId: job.payload.uploadId, outcome, jobId: job.id, attempt: job.attempt },
          'upload moved to storage',
        );
      },
      { concurrency: 2, pollMs: opts.pollMs },
    ),
  );

  // A transcode can take many minutes: on stop it is killed at once rather than waited for, and runs again from the
  // start on the next worker (the original is untouched, only a partial directory is thrown away).
  const stopping = new AbortController();
  handles.push(
    await deps.jobs.work(
      'make-renditions',
      async (job) => {
        const outcome = await makeRenditions(deps, job.payload.uploadId, {
          signal: AbortSignal.any([job.signal, stopping.signal]),
        });
        deps.logger.info(
          { uploadId: job.payload.uploadId, outcome, jobId: job.id, attempt: job.attempt },
          'renditions job finished',
        );
      },
      { concurrency: opts.renditionConcurrency ?? 1, pollMs: opts.pollMs },
    ),
  );

  // Originality screening (R9): decoding at 9 × 8 pixels is light; one at a time keeps ffmpeg out of the way.
  handles.push(
    await deps.jobs.work(
      'fingerprint-upload',
      async (job) => {
        const outcome = await fingerprintUpload(deps, job.payload.uploadId, {
          signal: AbortSignal.any([job.signal, stopping.signal]),
        });
        deps.logger.info(
          { uploadId: job.payload.uploadId, outcome, jobId: job.id, attempt: job.attempt },
          'fingerprint job finished',
        );
      },
      { concurrency: 1, pollMs: opts.pollMs },
    ),
  );

  handles.push(
    await deps.jobs.work(
      'deadline-reminders',
      async (job) => {
        const { sent } = await sendDeadlineReminders(deps);
        deps.logger.info({ sent, jobId: job.id, attempt: job.attempt }, 'deadline reminders sent');
        const jurors = await sendJurorReminders(deps);
        deps.logger.info({ sent: jurors.sent, jobId: job.id }, 'juror reminders sent');
      },
      { concurrency: 1, pollMs: opts.pollMs },
    ),
  );

  let housekeeping: Promise<void> = Promise.resolve();
  const runHousekeeping = () => {
    housekeeping = (async () => {
      try {
        const queued = await requeueUploadChecks(deps);
        if (queued) deps.logger.info({ queued }, 'queued the checks of uploads left without a job');
        const { moves, renditions, fingerprints } = await requeueMediaPipeline(deps);
        if (moves) deps.logger.info({ queued: moves }, 'queued the moves to storage of originals left without a job');
        if (renditions)
          deps.logger.info({ queued: renditions }, 'queued the renditions of accepted files that had none');
        if (fingerprints)
          deps.logger.info(
            { queued: fingerprints },
            'queued the originality screening of accepted files that had none',
          );
        const posters = await backfillSmallPosters(deps);
        if (posters) deps.logger.info({ made: posters }, 'made the small posters of renditions made before them');
        const expired = await expireAbandonedUploads(deps);
        if (expired) deps.logger.info({ expired }, 'deleted abandoned uploads');
        await pruneSpentChallenges(deps);
      } catch (err) {
        deps.logger.error({ err }, 'upload housekeeping failed');
      }
      try {
        for (const r of await purgeExpiredPersonalData(deps))
          deps.logger.info(r, 'personal data past its retention period removed');
      } catch (err) {
        deps.logger.error({ err }, 'retention job failed');
      }
      try {
        // Hourly, so a reminder goes out within the hour after its threshold is crossed.
        await deps.jobs.send('deadline-reminders', {}, { singletonKey: 'deadline-reminders' });
      } catch (err) {
        deps.logger.error({ err }, 'deadline reminders not queued');
      }
    })();
    return housekeeping;
  };
  await runHousekeeping();
  const timer = setInterval(runHousekeeping, opts.housekeepingMs ?? 3_600_000);
  timer.unref();

  // Votes are acknowledged at once and judged seconds later: one pass over each contest's new votes at a time.
  const checks = integrityChecks(deps);
  let integrity: Promise<void> | null = null;
  const integrityTimer = setInterval(() => {
    if (integrity) return;
    integrity = (async () => {
      try {
        const held = await checks.run();
        if (held) deps.logger.info({ held }, 'integrity checks quarantined votes');
        const days = await storeAllVoteDigests(deps);
        if (days) deps.logger.info({ days }, 'vote log digests stored');
      } catch (err) {
        deps.logger.error({ err }, 'integrity checks failed');
      } finally {
        integrity = null;
      }
    })();
  }, opts.integrityMs ?? 5_000);
  integrityTimer.unref();

  return {
    async stop() {
      clearInterval(timer);
      clearInterval(integrityTimer);
      await integrity;
      await checks.close();
      stopping.abort(new Error('worker stopping'));
      await housekeeping;
      await Promise.all(handles.map((h) => h.stop()));
    },
  };
}
