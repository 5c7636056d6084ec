/**
 * R9 originality screening, the pure half: comparing two perceptual fingerprints. A fingerprint is a sequence of
 * 64-bit difference hashes of frames sampled at a fixed rate (server/media/fingerprint.ts makes them). A copy that was
 * re-encoded or resized keeps most bits of every frame's hash; a copy that was trimmed keeps the same hashes shifted
 * in time. So: for every time offset between the two sequences, count the sampled frames whose hashes are within a
 * few bits of each other; at the offsets that match well, the runs of close frames are the shared time ranges.
 *
 * No Node APIs: unit-tested in core, and usable anywhere. Cost is O(n × m) for clips of n and m samples (two
 * one-hour entries at 2 fps: about 52 million 32-bit popcounts, well under a second).
 */

/** One frame hash as two unsigned 32-bit halves (JavaScript bit operations are 32-bit). */
export type FrameHash = readonly [hi: number, lo: number];

export interface MatchOptions {
  /** Most differing bits (of 64) for two frame hashes to count as the same picture. Default 10. */
  maxBits?: number;
  /** Longest gap, in samples, inside one matched range (a few frames lost to a scene cut or a glitch). Default 4. */
  maxGap?: number;
  /** Shortest matched range, in seconds, that counts. Default 5. */
  minRangeSec?: number;
  /** Share of the samples in a range that must match. Default 0.6. */
  minDensity?: number;
  /** Most ranges reported per pair. Default 5. */
  maxRanges?: number;
  /**
   * Hashes with fewer than this many set bits, or more than 64 minus it, carry little picture (flat, black, a plain
   * gradient): they never count as a match, or any two clips with black frames would match. Default 6.
   */
  minInformativeBits?: number;
}

export interface MatchedRange {
  /** Seconds in the first clip. */
  aStartSec: number;
  aEndSec: number;
  /** Seconds in the second clip. */
  bStartSec: number;
  bEndSec: number;
  /** Samples in the range whose hashes matched. */
  matchedFrames: number;
  /** Mean differing bits of the matched samples. */
  meanBits: number;
}

export interface MatchResult {
  /** 0 to 1: the share of the shorter clip's samples covered by matched ranges. */
  score: number;
  /** Whether the pair is worth a reviewer's look: at least one range passed the thresholds. */
  flagged: boolean;
  /** Best first (longest). */
  ranges: MatchedRange[];
  /** Offset of the best range in seconds: `bStartSec - aStartSec`; null without a range. */
  offsetSec: number | null;
}

export const DEFAULT_MATCH_OPTIONS: Required<MatchOptions> = {
  maxBits: 10,
  maxGap: 4,
  minRangeSec: 5,
  minDensity: 0.6,
  maxRanges: 5,
  minInformativeBits: 6,
};

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function hammingDistance(a: FrameHash, b: FrameHash): number {
  return popcount32((a[0] ^ b[0]) >>> 0) + popcount32((a[1] ^ b[1]) >>> 0);
}

/** 16 hex digits per hash, concatenated: the stored form. */
export function encodeHashes(hashes: readonly FrameHash[]): string {
  return hashes
    .map(([hi, lo]) => (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0'))
    .join('');
}

export function decodeHashes(hex: string): FrameHash[] {
  if (hex.length % 16 !== 0 || !/^[0-9a-f]*$/.test(hex))
    throw new Error('fingerprint: the frame hashes are not 16-digit hex');
  const out: FrameHash[] = [];
  for (let i = 0; i < hex.length; i += 16)
    out.push([parseInt(hex.slice(i, i + 8), 16) >>> 0, parseInt(hex.slice(i + 8, i + 16), 16) >>> 0]);
  return out;
}

/**
 * The difference hash of one grayscale picture of (`width` = columns + 1) × `rows` pixels, row-major: bit set where a
 * pixel is brighter than its right-hand neighbour. 9 × 8 pixels give the 64 bits; the first row is the high half.
 */
export function differenceHash(pixels: Uint8Array, width = 9, rows = 8): FrameHash {
  if (width - 1 !== 8 || rows !== 8) throw new Error('differenceHash: 9 × 8 pixels make the 64 bits');
  if (pixels.length < width * rows) throw new Error('differenceHash: too few pixels');
  let hi = 0;
  let lo = 0;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < width - 1; x++) {
      const bit = pixels[y * width + x]! > pixels[y * width + x + 1]! ? 1 : 0;
      const i = y * 8 + x;
      if (i < 32) hi = ((hi << 1) | bit) >>> 0;
      else lo = ((lo << 1) | bit) >>> 0;
    }
  }
  return [hi, lo];
}

