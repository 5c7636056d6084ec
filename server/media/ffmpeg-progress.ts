/**
 * Long ffmpeg runs (renditions) with their progress: ffmpeg writes `key=value` lines to `-progress pipe:1`, a block
 * per update ending in `progress=continue` or `progress=end`; `out_time_us` against the source's duration gives the
 * percent. Runs go through `spawn` (no shell), under `nice -n 10` when it exists (the helper of decode-check.ts), or
 * in the idle scheduling class when asked (`idle`, for renditions), with a time limit and an abort signal; the caller
 * builds the arguments (input format forced, `file` protocol only).
 */
import { spawn, spawnSync } from 'node:child_process';
import { FfmpegUnavailableError, hasNice } from './decode-check.ts';

export interface FfmpegProgress {
  /** Position reached in the output, in microseconds; null before ffmpeg reports one. */
  outTimeUs: number | null;
  /** `progress=end` was seen: ffmpeg finished writing. */
  ended: boolean;
}

/**
 * Reads ffmpeg's `-progress` output as it arrives (chunks may split lines) and calls `onBlock` at the end of every
 * block. `out_time_us` is used when present, else `out_time_ms` (which ffmpeg also gives in microseconds), else
 * `out_time` (HH:MM:SS.micro); `N/A` and negative values (before the first frame) are ignored.
 */
export class ProgressParser {
  #partial = '';
  #current: FfmpegProgress = { outTimeUs: null, ended: false };
  constructor(private readonly onBlock: (p: FfmpegProgress) => void) {}

  get current(): FfmpegProgress {
    return this.#current;
  }

  push(chunk: string): void {
    const lines = (this.#partial + chunk).split('\n');
    this.#partial = lines.pop() ?? '';
    // A runaway line (not ffmpeg's format) must not grow without bound.
    if (this.#partial.length > 4096) this.#partial = '';
    for (const raw of lines) this.#line(raw.trim());
  }

  #line(line: string): void {
    const eq = line.indexOf('=');
    if (eq <= 0) return;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).trim();
    if (key === 'out_time_us' || key === 'out_time_ms') {
      const us = Number(value);
      if (/^\d+$/.test(value) && Number.isFinite(us)) this.#current = { ...this.#current, outTimeUs: us };
    } else if (key === 'out_time') {
      const m = /^(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(value);
      if (m && this.#current.outTimeUs === null) {
        const us = ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1e6 + Number((m[4] ?? '').padEnd(6, '0'));
        this.#current = { ...this.#current, outTimeUs: us };
      }
    } else if (key === 'progress') {
      if (value === 'end') this.#current = { ...this.#current, ended: true };
      this.onBlock(this.#current);
    }
  }
}

/**
 * Whole percent done, from 0 to 99 while running: 100 is for the caller to set once every output is in place.
 * Unknown duration or position gives 0.
 */
export function progressPercent(p: FfmpegProgress, durationSec: number | null): number {
  if (p.outTimeUs === null || !durationSec || durationSec <= 0) return 0;
  return Math.max(0, Math.min(99, Math.floor((p.outTimeUs / (durationSec * 1e6)) * 100)));
}

export interface FfmpegRunOptions {
  /** The ffmpeg executable; default `ffmpeg` from PATH (Debian's). */
  ffmpegPath?: string;
  /** Run under `nice -n 10` when available. Default true. */
  lowPriority?: boolean;
  /**
   * With `lowPriority`: run in the idle scheduling class (`chrt --idle 0`, SCHED_IDLE) where this system allows it,
   * else under `nice -n 10`. For long transcodes that must not slow the web role down (see `backgroundCommand`).
   */
  idle?: boolean;
  /** Killed (SIGKILL) after this long. */
  timeoutMs: number;
  /** Killed when aborted (the job was given up or the worker is stopping). */
  signal?: AbortSignal;
  /** Called at the end of each progress block. The arguments must then contain `-progress pipe:1`. */
  onProgress?: (p: FfmpegProgress) => void;
  /** Receives ffmpeg's standard output as bytes instead of progress (e.g. raw frames on `pipe:1`). */
  onStdout?: (chunk: Buffer) => void;
}

export interface FfmpegRunResult {
  code: number | null;
  /** The end of what ffmpeg printed on stderr (its errors come last). */
  stderrTail: string;
  timedOut: boolean;
  aborted: boolean;
  progress: FfmpegProgress;
}

/** Whether `chrt --idle 0` works here (util-linux present and the system lets us take SCHED_IDLE); tried once. */
let idleAvailable: boolean | null = null;
function hasIdleScheduling(): boolean {
  if (idleAvailable === null) {
    try {
      idleAvailable = spawnSync('chrt', ['--idle', '0', 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0;
    } catch {
      idleAvailable = false;
    }
  }
  return idleAvailable;
}

/**
 * The command that runs `program args` in the background: `nice -n 10` (`low`), or SCHED_IDLE (`idle`) when
 * available and `nice -n 10` otherwise, or as is (`normal`). Exported so that the benchmarks run by hand exactly what
 * the worker runs.
 *
 * Why `idle` for transcodes: priorities apply per thread, and one ladder run has some 30 (x264 threads for each rung,
 * lookahead, decoder, filters). At nice 10 each weighs 110 against 1024 for the web role's single event-loop thread,
 * so together they still outweigh it and took about a quarter of its CPU under load (bench/responsiveness.ts). In the
 * idle class ffmpeg gets only the CPU time nothing else wants, and runs at full speed on an otherwise idle machine.
 */
export function backgroundCommand(
  program: string,
  args: string[],
  priority: 'low' | 'idle' | 'normal',
): [string, string[]] {
  if (priority === 'idle' && hasIdleScheduling()) return ['chrt', ['--idle', '0', program, ...args]];
  if (priority !== 'normal' && hasNice()) return ['nice', ['-n', '10', program, ...args]];
  return [program, args];
}

/**
 * Runs ffmpeg to the end, under `nice` (or SCHED_IDLE), with a time limit and an abort signal. Rejects with
 * FfmpegUnavailableError only when ffmpeg cannot be started; every other outcome is in the result.
 */
export function runFfmpegWithProgress(args: string[], opts: FfmpegRunOptions): Promise<FfmpegRunResult> {
  const ffmpeg = opts.ffmpegPath ?? 'ffmpeg';
  const [cmd, argv] = backgroundCommand(
    ffmpeg,
    args,
    opts.lowPriority === false ? 'normal' : opts.idle ? 'idle' : 'low',
  );
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      resolve({
        code: null,
        stderrTail: '',
        timedOut: false,
        aborted: true,
        progress: { outTimeUs: null, ended: false },
      });
      return;
    }
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const parser = new ProgressParser((p) => opts.onProgress?.(p));
    let stderr = '';
    let timedOut = false;
    let aborted = false;
    if (opts.onStdout) child.stdout.on('data', opts.onStdout);
    else child.stdout.setEncoding('utf8').on('data', (d: string) => parser.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-8192);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    const onAbort = () => {
      aborted = true;
      child.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (err) => {
      done();
      reject(new FfmpegUnavailableError(ffmpeg, err));
    });
    child.on('close', (code) => {
      done();
      // `nice` and `chrt` report 127 when they cannot find the program.
      if (code === 127 && cmd !== ffmpeg && /No such file|not found/i.test(stderr)) {
        reject(new FfmpegUnavailableError(ffmpeg, new Error(stderr.trim())));
        return;
      }
      resolve({ code, stderrTail: stderr, timedOut, aborted, progress: parser.current });
    });
  });
}
