/**
 * Streaming renditions of an accepted original: an HLS ladder (H.264 + AAC; 360p and 720p always, 1080p when the
 * source has it), a poster JPEG (a frame at about 10 % of the duration) and a preview strip (a row of small frames
 * spread over the video). The ladder and the strip come out of ONE ffmpeg run (the source is decoded once and split);
 * the poster is a second, short run with a seek.
 *
 * Everything is written into a fresh directory next to the target, then renamed into place, so a reader never sees
 * half a ladder and a failed run leaves nothing behind. The original is only ever read (ffmpeg opens it as input;
 * nothing here writes, moves or deletes it). Input format forced, `file` protocol only, decoder pixel cap: the same
 * precautions as the decode check.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_PIXELS } from './decode-check.ts';
import { progressPercent, runFfmpegWithProgress, type FfmpegRunResult } from './ffmpeg-progress.ts';

export interface Rung {
  name: '360p' | '720p' | '1080p';
  /** The picture's short side (its height for a landscape video). */
  shortSide: number;
  videoKbps: number;
  audioKbps: number;
}

/** The ladder, smallest first. Bitrates for H.264 High at `veryfast`, with a 7 % peak allowance. */
const LADDER: readonly Rung[] = [
  { name: '360p', shortSide: 360, videoKbps: 800, audioKbps: 96 },
  { name: '720p', shortSide: 720, videoKbps: 2800, audioKbps: 128 },
  { name: '1080p', shortSide: 1080, videoKbps: 5000, audioKbps: 128 },
];

export interface PlannedVariant extends Rung {
  width: number;
  height: number;
}

/** What the plan needs to know about the source: its display size (rotation applied), duration, audio. */
export interface RenditionSource {
  displayWidth: number;
  displayHeight: number;
  /** Size as stored, for the decoder's pixel cap. */
  codedWidth: number;
  codedHeight: number;
  durationSec: number | null;
  hasAudio: boolean;
  container: 'mp4' | 'mov';
}

export interface RenditionPlan {
  variants: PlannedVariant[];
  poster: { width: number; height: number; atSec: number };
  /** The same frame, smaller, for gallery cards (`srcset`): SMALL_POSTER_WIDTH wide, the source's aspect. */
  smallPoster: { width: number; height: number };
  strip: { tiles: number; tileWidth: number; tileHeight: number };
}

/**
 * Gallery cards are 158–237 CSS px wide (two columns at 360 px, four at 1280 px: web/src/features/gallery/gallery.css);
 * 480 px covers them at a device pixel ratio of 2, the big poster the rest.
 */
export const SMALL_POSTER_WIDTH = 480;
/** The big poster, the size of the ladder's top rung up to 720p: the player's, the share preview's. */
export const POSTER_FILE = 'poster.jpg';
export const SMALL_POSTER_FILE = 'poster-small.jpg';

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/** The small poster's size for a picture of this aspect: SMALL_POSTER_WIDTH wide, its height even. */
export function smallPosterSize(width: number, height: number): { width: number; height: number } {
  return { width: SMALL_POSTER_WIDTH, height: even((SMALL_POSTER_WIDTH * height) / width) };
}

/** The size of a picture with the given short side and the source's display aspect, both sides even. */
function sized(src: RenditionSource, shortSide: number): { width: number; height: number } {
  const { displayWidth: w, displayHeight: h } = src;
  return w >= h
    ? { width: even((shortSide * w) / h), height: shortSide }
    : { width: shortSide, height: even((shortSide * h) / w) };
}

/**
 * 360p and 720p always (the rules accept nothing smaller than 720p; a smaller source is scaled up rather than leaving
 * the player without its usual rungs), 1080p when the source's short side reaches 1080.
 */
export function planRenditions(src: RenditionSource, opts: { stripTiles?: number } = {}): RenditionPlan {
  if (!(src.displayWidth > 0 && src.displayHeight > 0)) throw new Error('the source has no picture size');
  const short = Math.min(src.displayWidth, src.displayHeight);
  const variants = LADDER.filter((r) => r.shortSide <= 720 || short >= r.shortSide).map((r) => ({
    ...r,
    ...sized(src, r.shortSide),
  }));
  const duration = src.durationSec && src.durationSec > 0 ? src.durationSec : null;
  const tiles = opts.stripTiles ?? 10;
  const tile = sized(src, 90);
  return {
    variants,
    poster: { ...sized(src, 720), atSec: duration ? Math.round(duration * 0.1 * 1000) / 1000 : 0 },
    smallPoster: smallPosterSize(src.displayWidth, src.displayHeight),
    strip: { tiles, tileWidth: tile.width, tileHeight: tile.height },
  };
}

export interface RenditionOptions {
  ffmpegPath?: string;
  /**
   * Run in the idle scheduling class (SCHED_IDLE, `chrt --idle 0`) when available, else under `nice -n 10`, so that
   * a transcode takes only CPU time the web role leaves unused. Default true.
   */
  lowPriority?: boolean;
  /** For the ladder run; default 60 s plus ten times the duration (a tenth of real time), at most 3 hours. */
  timeoutMs?: number;
  /** x264 preset; default `veryfast`. */
  preset?: string;
  signal?: AbortSignal;
  /** Whole percent of the ladder run, 0–99, each time it moves. */
  onPercent?: (percent: number) => void;
}

