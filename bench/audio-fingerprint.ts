/**
 * Benchmark of the R9 audio fingerprint (run by hand: `npx tsx bench/audio-fingerprint.ts`).
 *
 * 1. Fingerprinting: a generated 60 s H.264 + AAC clip (stereo 44.1 kHz, 128 kb/s, a melody over a gliding tone),
 *    fingerprinted by our code (ffmpeg decoding to 5512 Hz mono, samples streamed into the fingerprinter) against
 *    the very same ffmpeg command with its output thrown away, in the same run: the ratio is what fingerprinting adds
 *    to decoding. The video fingerprint of the same clip is timed for comparison.
 * 2. Comparing: two synthetic one-hour audio fingerprints (155 000 random sub-fingerprints each; one pair unrelated,
 *    one sharing a minute with a few bits flipped), against comparing two one-hour video fingerprints (7200 frame
 *    hashes each), the cost every pair of entries already had.
 *
 * Each figure is the median of the runs. Options: --runs N (default 3).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUDIO_FRAMES_PER_SEC, encodeAudioFingerprint, decodeAudioFingerprint } from '@core/audio-fingerprint.ts';
import { indexAudioFingerprint, matchAudioFingerprints } from '@core/audio-fingerprint-match.ts';
import { matchFingerprints, type FrameHash } from '@core/fingerprint-match.ts';
import { audioFingerprintArgs, fingerprintAudio } from '../server/media/audio-fingerprint.ts';
import { runFfmpegWithProgress } from '../server/media/ffmpeg-progress.ts';
import { fingerprintVideo } from '../server/media/fingerprint.ts';
import { runFfmpeg } from '../tests/helpers/videos.ts';
import { arg } from './args.ts';

const RUNS = arg('runs', 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
const ms = (x: number) => `${x.toFixed(0)} ms`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-audio-fingerprint-'));
try {
  const clip = path.join(work, 'clip.mp4');
  process.stdout.write('making a 60 s 720p clip with sound… ');
  const pitch = '330*pow(2,floor(12*mod(abs(sin(floor(t*4)*12.9898))*43758.5453,1))/12)';
  await runFfmpeg([
    '-f',
    'lavfi',
    '-i',
    'cellauto=s=128x72:r=25:seed=7:rule=110,scale=1280:720:flags=neighbor',
    '-f',
    'lavfi',
    '-i',
    // Percussive notes at `pitch`, plus a tone sweeping around 600 Hz.
    `aevalsrc='exp(-4*mod(t*4,1))*sin(2*PI*t*${pitch})*0.3+` +
      `0.15*sin(2*PI*600*t-300/0.23*cos(2*PI*0.23*t))':s=44100:d=60`,
    '-t',
    '60',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-ac',
    '2',
    '-b:a',
    '128k',
    '-f',
    'mp4',
    clip,
  ]);
  console.log('done');

  const decodeOnly: number[] = [];
  const audio: number[] = [];
  const video: number[] = [];
  let subFingerprints = 0;
  for (let r = 0; r < RUNS; r++) {
    decodeOnly.push(
      await timed(async () => {
        const run = await runFfmpegWithProgress(audioFingerprintArgs(clip), { timeoutMs: 120_000, onStdout: () => {} });
        if (run.code !== 0) throw new Error(run.stderrTail);
      }),
    );
    audio.push(
      await timed(async () => {
        subFingerprints = (await fingerprintAudio(clip, { hasAudio: true }))!.bits.length;
      }),
    );
    video.push(await timed(() => fingerprintVideo(clip)));
  }
  console.log(
    `60 s clip: ffmpeg decoding its sound alone ${ms(median(decodeOnly))}; audio fingerprint (decoding + ` +
      `fingerprinting) ${ms(median(audio))}, ratio ${(median(audio) / median(decodeOnly)).toFixed(2)}; ` +
      `${subFingerprints} sub-fingerprints`,
  );
  console.log(`          video fingerprint of the same clip ${ms(median(video))}`);

  // Synthetic one-hour fingerprints (xorshift, deterministic).
  let x = 0x9e3779b9;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const hour = Math.round(3600 * AUDIO_FRAMES_PER_SEC);
  const randomAudio = () => Uint32Array.from({ length: hour }, () => next() || 1);
  const p = randomAudio();
  const unrelated = randomAudio();
  const sharing = randomAudio();
  const minute = Math.round(60 * AUDIO_FRAMES_PER_SEC);
  for (let k = 0; k < minute; k++)
    sharing[Math.round(41 * 60 * AUDIO_FRAMES_PER_SEC) + k] =
      (p[Math.round(20 * 60 * AUDIO_FRAMES_PER_SEC) + k]! ^ (1 << (next() % 32)) ^ (1 << (next() % 32))) >>> 0;
  const randomVideo = (): FrameHash[] => Array.from({ length: 7200 }, () => [next(), next()] as FrameHash);
  const [va, vb] = [randomVideo(), randomVideo()];

  const stored = encodeAudioFingerprint(p);
  const tVideo: number[] = [];
  const tUnrelated: number[] = [];
  const tSharing: number[] = [];
  const tDecode: number[] = [];
  let found = '';
  for (let r = 0; r < RUNS; r++) {
    tVideo.push(await timed(() => matchFingerprints(va, vb, 2)));
    tUnrelated.push(await timed(() => matchAudioFingerprints(p, unrelated)));
    tSharing.push(
      await timed(() => {
        const m = matchAudioFingerprints(indexAudioFingerprint(p), sharing);
        found =
          `${m.flagged ? 'flagged' : 'not flagged'}, ${m.ranges.length} range(s), ` +
          `${JSON.stringify(m.ranges[0] ?? null)}`;
      }),
    );
    tDecode.push(await timed(() => decodeAudioFingerprint(stored)));
  }
  console.log(
    `one-hour fingerprints (${hour} sub-fingerprints, ${(stored.length / 1e6).toFixed(2)} MB stored): audio ` +
      `compare, unrelated ${ms(median(tUnrelated))}, sharing a minute ${ms(median(tSharing))} (${found}); ` +
      `reading one from its stored text ${ms(median(tDecode))}`,
  );
  console.log(
    `          video compare of two one-hour fingerprints (baseline) ${ms(median(tVideo))}; audio/video ratio ` +
      `${(median(tUnrelated) / median(tVideo)).toFixed(2)}`,
  );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