function informative(h: FrameHash, minBits: number): boolean {
  const n = popcount32(h[0]) + popcount32(h[1]);
  return n >= minBits && n <= 64 - minBits;
}

/**
 * Compares two fingerprints sampled at the same rate `fps`. Offsets are tried from `-(b.length - 1)` to
 * `a.length - 1` (sample `i` of `a` against sample `i - offset` of `b`); the ranges found at the best offsets are
 * kept when they do not overlap a better one in either clip.
 */
export function matchFingerprints(
  a: readonly FrameHash[],
  b: readonly FrameHash[],
  fps: number,
  options: MatchOptions = {},
): MatchResult {
  const o = { ...DEFAULT_MATCH_OPTIONS, ...options };
  const minFrames = Math.max(2, Math.ceil(o.minRangeSec * fps));
  const none: MatchResult = { score: 0, flagged: false, ranges: [], offsetSec: null };
  if (a.length === 0 || b.length === 0 || fps <= 0) return none;
  const aOk = a.map((h) => informative(h, o.minInformativeBits));
  const bOk = b.map((h) => informative(h, o.minInformativeBits));

  interface Candidate {
    offset: number;
    aStart: number;
    aEnd: number;
    matched: number;
    bits: number;
  }
  const candidates: Candidate[] = [];
  const dist = new Int32Array(Math.min(a.length, b.length));
  for (let offset = -(b.length - 1); offset <= a.length - 1; offset++) {
    const i0 = Math.max(0, offset);
    const i1 = Math.min(a.length, b.length + offset);
    const len = i1 - i0;
    if (len < minFrames) continue;
    // Pass 1: the matching samples at this offset (-1 where not).
    let count = 0;
    for (let k = 0; k < len; k++) {
      const i = i0 + k;
      const j = i - offset;
      let d = -1;
      if (aOk[i] && bOk[j]) {
        const h = hammingDistance(a[i]!, b[j]!);
        if (h <= o.maxBits) {
          d = h;
          count++;
        }
      }
      dist[k] = d;
    }
    if (count < Math.ceil(minFrames * o.minDensity)) continue;
    // Pass 2: runs of matches with gaps of at most `maxGap` samples.
    let start = -1;
    let last = -1;
    let matched = 0;
    let bits = 0;
    const close = () => {
      if (start < 0) return;
      const span = last - start + 1;
      if (span >= minFrames && matched / span >= o.minDensity) {
        candidates.push({ offset, aStart: i0 + start, aEnd: i0 + last + 1, matched, bits });
      }
      start = -1;
    };
    for (let k = 0; k < len; k++) {
      if (dist[k]! < 0) continue;
      if (start >= 0 && k - last - 1 > o.maxGap) close();
      if (start < 0) {
        start = k;
        matched = 0;
        bits = 0;
      }
      last = k;
      matched++;
      bits += dist[k]!;
    }
    close();
  }
  if (candidates.length === 0) return none;

  candidates.sort((x, y) => y.matched - x.matched || x.bits / x.matched - y.bits / y.matched);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    if (kept.length >= o.maxRanges) break;
    const overlaps = kept.some(
      (k) =>
        (c.aStart < k.aEnd && k.aStart < c.aEnd) ||
        (c.aStart - c.offset < k.aEnd - k.offset && k.aStart - k.offset < c.aEnd - c.offset),
    );
    if (!overlaps) kept.push(c);
  }
  const covered = kept.reduce((s, c) => s + c.matched, 0);
  const sec = (n: number) => Math.round((n / fps) * 100) / 100;
  const ranges = kept.map<MatchedRange>((c) => ({
    aStartSec: sec(c.aStart),
    aEndSec: sec(c.aEnd),
    bStartSec: sec(c.aStart - c.offset),
    bEndSec: sec(c.aEnd - c.offset),
    matchedFrames: c.matched,
    meanBits: Math.round((c.bits / c.matched) * 10) / 10,
  }));
  const best = ranges[0]!;
  return {
    score: Math.min(1, covered / Math.min(a.length, b.length)),
    flagged: true,
    ranges,
    offsetSec: Math.round((best.bStartSec - best.aStartSec) * 100) / 100,
  };
}
