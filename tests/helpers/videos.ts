/**
 * Test videos for the R6/R7 checks, made by ffmpeg at test time (never committed). Long durations are cheap: one
 * frame per second of a flat colour, short GOP, `ultrafast`, silent 8 kHz AAC, so a 10-minute Full HD file takes
 * about a second to encode. Resolutions are the real ones, since the rules check them. Variants that only differ
 * in their container layout (faststart, MOV, fragmented MP4) are made by stream copy, and the damaged files by cutting
 * or appending bytes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEST_VIDEO_NAMES = [
  'valid720',
  'valid720Faststart',
  'valid1080',
  'valid1080Faststart',
  'short459',
  'long1001',
  'fourByThree',
  'portrait',
  'rotated90',
  'mov',
  'webmRenamed',
  'truncated60',
  'truncated60MoovEnd',
  'appended',
  'html',
  'empty',
  'fragmented',
  'fragmentedMany',
  'fragmentedMediaRecorder',
  'fragmentedMoovSamples',
  'fragmentedShort',
  'fragmentedFourByThree',
  'fragmentedTruncated',
  'fragmentedAppended',
] as const;
export type TestVideoName = (typeof TEST_VIDEO_NAMES)[number];
export type TestVideos = Record<TestVideoName, string>;

/** What each file is, for test names and failure messages. */
export const TEST_VIDEO_DESCRIPTIONS: Record<TestVideoName, string> = {
  valid720: '5:30 1280×720 H.264+AAC, moov at the end',
  valid720Faststart: '5:30 1280×720, moov at the front (+faststart)',
  valid1080: '5:30 1920×1080, moov at the end',
  valid1080Faststart: '5:30 1920×1080, moov at the front (+faststart)',
  short459: '4:59 1280×720',
  long1001: '10:01 1280×720',
  fourByThree: '5:30 1440×1080 (4:3)',
  portrait: '5:30 720×1280 portrait',
  rotated90: '5:30 1280×720 with a 90° rotation in the track matrix',
  mov: '5:30 1280×720 in a QuickTime MOV',
  webmRenamed: 'a WebM named .mp4',
  truncated60: 'the +faststart 720p file cut at 60 %',
  truncated60MoovEnd: 'the moov-at-end 720p file cut at 60 %',
  appended: 'the 720p file with 4 KiB of bytes appended',
  html: 'an HTML page named .mp4',
  empty: 'a zero-byte .mp4',
  fragmented: 'the 720p file as fragmented MP4: empty moov, a fragment per key frame, offsets from each moof',
  fragmentedMany: 'the 1080p file in 1-second fragments, a moof per track (about 660 fragments)',
  fragmentedMediaRecorder:
    'MediaRecorder-like: uneven frame timing (a duration per sample), 3-second fragments, no mfra index at the end',
  fragmentedMoovSamples: 'fragments after a first part indexed in the moov, offsets stated in each tfhd',
  fragmentedShort: 'the 4:59 file as fragmented MP4',
  fragmentedFourByThree: 'the 4:3 file as fragmented MP4',
  fragmentedTruncated: "the fragmented 720p file cut in the middle of a fragment's mdat, at about 60 %",
  fragmentedAppended: 'the fragmented 720p file with 4 KiB of bytes appended',
};

/** ffmpeg's fragmented MP4 as recorders write it: an empty moov, then a moof and its mdat per key frame. */
const FRAGMENTED = ['-movflags', 'frag_keyframe+empty_moov+default_base_moof'];

/** Top-level boxes of an ISO-BMFF file: type, start and end. */
export function topLevelBoxes(file: string): { type: string; start: number; end: number }[] {
  const buf = fs.readFileSync(file);
  const out: { type: string; start: number; end: number }[] = [];
  for (let at = 0; at + 8 <= buf.length;) {
    let size = buf.readUInt32BE(at);
    if (size === 1) size = Number(buf.readBigUInt64BE(at + 8));
    else if (size === 0) size = buf.length - at;
    if (size < 8) break;
    out.push({ type: buf.toString('latin1', at + 4, at + 8), start: at, end: at + size });
    at += size;
  }
  return out;
}

