/**
 * The worker role: registers the handler of every job and runs the periodic housekeeping. Handlers call services
 * only. Started by main.ts when ROLES includes `worker` (and by tests).
 */
import type { Deps } from '../services/context.ts';
import { checkUpload } from '../services/check-upload.ts';
import { expireAbandonedUploads } from '../services/expire-abandoned-uploads.ts';
import { requeueUploadChecks } from '../services/finish-upload.ts';
import type { WorkHandle } from './queue.ts';

export interface WorkerOptions {
  /** Idle poll of each job name; a `send` in the same process wakes the worker at once. Default 1 s. */
  pollMs?: number;
  /** Uploads checked at once by this process. Default 1: ffmpeg already runs at low priority (nice). */
  checkConcurrency?: number;
  /** Period of the housekeeping (expired uploads, checks left without a job). Default 1 hour. */
  housekeepingMs?: number;
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
        deps.logger.info({ uploadId: job.payload.uploadId, outcome, jobId: job.id, attempt: job.attempt }, 'upload checked');
      },
      { concurrency: opts.checkConcurrency ?? 1, pollMs: opts.pollMs },
    ),
  );

  let housekeeping: Promise<void> = Promise.resolve();
  const runHousekeeping = () => {
    housekeeping = (async () => {
      try {
        const queued = await requeueUploadChecks(deps);
        if (queued) deps.logger.info({ queued }, 'queued the checks of uploads left without a job');
        const expired = await expireAbandonedUploads(deps);
        if (expired) deps.logger.info({ expired }, 'deleted abandoned uploads');
      } catch (err) {
        deps.logger.error({ err }, 'upload housekeeping failed');
      }
    })();
    return housekeeping;
  };
  await runHousekeeping();
  const timer = setInterval(runHousekeeping, opts.housekeepingMs ?? 3_600_000);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await housekeeping;
      await Promise.all(handles.map((h) => h.stop()));
    },
  };
}
