/**
 * A worker process for the queue tests: claims `test-hang` jobs and never finishes them, so that the test can kill it
 * with SIGKILL mid-run. Prints "claimed <id>" for each job it takes.
 *
 *   node --import tsx tests/helpers/job-worker.ts <embedded|pg-boss> <database url> <pg-boss schema or ->
 */
import { openTestQueue, type Engine } from './test-jobs.ts';

const [engine, url, schema] = process.argv.slice(2) as [Engine, string, string];
const { queue } = openTestQueue(engine, url, schema === '-' ? null : schema);
await queue.work(
  'test-hang',
  async (job) => {
    process.stdout.write(`claimed ${job.id}\n`);
    await new Promise(() => {});
  },
  { pollMs: 100 },
);
process.stdout.write('ready\n');
