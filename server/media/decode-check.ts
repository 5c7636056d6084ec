/**
 * Decodes the first and the last second of a video with ffmpeg: a file whose index is sound can still carry
 * pictures no decoder can read. ffmpeg runs with `spawn` (no shell), at low priority when `nice` exists, with the
 * input format forced (no probing, so no playlist or concat demuxer can be smuggled in), protocols limited to
 * `file`, a cap on picture size, and a time limit. Any error ffmpeg prints, or no frame decoded, is a failure.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Localized } from '@core/video-policy.ts';

export interface DecodeCheckOptions {
  /** The ffmpeg executable; default `ffmpeg` from PATH (Debian's). */
  ffmpegPath?: string;
  /** The demuxer to force: `mp4` (the default) or `mov` (same demuxer in ffmpeg, named for clarity). */
  format?: 'mp4' | 'mov';
  /** Largest picture (width × height) the decoder may allocate. Default 4096×2304. */
  maxPixels?: number;
  /** Per ffmpeg run. Default 30 s. */
  timeoutMs?: number;
  /** Run under `nice -n 10` when available. Default true. */
  lowPriority?: boolean;
}

export interface DecodeCheckResult {
  ok: boolean;
  message?: Localized;
}

/** Thrown when ffmpeg itself cannot be started: an installation problem, not a fault of the file. */
export class FfmpegUnavailableError extends Error {
  constructor(
    readonly executable: string,
    cause: unknown,
  ) {
    super(
      `ffmpeg could not be started (${executable}): ${(cause as Error).message}. ` +
        'Install it (apt-get install ffmpeg) or skip the decode check.',
    );
    this.name = 'FfmpegUnavailableError';
  }
}

export const DEFAULT_MAX_PIXELS = 4096 * 2304;

/** Whether `nice` exists here (looked up once); every ffmpeg run of the worker goes through it when it does. */
let niceAvailable: boolean | null = null;
export function hasNice(): boolean {
  if (niceAvailable === null) {
    niceAvailable = ['/usr/bin/nice', '/bin/nice'].some((p) => {
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  }
  return niceAvailable;
}

/** The two ffmpeg argument lists (first second, last second); exported for the benchmark. */
export function decodeCheckArgs(file: string, opts: DecodeCheckOptions = {}): { first: string[]; last: string[] } {
  // `file:` makes a path that looks like an option or a URL a plain file name.
  const input = `file:${path.resolve(file)}`;
  const common = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-v',
    'error',
    '-protocol_whitelist',
    'file',
    '-f',
    opts.format ?? 'mp4',
    '-max_pixels',
    String(opts.maxPixels ?? DEFAULT_MAX_PIXELS),
    '-threads',
    '2',
  ];
  const tail = ['-progress', 'pipe:1', '-f', 'null', '-'];
  return {
    first: [...common, '-t', '1', '-i', input, ...tail],
    // Without accurate seeking, decoding starts at the key frame before the last second and every frame from there
    // is counted: a still picture held for the last few seconds still yields a frame.
    last: [...common, '-sseof', '-1', '-noaccurate_seek', '-i', input, ...tail],
  };
}

interface RunResult {
  code: number | null;
  stderr: string;
  frames: number;
  timedOut: boolean;
}

function runFfmpeg(args: string[], opts: DecodeCheckOptions): Promise<RunResult> {
  const ffmpeg = opts.ffmpegPath ?? 'ffmpeg';
  const [cmd, argv] =
    opts.lowPriority !== false && hasNice() ? ['nice', ['-n', '10', ffmpeg, ...args]] : [ffmpeg, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout = (stdout + d).slice(-4096);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 8192) stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new FfmpegUnavailableError(ffmpeg, err));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // `nice` reports 127 when it cannot find the program.
      if (code === 127 && cmd === 'nice' && /No such file|not found/i.test(stderr)) {
        reject(new FfmpegUnavailableError(ffmpeg, new Error(stderr.trim())));
        return;
      }
      const frames = [...stdout.matchAll(/^frame=(\d+)$/gm)].map((m) => Number(m[1]));
      resolve({ code, stderr, frames: frames.length ? frames[frames.length - 1]! : 0, timedOut });
    });
  });
}

/** The first line of ffmpeg's complaint, without the server's path to the file. */
function firstComplaint(stderr: string, file: string): string {
  const abs = path.resolve(file);
  const line =
    stderr
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  return line
    .split(`file:${abs}`)
    .join('…')
    .split(abs)
    .join('…')
    .replace(/\[[a-z0-9_,]+ @ 0x[0-9a-f]+\]\s*/gi, '')
    .slice(0, 200);
}

function failure(part: 'first' | 'last', detail: Localized): DecodeCheckResult {
  const where =
    part === 'first' ? { vi: 'giây đầu tiên', en: 'first second' } : { vi: 'giây cuối cùng', en: 'last second' };
  return {
    ok: false,
    message: {
      vi: (
        `Không giải mã được ${where.vi} của video (${detail.vi}). ` +
        'Tệp có thể bị hỏng hoặc dùng chuẩn nén không phổ biến; hãy xuất lại video MP4 (H.264) rồi tải lên lại.'
      ).normalize('NFC'),
      en:
        `The ${where.en} of the video cannot be decoded (${detail.en}). ` +
        'The file may be damaged or use an uncommon codec; export the video again as MP4 (H.264) and upload it again.',
    },
  };
}

/** Decodes the first and the last second. Rejects with FfmpegUnavailableError only when ffmpeg cannot run. */
export async function decodeCheck(file: string, opts: DecodeCheckOptions = {}): Promise<DecodeCheckResult> {
  const args = decodeCheckArgs(file, opts);
  for (const part of ['first', 'last'] as const) {
    const r = await runFfmpeg(args[part], opts);
    if (r.timedOut)
      return failure(part, {
        vi: `quá ${Math.round((opts.timeoutMs ?? 30_000) / 1000)} giây`,
        en: `over ${Math.round((opts.timeoutMs ?? 30_000) / 1000)} s`,
      });
    const complaint = firstComplaint(r.stderr, file);
    if (r.code !== 0 || complaint)
      return failure(part, {
        vi: `ffmpeg báo lỗi: ${complaint || `mã thoát ${r.code}`}`,
        en: `ffmpeg reports: ${complaint || `exit code ${r.code}`}`,
      });
    if (r.frames < 1) return failure(part, { vi: 'không có khung hình nào', en: 'no frame decoded' });
  }
  return { ok: true };
}
