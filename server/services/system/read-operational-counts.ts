import type { Deps } from '../../context.ts';
import { APP_JOBS, type JobCount, type JobState } from '../../jobs/queue.ts';

const JOB_STATES: JobState[] = ['created', 'active', 'completed', 'failed'];

export interface OperationalCounts {
  /** Every job name of the app in every state, 0 where there is none (so that a series never vanishes). */
  jobs: JobCount[];
  /** tus uploads still receiving bytes. */
  uploadsReceiving: number;
  /** Finished uploads waiting for or in their check. */
  uploadsChecking: number;
}

/** What the metrics report about the whole installation (all processes), read from the database and the queue. */
export async function readOperationalCounts(deps: Deps): Promise<OperationalCounts> {
  const [jobRows, uploadRows] = await Promise.all([
    deps.jobs.countByState(),
    deps.db
      .selectFrom('uploads')
      .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
      .where('status', 'in', ['uploading', 'checking'])
      .groupBy('status')
      .execute(),
  ]);
  const jobs: JobCount[] = [];
  for (const name of Object.keys(APP_JOBS))
    for (const state of JOB_STATES) {
      const count = jobRows.filter((r) => r.name === name && r.state === state).reduce((n, r) => n + r.count, 0);
      jobs.push({ name, state, count });
    }
  const uploads = (status: string) => Number(uploadRows.find((r) => r.status === status)?.count ?? 0);
  return { jobs, uploadsReceiving: uploads('uploading'), uploadsChecking: uploads('checking') };
}
