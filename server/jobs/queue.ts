/**
 * The job queue: one interface, two engines. `embedded` keeps jobs in the app database (SQLite by default) and runs
 * them in the worker role of the same process; `pg-boss` keeps them in PostgreSQL so that several worker processes on
 * several machines share the work. `server/deps.ts` picks the engine; nothing else knows which one is live.
 *
 * What both promise: a job survives restarts; a job whose process dies mid-run is retried after a timeout and never
 * marked done; a failed run is retried after a delay that doubles each time; a job that keeps failing ends `failed`
 * with its last error, and staff can retry it. A job may run more than once (a retry after a dead process, a run
 * given up after its time limit), so handlers must be idempotent.
 */

/** Every job of the app and its payload, in one place. A payload is JSON: plain data, no class instances. */
export type AppJobs = {
  /** Check a finished upload against the contest's rules (server/services/uploads/check-upload.ts). */
  'check-upload': { uploadId: string };
  /**
   * Copy an accepted original to S3, verify its SHA-256, then remove the local copy
   * (server/services/media/move-upload-to-storage.ts).
   */
  'move-upload': { uploadId: string };
  /** Make the HLS ladder, poster and preview strip of an accepted upload (server/services/media/make-renditions.ts). */
  'make-renditions': { uploadId: string };
  /**
   * Fingerprint an accepted upload and compare it with the contest's other entries and reference clips
   * (server/services/media/fingerprint-upload.ts).
   */
  'fingerprint-upload': { uploadId: string };
  /**
   * Remind the entrants of unfinished drafts 72 and 24 hours before each open contest's submission deadline
   * (server/services/entries/send-deadline-reminders.ts); queued by the worker's housekeeping.
   */
  'deadline-reminders': Record<string, never>;
};

export interface JobDefinition {
  /** Retries after the first run; a job runs at most `retryLimit + 1` times before it is `failed`. */
  retryLimit: number;
  /** The wait before the first retry, in whole seconds (≥ 1); each further retry waits twice as long, with jitter. */
  retryDelaySeconds: number;
  /**
   * Longest one run may take. A run still going after that is given up (its signal aborts) and counts as failed;
   * with pg-boss it is also how a dead process is noticed. Under 24 hours.
   */
  expireInSeconds: number;
  /**
   * Jobs of this name are sent with a `singletonKey`, and a second `send` with the key of a job that is still waiting
   * is dropped (`send` gives null). The embedded engine also drops it while the job runs; pg-boss (policy `stately`)
   * queues one to run after it. Either way two jobs with the same key never run at once.
   */
  singleton?: boolean;
}

export type JobDefinitions<M> = { readonly [N in keyof M]: JobDefinition };

export const APP_JOBS: JobDefinitions<AppJobs> = {
  // Failures here are the machine's (ffmpeg missing, disk unreadable), not the file's: a bad file is a verdict, not
  // an error. Retried after 30 s, 1, 2 and 4 minutes; the hashing and decoding of a 4 GiB file fit well in 30 minutes.
  'check-upload': { retryLimit: 4, retryDelaySeconds: 30, expireInSeconds: 30 * 60, singleton: true },
  // Failures are the network's or the bucket's; the local copy stays until a run verifies the stored one, so retrying
  // is always safe. 1, 2, 4 … 64 minutes; 2 hours is ample to send and read back 4 GiB.
  'move-upload': { retryLimit: 7, retryDelaySeconds: 60, expireInSeconds: 2 * 3600, singleton: true },
  // Failures are ffmpeg's (a file that decodes at its ends but not in the middle, a full disk) or the run was given up;
  // the original is never touched, so retrying is safe. 2 and 4 minutes; a run gets at most 3 hours (the ffmpeg time
  // limit is 60 s plus ten times the duration, so it gives up first).
  'make-renditions': { retryLimit: 2, retryDelaySeconds: 120, expireInSeconds: 3 * 3600 + 600, singleton: true },
  // Decoding at 9 × 8 pixels runs many times faster than real time; failures are ffmpeg's or the database's, and a
  // run replaces the upload's fingerprint and flags, so retrying is safe. 1, 2 and 4 minutes.
  'fingerprint-upload': { retryLimit: 3, retryDelaySeconds: 60, expireInSeconds: 2 * 3600, singleton: true },
  // One run covers every contest; a row per draft and threshold keeps a rerun from sending twice, so retrying is safe.
  // Failures are the database's. 1, 2 and 4 minutes; sending a few thousand messages fits well in 30 minutes.
  'deadline-reminders': { retryLimit: 3, retryDelaySeconds: 60, expireInSeconds: 30 * 60, singleton: true },
};

