import type { JobInfo, JobQueue } from './queue.ts';

/**
 * The housekeeping's way to make up for a `send` lost between a commit and the queue: for each key (an upload id)
 * whose row says a job should follow, queues it again, unless `stands` says the newest job already found for that
 * name and key still stands (waiting, running, or failed for staff to retry). Without `stands` nothing is looked up:
 * the caller's query already left out the keys that have what the job makes. Returns how many were queued.
 */
export async function requeueMissing<M, N extends keyof M & string>(
  jobs: JobQueue<M>,
  name: N,
  keys: readonly string[],
  opts: { stands?: (last: JobInfo) => boolean; send: (key: string) => Promise<string | null> },
): Promise<number> {
  let queued = 0;
  for (const key of keys) {
    if (opts.stands) {
      const last = await jobs.findByKey(name, key);
      if (last && opts.stands(last)) continue;
    }
    if (await opts.send(key)) queued++;
  }
  return queued;
}