function common(src: RenditionSource): string[] {
  const cap = Math.max(DEFAULT_MAX_PIXELS, Math.ceil(src.codedWidth * src.codedHeight * 1.1));
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-v',
    'error',
    '-protocol_whitelist',
    'file',
    '-f',
    src.container,
    '-max_pixels',
    String(cap),
  ];
}

/** `file:` makes a path that looks like an option or a URL a plain file name. */
const fileUrl = (p: string) => `file:${path.resolve(p)}`;

/**
 * The ladder-and-strip run, writing into `outDir`: `master.m3u8`, `<variant>/index.m3u8` with its
 * `<variant>/seg_00000.ts`…, and `strip.jpg`. Exported so that the benchmark runs the very same command by hand.
 */
export function ladderArgs(
  input: string,
  outDir: string,
  src: RenditionSource,
  plan: RenditionPlan,
  opts: Pick<RenditionOptions, 'preset'> = {},
): string[] {
  const n = plan.variants.length;
  const dur = src.durationSec && src.durationSec > 0 ? src.durationSec : 60;
  const { tiles, tileWidth, tileHeight } = plan.strip;
  const graph = [
    `[0:v:0]split=${n + 1}${plan.variants.map((_, i) => `[s${i}]`).join('')}[sstrip]`,
    ...plan.variants.map((v, i) => `[s${i}]scale=${v.width}:${v.height},setsar=1,format=yuv420p[v${i}]`),
    // `tiles` frames evenly over the duration, side by side in one picture.
    `[sstrip]fps=fps=${tiles}/${Math.max(1, Math.round(dur))},` +
      `scale=${tileWidth}:${tileHeight},setsar=1,tile=${tiles}x1[strip]`,
  ].join(';');
  const args = [...common(src), '-i', fileUrl(input), '-filter_complex', graph];
  for (let i = 0; i < n; i++) args.push('-map', `[v${i}]`);
  if (src.hasAudio) for (let i = 0; i < n; i++) args.push('-map', '0:a:0');
  args.push(
    '-c:v',
    'libx264',
    '-preset',
    opts.preset ?? 'veryfast',
    '-profile:v',
    'high',
    // A key frame every 2 s: segments (cut at key frames) last 6 s and seeking stays quick.
    '-force_key_frames',
    'expr:gte(t,n_forced*2)',
    '-sc_threshold',
    '0',
  );
  plan.variants.forEach((v, i) => {
    args.push(
      `-b:v:${i}`,
      `${v.videoKbps}k`,
      `-maxrate:v:${i}`,
      `${Math.round(v.videoKbps * 1.07)}k`,
      `-bufsize:v:${i}`,
      `${Math.round(v.videoKbps * 1.5)}k`,
    );
  });
  if (src.hasAudio) {
    args.push('-c:a', 'aac', '-ac', '2', '-ar', '48000');
    plan.variants.forEach((v, i) => args.push(`-b:a:${i}`, `${v.audioKbps}k`));
  }
  const streamMap = plan.variants.map((v, i) => `v:${i}${src.hasAudio ? `,a:${i}` : ''},name:${v.name}`).join(' ');
  args.push(
    '-max_muxing_queue_size',
    '4096',
    '-f',
    'hls',
    '-hls_time',
    '6',
    '-hls_playlist_type',
    'vod',
    '-hls_flags',
    'independent_segments',
    '-hls_segment_type',
    'mpegts',
    '-hls_segment_filename',
    path.join(outDir, '%v', 'seg_%05d.ts'),
    '-master_pl_name',
    'master.m3u8',
    '-var_stream_map',
    streamMap,
    path.join(outDir, '%v', 'index.m3u8'),
    '-map',
    '[strip]',
    '-frames:v',
    '1',
    '-q:v',
    '4',
    '-f',
    'image2',
    '-update',
    '1',
    path.join(outDir, 'strip.jpg'),
    '-progress',
    'pipe:1',
  );
  return args;
}

/**
 * The poster run: one frame at `plan.poster.atSec` (a seek to the key frame before it, then decoding to it), written
 * twice: `poster.jpg` and the small `poster-small.jpg`.
 */
export function posterArgs(input: string, outDir: string, src: RenditionSource, plan: RenditionPlan): string[] {
  const { width, height, atSec } = plan.poster;
  const small = plan.smallPoster;
  const image = (label: string, file: string) => [
    '-map',
    label,
    '-frames:v',
    '1',
    '-q:v',
    '3',
    '-f',
    'image2',
    '-update',
    '1',
    path.join(outDir, file),
  ];
  return [
    ...common(src),
    '-ss',
    String(atSec),
    '-i',
    fileUrl(input),
    '-filter_complex',
    `[0:v:0]split=2[a][b];[a]scale=${width}:${height},setsar=1[big];` +
      `[b]scale=${small.width}:${small.height},setsar=1[small]`,
    ...image('[big]', POSTER_FILE),
    ...image('[small]', SMALL_POSTER_FILE),
  ];
}

