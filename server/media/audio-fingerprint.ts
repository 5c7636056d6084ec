/**
 * R9: the audio fingerprint of a video's soundtrack, for originality screening (method: core/audio-fingerprint.ts,
 * matching: core/audio-fingerprint-match.ts). ffmpeg decodes the first audio track to mono 32-bit float samples at
 * 5512 Hz on its standard output; they are fingerprinted as they arrive, so only one frame of samples is held.
 *
 * ffmpeg runs like the video fingerprint's run (server/media/fingerprint.ts): `spawn` (no shell), under `nice -n 10`
 * when it exists, input format forced, `file` protocol only, a time limit and an abort signal.
 */
import path from 'node:path';
import { AUDIO_SAMPLE_RATE, AudioFingerprinter, audioDurationSec } from '@core/audio-fingerprint.ts';
import { DEFAULT_MAX_PIXELS } from './decode-check.ts';
import { runFfmpegWithProgress } from './ffmpeg-progress.ts';
import { FingerprintError, type FingerprintOptions } from './fingerprint.ts';
import { probeVideoFile } from './mp4-probe.ts';

export interface AudioFingerprint {
  /** 32-bit sub-fingerprints, AUDIO_FRAMES_PER_SEC per second; 0 for silence. */
  bits: Uint32Array;
  durationSec: number;
}

export interface AudioFingerprintOptions extends FingerprintOptions {
  /** Whether the file has an audio track, when the caller knows (the upload's probe); else the file is probed. */
  hasAudio?: boolean;
}

/** The ffmpeg arguments; exported for tests and the benchmark. */
export function audioFingerprintArgs(file: string, opts: Pick<FingerprintOptions, 'format'> = {}): string[] {
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
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    '-ac',
    '1',
    '-ar',
    String(AUDIO_SAMPLE_RATE),
    '-f',
    'f32le',
    'pipe:1',
  ];
}

/**
 * Decodes the soundtrack of `file` and fingerprints it. Returns null for a file without an audio track. Throws
 * FingerprintError when ffmpeg fails, gives up or is stopped.
 */
export async function fingerprintAudio(
  file: string,
  opts: AudioFingerprintOptions = {},
): Promise<AudioFingerprint | null> {
  // ffmpeg fails outright on a missing track (no output stream), which would be hard to tell from a broken one.
  const hasAudio = opts.hasAudio ?? (await probeVideoFile(file)).probe.audio !== null;
  if (!hasAudio) return null;
  const timeoutMs = opts.timeoutMs ?? 4 * 3600_000;
  const fingerprinter = new AudioFingerprinter();
  let carry: Buffer = Buffer.alloc(0);
  let samples = new Float32Array(16384);
  const run = await runFfmpegWithProgress(audioFingerprintArgs(file, opts), {
    ffmpegPath: opts.ffmpegPath,
    lowPriority: opts.lowPriority,
    timeoutMs,
    signal: opts.signal,
    onStdout: (d) => {
      const bytes = carry.length ? Buffer.concat([carry, d]) : d;
      const n = bytes.length >>> 2;
      if (samples.length < n) samples = new Float32Array(n);
      for (let i = 0; i < n; i++) samples[i] = bytes.readFloatLE(i * 4);
      fingerprinter.push(samples.subarray(0, n));
      carry = Buffer.from(bytes.subarray(n * 4));
    },
  });
  if (run.aborted) throw new FingerprintError('audio fingerprint: stopped', true);
  if (run.timedOut)
    throw new FingerprintError(`audio fingerprint: ffmpeg gave no result within ${Math.round(timeoutMs / 1000)} s`);
  if (run.code !== 0) {
    const said = run.stderrTail.trim().split(path.resolve(file)).join('…').slice(-500);
    throw new FingerprintError(`audio fingerprint: ffmpeg failed (${run.code}): ${said}`);
  }
  const bits = fingerprinter.finish();
  return { bits, durationSec: audioDurationSec(bits.length) };
}
