/**
 * SQLite's write-ahead log is copied back into the database file by a checkpoint. By default the connection that
 * commits runs it, inside that commit, every 1,000 pages of log: on the server's one connection that is the event
 * loop, held for the copy and its two fsyncs while every request waits (ADR 0059). Once the log has grown that large,
 * a worker thread with its own connection takes the checkpoints over: a passive checkpoint never blocks the writer,
 * nor the writer it. The writer's own checkpoint stays, at a log twice as large: under steady writes the worker's
 * copy is rarely complete at the instant a commit would start the log again, so that is what starts it again then.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** SQLite's default: the log size, in pages, at which the committing connection checkpoints. */
const INLINE_PAGES = 1000;
/** The writer's own checkpoint once the worker runs them: what then starts the log again under steady writes. */
const FALLBACK_PAGES = 2_000;
/** How often the worker checkpoints, and how often the log's size is looked at until it starts. */
const CHECKPOINT_MS = 100;
const WATCH_MS = 2000;

// Plain JavaScript, evaluated in the worker: no TypeScript loader reaches a worker thread under every runner we use.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
const timer = setInterval(() => checkpoint.get(), workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { checkpoint.get(); } catch {}
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Whether the worker has taken the checkpoints over. */
  readonly running: boolean;
  /** Stops watching, and the worker after a last checkpoint. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** The log's size in bytes from which the worker takes over; by default the writer's own threshold. */
  startAtBytes?: number;
  /** How often the log's size is looked at until then. */
  watchMs?: number;
  /** Told why the worker stopped when it fails (the writer then checkpoints again itself). */
  onError?: (err: unknown) => void;
}

export function startCheckpointer(
  raw: SqliteDatabase.Database,
  file: string,
  options: CheckpointerOptions = {},
): Checkpointer {
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const startAt = options.startAtBytes ?? INLINE_PAGES * pageSize;
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  let stopped = false;

  const takeOver = () => {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, everyMs: CHECKPOINT_MS } });
    worker.unref();
    // A worker that failed hands the checkpoints back to the writer (below, on its exit).
    worker.on('error', (err) => options.onError?.(err));
    exited = new Promise((resolve) =>
      worker!.once('exit', () => {
        if (!stopped) {
          worker = null;
          if (raw.open) raw.pragma(`wal_autocheckpoint = ${INLINE_PAGES}`);
        }
        resolve();
      }),
    );
    raw.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  };

  // The log file keeps the largest size it reached (until the connection closes): once it has grown to the writer's
  // threshold, this database is written to enough to be worth a thread.
  const watch = setInterval(() => {
    fs.stat(`${file}-wal`, (err, st) => {
      if (stopped || worker || err || st.size < startAt) return;
      clearInterval(watch);
      takeOver();
    });
  }, options.watchMs ?? WATCH_MS);
  watch.unref();

  return {
    get running() {
      return worker !== null && !stopped;
    },
    async stop() {
      stopped = true;
      clearInterval(watch);
      if (!worker) return;
      // Unreferenced while it runs, so that it never holds a process open; referenced while it is waited for.
      worker.ref();
      worker.postMessage('stop');
      await exited;
      worker = null;
      if (raw.open) raw.pragma(`wal_autocheckpoint = ${INLINE_PAGES}`);
    },
  };
}
