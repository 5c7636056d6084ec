/**
 * R9: the perceptual fingerprint of a video, for originality screening (matching: core/fingerprint-match.ts). ffmpeg
 * samples the picture at a fixed rate (2 per second), shrinks each sample to 9 × 8 grey pixels by averaging (`area`),
 * and we hash each one with a difference hash: 64 bits, one per pair of neighbouring pixels, set where the left is
 * brighter. Re-encoding at another bitrate or resizing barely changes those averages, so the hashes stay within a few
 * bits; every source is squeezed to the same 9 × 8, so a 720p copy of a 1080p clip gives the same hashes.
 *
 * ffmpeg runs like every other ffmpeg run of the worker: `spawn` (no shell), under `nice -n 10` when it exists, input
 * format forced, `file` protocol only, a cap on picture size, a time limit and an abort signal.
 */
import path from 'node:path';
import { differenceHash, type FrameHash } from '@core/fingerprint-match.ts';
import { DEFAULT_MAX_PIXELS } from './decode-check.ts';
import { runFfmpegWithProgress } from './ffmpeg-progress.ts';

/** Samples per second. Part of the stored fingerprint: two fingerprints compare only at the same rate. */
const FINGERPRINT_FPS = 2;
const W = 9;
const H = 8;

export interface VideoFingerprint {
  fps: number;
  frames: FrameHash[];
  /** Seconds covered by the samples. */
  durationSec: number;
}

export interface FingerprintOptions {
  ffmpegPath?: string;
  /** `mp4` (default) or `mov`: forced, never probed. */
  format?: 'mp4' | 'mov';
  /** Default 60 s plus the expected duration's worth (decoding at 9 × 8 runs far faster than real time). */
  timeoutMs?: number;
  signal?: AbortSignal;
  lowPriority?: boolean;
}

export class FingerprintError extends Error {
  constructor(
    message: string,
    readonly aborted = false,
  ) {
    super(message);
    this.name = 'FingerprintError';
  }
}

/**
 * Mean grey-level step between neighbouring pixels below which a sample is "flat" (a fade, a black frame, or fine
 * texture that averages out at 9 × 8): its bits would be decided by encoding noise, so it is stored as the empty hash,
 * which the matcher never counts.
 */
const MIN_MEAN_STEP = 2;

function hashSample(px: Uint8Array): FrameHash {
  let sum = 0;
  for (let y = 0; y < H; y++) for (let x = 0; x < W - 1; x++) sum += Math.abs(px[y * W + x]! - px[y * W + x + 1]!);
  if (sum / (H * (W - 1)) < MIN_MEAN_STEP) return [0, 0];
  return differenceHash(px, W, H);
}

/** The ffmpeg arguments; exported for tests and the benchmark. */
function fingerprintArgs(file: string, opts: Pick<FingerprintOptions, 'format'> = {}): string[] {
  return [
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
    String(DEFAULT_MAX_PIXELS),
    '-threads',
    '2',
    '-i',
    `file:${path.resolve(file)}`,
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    `fps=${FINGERPRINT_FPS},scale=${W}:${H}:flags=area,format=gray`,
    '-f',
    'rawvideo',
    'pipe:1',
  ];
}

/** Decodes `file` and hashes its samples. Throws FingerprintError (ffmpeg failed, gave up, or found no picture). */
export async function fingerprintVideo(file: string, opts: FingerprintOptions = {}): Promise<VideoFingerprint> {
  const timeoutMs = opts.timeoutMs ?? 4 * 3600_000;
  const frames: FrameHash[] = [];
  const frameBytes = W * H;
  let pending: Buffer = Buffer.alloc(0);
  const run = await runFfmpegWithProgress(fingerprintArgs(file, opts), {
    ffmpegPath: opts.ffmpegPath,
    lowPriority: opts.lowPriority,
    timeoutMs,
    signal: opts.signal,
    onStdout: (d) => {
      pending = pending.length ? Buffer.concat([pending, d]) : d;
      let at = 0;
      while (pending.length - at >= frameBytes) {
        frames.push(hashSample(pending.subarray(at, at + frameBytes)));
        at += frameBytes;
      }
      pending = pending.subarray(at);
    },
  });
  if (run.aborted) throw new FingerprintError('fingerprint: stopped', true);
  if (run.timedOut)
    throw new FingerprintError(`fingerprint: ffmpeg gave no result within ${Math.round(timeoutMs / 1000)} s`);
  if (run.code !== 0) {
    const said = run.stderrTail.trim().split(path.resolve(file)).join('…').slice(-500);
    throw new FingerprintError(`fingerprint: ffmpeg failed (${run.code}): ${said}`);
  }
  if (frames.length === 0) throw new FingerprintError('fingerprint: no picture could be decoded');
  return { fps: FINGERPRINT_FPS, frames, durationSec: frames.length / FINGERPRINT_FPS };
}