/** Cuts a copy in the middle of the payload of the mdat found at `fraction` of the file (a fragment's data). */
function cutInsideMdat(src: string, out: string, fraction: number): void {
  const size = fs.statSync(src).size;
  const mdats = topLevelBoxes(src).filter((b) => b.type === 'mdat');
  const m = mdats.find((b) => b.end >= size * fraction) ?? mdats[mdats.length - 1]!;
  fs.writeFileSync(out, fs.readFileSync(src).subarray(0, m.start + 8 + Math.floor((m.end - m.start - 8) / 2)));
}

export function runFfmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg ${args.join(' ')} failed (${code}): ${err}`)),
    );
  });
}

/** A flat-colour H.264 + AAC file of the given size and whole-second duration, moov at the end. */
function encodeArgs(out: string, width: number, height: number, seconds: number): string[] {
  return [
    '-f',
    'lavfi',
    '-i',
    `color=c=0x2f6690:s=${width}x${height}:r=1`,
    '-f',
    'lavfi',
    '-i',
    'anullsrc=r=8000:cl=mono',
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'stillimage',
    '-g',
    '10',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '16k',
    '-f',
    'mp4',
    out,
  ];
}

/** Deterministic bytes (xorshift), so a failing run can be reproduced. */
export function pseudoRandomBytes(n: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** The 2×2 part of the first (video) track's tkhd matrix, read straight from the bytes. */
export function firstTkhdMatrix(file: string): [number, number, number, number] | null {
  const buf = fs.readFileSync(file);
  const at = buf.indexOf('tkhd', 0, 'latin1');
  if (at < 0) return null;
  const m = at + 4 + 4 + (buf[at + 4] === 1 ? 32 : 20) + 16;
  return [
    buf.readInt32BE(m) / 65536,
    buf.readInt32BE(m + 4) / 65536,
    buf.readInt32BE(m + 12) / 65536,
    buf.readInt32BE(m + 16) / 65536,
  ];
}

async function inParallel(tasks: (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) await tasks[next++]!();
    }),
  );
}

/** Adds a rotation to the track matrix by stream copy: `-display_rotation` on ffmpeg 6+, the `rotate` tag before. */
async function rotate90(src: string, out: string): Promise<void> {
  try {
    await runFfmpeg(['-display_rotation', '90', '-i', src, '-c', 'copy', '-f', 'mp4', out]);
  } catch {
    await runFfmpeg(['-i', src, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', '-f', 'mp4', out]);
  }
  const m = firstTkhdMatrix(out);
  if (!m || m[0] !== 0 || m[3] !== 0 || Math.abs(m[1]) !== 1 || Math.abs(m[2]) !== 1) {
    throw new Error(`ffmpeg did not write a 90° tkhd matrix (got ${JSON.stringify(m)})`);
  }
}

function pathsIn(dir: string): TestVideos {
  return Object.fromEntries(
    TEST_VIDEO_NAMES.map((n) => [n, path.join(dir, n === 'mov' ? 'video.mov' : `${n}.mp4`)]),
  ) as TestVideos;
}

async function make(dir: string): Promise<TestVideos> {
  fs.mkdirSync(dir, { recursive: true });
  const p = pathsIn(dir);
  const width = Math.max(2, Math.min(4, os.availableParallelism?.() ?? os.cpus().length));
  await inParallel(
    [
      () => runFfmpeg(encodeArgs(p.valid1080, 1920, 1080, 330)),
      () => runFfmpeg(encodeArgs(p.long1001, 1280, 720, 601)),
      () => runFfmpeg(encodeArgs(p.valid720, 1280, 720, 330)),
      () => runFfmpeg(encodeArgs(p.short459, 1280, 720, 299)),
      () => runFfmpeg(encodeArgs(p.fourByThree, 1440, 1080, 330)),
      () => runFfmpeg(encodeArgs(p.portrait, 720, 1280, 330)),
      () =>
        runFfmpeg([
          '-f',
          'lavfi',
          '-i',
          'testsrc2=s=320x180:r=10',
          '-f',
          'lavfi',
          '-i',
          'anullsrc=r=48000:cl=mono',
          '-t',
          '5',
          '-c:v',
          'libvpx',
          '-deadline',
          'realtime',
          '-cpu-used',
          '8',
          '-b:v',
          '200k',
          '-c:a',
          'libopus',
          '-b:a',
          '24k',
          '-f',
          'webm',
          p.webmRenamed,
        ]),
    ],
    width,
  );
  await inParallel(
    [
      () => runFfmpeg(['-i', p.valid720, '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', p.valid720Faststart]),
      () => runFfmpeg(['-i', p.valid1080, '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', p.valid1080Faststart]),
      () => runFfmpeg(['-i', p.valid720, '-c', 'copy', '-f', 'mov', p.mov]),
      () => rotate90(p.valid720, p.rotated90),
      () => runFfmpeg(['-i', p.valid720, '-c', 'copy', ...FRAGMENTED, '-f', 'mp4', p.fragmented]),
      () =>
        runFfmpeg([
          '-i',
          p.valid1080,
          '-c',
          'copy',
          '-movflags',
          'empty_moov+separate_moof+default_base_moof',
          '-frag_duration',
          '1000000',
          '-f',
          'mp4',
          p.fragmentedMany,
        ]),
      // Uneven timestamps (as a live capture has) give each sample its own duration in the trun; fragments are cut
      // every 3 s whatever the frame, and there is no mfra at the end (skip_trailer), as a recording that streams.
      () =>
        runFfmpeg([
          '-i',
          p.valid720,
          '-c',
          'copy',
          '-bsf:v',
          'setts=ts=TS+mod(N\\,4)*1000',
          '-movflags',
          'empty_moov+default_base_moof+skip_trailer',
          '-frag_duration',
          '3000000',
          '-f',
          'mp4',
          p.fragmentedMediaRecorder,
        ]),
      () =>
        runFfmpeg(['-i', p.valid720, '-c', 'copy', '-movflags', 'frag_keyframe', '-f', 'mp4', p.fragmentedMoovSamples]),
      () => runFfmpeg(['-i', p.short459, '-c', 'copy', ...FRAGMENTED, '-f', 'mp4', p.fragmentedShort]),
      () => runFfmpeg(['-i', p.fourByThree, '-c', 'copy', ...FRAGMENTED, '-f', 'mp4', p.fragmentedFourByThree]),
    ],
    width,
  );
  const cut = (src: string, out: string) => {
    const b = fs.readFileSync(src);
    fs.writeFileSync(out, b.subarray(0, Math.floor(b.length * 0.6)));
  };
  cut(p.valid720Faststart, p.truncated60);
  cut(p.valid720, p.truncated60MoovEnd);
  fs.writeFileSync(p.appended, Buffer.concat([fs.readFileSync(p.valid720), pseudoRandomBytes(4096)]));
  cutInsideMdat(p.fragmented, p.fragmentedTruncated, 0.6);
  fs.writeFileSync(p.fragmentedAppended, Buffer.concat([fs.readFileSync(p.fragmented), pseudoRandomBytes(4096)]));
  fs.writeFileSync(
    p.html,
    '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>Video dự ' +
      'thi</title></head><body><video src="x.mp4"></video></body></html>\n',
  );
  fs.writeFileSync(p.empty, '');
  return p;
}

/** Bump when the files made above change, so that a shared set made by an older version is not reused. */
const FIXTURE_VERSION = 2;

function complete(p: TestVideos): boolean {
  return TEST_VIDEO_NAMES.every((n) => {
    try {
      return fs.statSync(p[n]).size > 0 || n === 'empty';
    } catch {
      return false;
    }
  });
}

/**
 * The shared set in the system's temporary directory, made once per machine and reused by every test process (no
 * temporary directory is left behind per run). Made in a private directory and renamed into place, so that a
 * process never sees a half-made set and concurrent makers do not clash.
 */
async function makeShared(): Promise<TestVideos> {
  const final = path.join(os.tmpdir(), `vicontest-test-videos-v${FIXTURE_VERSION}`);
  const p = pathsIn(final);
  if (complete(p)) return p;
  const tmp = fs.mkdtempSync(`${final}.tmp-`);
  try {
    await make(tmp);
    try {
      fs.renameSync(tmp, final);
    } catch {
      // Another process finished first, or an incomplete set is in the way.
      if (!complete(p)) {
        fs.rmSync(final, { recursive: true, force: true });
        fs.renameSync(tmp, final);
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return p;
}

const cache = new Map<string, Promise<TestVideos>>();

/**
 * Every test video, made once per process and directory: in `dir` when given (the caller removes it), else in a
 * set shared by all test processes on this machine under the system's temporary directory.
 */
export function makeTestVideos(dir?: string): Promise<TestVideos> {
  const key = dir ? path.resolve(dir) : '';
  let made = cache.get(key);
  if (!made) {
    made = dir ? make(key) : makeShared();
    cache.set(key, made);
    made.catch(() => cache.delete(key));
  }
  return made;
}