export class RenditionError extends Error {
  constructor(
    message: string,
    readonly aborted = false,
  ) {
    super(message);
    this.name = 'RenditionError';
  }
}

/** ffmpeg's last complaint, without the server's paths (they are nobody's business, and end up on a web page). */
function ffmpegComplaint(r: FfmpegRunResult, hide: string[]): string {
  let text = r.stderrTail;
  for (const p of hide) text = text.split(`file:${p}`).join('…').split(p).join('…');
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\[[a-z0-9_,]+ @ 0x[0-9a-f]+\]\s*/gi, '').trim())
    .filter(Boolean);
  return lines.slice(-3).join(' / ').slice(0, 500);
}

function failure(what: string, r: FfmpegRunResult, timeoutMs: number, hide: string[]): RenditionError {
  if (r.aborted) return new RenditionError(`${what}: stopped`, true);
  if (r.timedOut) return new RenditionError(`${what}: over the time limit of ${Math.round(timeoutMs / 1000)} s`);
  return new RenditionError(
    `${what}: ffmpeg exit code ${r.code}${ffmpegComplaint(r, hide) ? `: ${ffmpegComplaint(r, hide)}` : ''}`,
  );
}

export interface StoredPoster {
  file: string;
  width: number;
  height: number;
}

export interface RenditionResult {
  variants: PlannedVariant[];
  /** The posters made, smallest first, by file name under the renditions directory. */
  posters: StoredPoster[];
  /** Seconds of the ladder run and of the poster run. */
  ladderSec: number;
  posterSec: number;
}

/**
 * Makes every rendition of `input` into `outDir` (replacing what a previous run left there). On any failure nothing
 * is left in `outDir`'s place and a RenditionError says why (`aborted` when the signal stopped it).
 */
export async function makeRenditionFiles(
  input: string,
  outDir: string,
  src: RenditionSource,
  opts: RenditionOptions = {},
): Promise<RenditionResult> {
  const inputAbs = path.resolve(input);
  const target = path.resolve(outDir);
  if (
    target === inputAbs ||
    target.startsWith(`${inputAbs}${path.sep}`) ||
    inputAbs.startsWith(`${target}${path.sep}`)
  ) {
    throw new Error('the renditions directory must not hold the original');
  }
  const plan = planRenditions(src);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Leftovers of a run killed with its process.
  for (const f of fs.readdirSync(path.dirname(target))) {
    if (f.startsWith(`${path.basename(target)}.tmp-`))
      fs.rmSync(path.join(path.dirname(target), f), { recursive: true, force: true });
  }
  const work = `${target}.tmp-${crypto.randomBytes(6).toString('hex')}`;
  fs.mkdirSync(work);
  for (const v of plan.variants) fs.mkdirSync(path.join(work, v.name));
  const hide = [inputAbs, work, target];
  const run = { ffmpegPath: opts.ffmpegPath, lowPriority: opts.lowPriority, idle: true, signal: opts.signal };
  try {
    let t0 = performance.now();
    const posterTimeout = 120_000;
    const poster = await runFfmpegWithProgress(posterArgs(inputAbs, work, src, plan), {
      ...run,
      timeoutMs: posterTimeout,
    });
    if (
      poster.code !== 0 ||
      !fs.existsSync(path.join(work, POSTER_FILE)) ||
      !fs.existsSync(path.join(work, SMALL_POSTER_FILE))
    )
      throw failure('poster', poster, posterTimeout, hide);
    const posterSec = (performance.now() - t0) / 1000;

    t0 = performance.now();
    const timeoutMs = opts.timeoutMs ?? Math.min(3 * 3600_000, 60_000 + (src.durationSec ?? 600) * 10_000);
    let last = -1;
    const ladder = await runFfmpegWithProgress(ladderArgs(inputAbs, work, src, plan, opts), {
      ...run,
      timeoutMs,
      onProgress: (p) => {
        const pct = progressPercent(p, src.durationSec);
        if (pct > last) {
          last = pct;
          opts.onPercent?.(pct);
        }
      },
    });
    if (ladder.code !== 0) throw failure('renditions', ladder, timeoutMs, hide);
    const missing = ['master.m3u8', 'strip.jpg', ...plan.variants.map((v) => path.join(v.name, 'index.m3u8'))].filter(
      (f) => !fs.existsSync(path.join(work, f)),
    );
    if (missing.length) throw new RenditionError(`renditions: ffmpeg finished without writing ${missing.join(', ')}`);
    const ladderSec = (performance.now() - t0) / 1000;

    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(work, target);
    const posters = [
      { file: SMALL_POSTER_FILE, width: plan.smallPoster.width, height: plan.smallPoster.height },
      { file: POSTER_FILE, width: plan.poster.width, height: plan.poster.height },
    ];
    return { variants: plan.variants, posters, ladderSec, posterSec };
  } catch (err) {
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  }
}