export type JobState = 'created' | 'active' | 'completed' | 'failed';

export interface SendOptions {
  /** Required for (and only for) a job whose definition is `singleton`. */
  singletonKey?: string;
  /** Not before this time. */
  startAfter?: Date;
  /** Overrides the definition's. */
  retryLimit?: number;
}

export interface WorkOptions {
  /** Jobs of this name this process runs at once. Default 1. */
  concurrency?: number;
  /** How often an idle worker looks for new jobs (a `send` in the same process wakes it at once). Default 1 s. */
  pollMs?: number;
}

/** A job as its handler receives it. */
export interface Job<P> {
  id: string;
  name: string;
  payload: P;
  /** 1 for the first run. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the run is given up (time limit, lost claim, worker stopped): stop work and return. */
  signal: AbortSignal;
}

export type JobHandler<P> = (job: Job<P>) => Promise<void>;

export interface JobCount {
  name: string;
  state: JobState;
  count: number;
}

/** A job as staff see it. */
export interface JobInfo {
  id: string;
  name: string;
  payload: unknown;
  /** `created` covers a job waiting for its first run and one waiting for a retry. */
  state: JobState;
  singletonKey: string | null;
  /** Runs started so far. */
  attempts: number;
  maxAttempts: number;
  /** The error of the last failed run, if any. */
  lastError: string | null;
  createdAt: string;
  runAfter: string;
  startedAt: string | null;
  completedAt: string | null;
}

export interface WorkHandle {
  /** Stops taking jobs of this name and waits for the runs in progress (see `JobQueue.stop`). */
  stop(): Promise<void>;
}

export interface JobQueue<M> {
  readonly engine: 'embedded' | 'pg-boss';
  /** Queues a job; its id, or null when a job with the same `singletonKey` is already waiting. */
  send<N extends keyof M & string>(name: N, payload: M[N], opts?: SendOptions): Promise<string | null>;
  /** Runs the jobs of one name in this process until stopped (the worker role). */
  work<N extends keyof M & string>(name: N, handler: JobHandler<M[N]>, opts?: WorkOptions): Promise<WorkHandle>;
  getJob(id: string): Promise<JobInfo | null>;
  /** The newest job of a name with this key, in any state; null if there is none. */
  findByKey<N extends keyof M & string>(name: N, singletonKey: string): Promise<JobInfo | null>;
  /** How many jobs there are of each name and state (for metrics); a query, so it also shows the queue answers. */
  countByState(): Promise<JobCount[]>;
  /** Failed jobs, newest first. */
  listFailed(opts?: { name?: keyof M & string; limit?: number }): Promise<JobInfo[]>;
  /**
   * Gives a failed job one more run (staff). False when the job is not failed, or when another job with its key is
   * waiting or running.
   */
  retry(id: string): Promise<boolean>;
  /**
   * Stops every worker of this queue: runs in progress get `graceMs` (default 30 s) to finish; those still going
   * after that are failed (and so retried later), never marked done. Then releases the engine's connections.
   */
  stop(opts?: { graceMs?: number }): Promise<void>;
}

/** The wait before retry number `retry` (1 for the first retry): base × 2^(retry − 1), times 1 to 2 for jitter. */
export function retryDelayMs(baseSeconds: number, retry: number): number {
  return baseSeconds * 1000 * 2 ** Math.min(16, Math.max(0, retry - 1)) * (1 + Math.random());
}

export function checkSend(def: JobDefinition | undefined, name: string, opts: SendOptions): JobDefinition {
  if (!def) throw new Error(`unknown job "${name}"`);
  if (def.singleton && !opts.singletonKey) throw new Error(`job "${name}" needs a singletonKey`);
  if (!def.singleton && opts.singletonKey) throw new Error(`job "${name}" is not a singleton job: no singletonKey`);
  return def;
}
