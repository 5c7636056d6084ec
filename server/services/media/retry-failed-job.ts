/** Gives a failed media job of the contest one more run (organizer, secretariat), audited. */
import { AppError } from '@core/errors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { failedJobsOfContest } from './list-failed-jobs.ts';

export async function retryFailedJob(deps: Deps, actor: Actor, slug: string, jobId: string): Promise<void> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = contest.id;
  await authorize(deps, actor, contestId, 'media.manage');
  // Only a job of this contest: a job id from another contest is "not found" here.
  const job = (await failedJobsOfContest(deps, contestId)).find((j) => j.id === jobId);
  if (!job) throw new AppError('jobs.notFound');
  if (!(await deps.jobs.retry(jobId))) throw new AppError('jobs.notRetryable');
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, actor, {
      action: 'job.retry',
      contestId,
      target: `entry:${job.entryId}`,
      details: { job: job.name, jobId },
    }),
  );
}
