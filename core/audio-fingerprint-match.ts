/**
 * R9 originality screening: comparing two audio fingerprints (core/audio-fingerprint.ts), in two steps.
 *
 * 1. Candidate offsets by exact lookup: both 16-bit halves of every sub-fingerprint of one clip go into a table
 *    addressed by the half; each half of the other clip found there votes for the time offset between the two
 *    positions. A copy keeps a fair share of its halves intact (a copy with 15 % of its bits changed keeps 7 % of its
 *    halves, but only 0.5 % of its whole sub-fingerprints), all voting for the same offset, while chance hits
 *    scatter. This costs about n + m lookups, not n × m comparisons: two one-hour soundtracks (155 000
 *    sub-fingerprints each) compare in a fraction of a second.
 * 2. Verification at each candidate offset: the bit error rate (BER, differing bits / 32) over a sliding block of
 *    3 s decides, frame by frame, whether the two clips sound the same there; runs of such frames of at least 5 s are
 *    the matched ranges, reported like the video matcher's (core/fingerprint-match.ts), with `meanBits` counting
 *    differing bits of 32.
 *
 * Thresholds (measured on generated tones and synthetic speech, docs/originality-screening.md): unrelated sound
 * gives a BER near 0.5 (16 of 32 bits), and its lowest over some 700 000 blocks of 3 s was 0.38 (slow melodies of
 * pure sine notes go lower: their bits say little more than the pitch); copies re-encoded (AAC 40–128 kb/s, MP3),
 * trimmed, quieter or mixed with other sound gave 0.05 to 0.2, and 0.25 only for sparse tones squeezed to AAC
 * 32 kb/s. A block counts as the same sound at a BER of at most 0.3, between the two. A range must last 5 s (like
 * video) and at least 60 % of it match.
 */
import { popcount32, type MatchResult, type MatchedRange } from './fingerprint-match.ts';
import { AUDIO_FRAME, AUDIO_FRAMES_PER_SEC, AUDIO_HOP, AUDIO_SAMPLE_RATE } from './audio-fingerprint.ts';

export interface AudioMatchOptions {
  /** Highest bit error rate over a block for the two clips to sound the same there. Default 0.3. */
  maxBer?: number;
  /** Block (sliding window) length in sub-fingerprints. Default 128 (3 s). */
  blockFrames?: number;
  /** Share of a block's sub-fingerprint pairs that must carry sound (not silence) for it to count. Default 0.5. */
  minSoundShare?: number;
  /** Shortest matched range in seconds. Default 5. */
  minRangeSec?: number;
  /** Longest gap inside one range, in seconds. Default 2. */
  maxGapSec?: number;
  /** Share of a range's sub-fingerprints that must match. Default 0.6. */
  minDensity?: number;
  /** Most ranges reported per pair. Default 5. */
  maxRanges?: number;
  /**
   * A range starts (and ends) where the next (the last) this many sounding pairs are within `maxBer` on their own,
   * undoing the blur of the sliding block at the edges. Default 8 (0.19 s).
   */
  edgeFrames?: number;
  /** A sub-fingerprint found more often than this in the indexed clip is too common to vote with. Default 64. */
  maxPostings?: number;
  /** Offsets verified per pair, best voted first. Default 24. */
  maxCandidates?: number;
  /** Votes (over three neighbouring offsets) an offset needs to be verified. Default 2. */
  minVotes?: number;
}

export const DEFAULT_AUDIO_MATCH_OPTIONS: Required<AudioMatchOptions> = {
  maxBer: 0.3,
  blockFrames: 128,
  minSoundShare: 0.5,
  minRangeSec: 5,
  maxGapSec: 2,
  minDensity: 0.6,
  maxRanges: 5,
  edgeFrames: 8,
  maxPostings: 64,
  maxCandidates: 24,
  minVotes: 2,
};

/**
 * Where each half (16 bits) of every sub-fingerprint of a clip occurs: a table addressed by the half itself (key h for
 * the high halves, 65536 + h for the low ones), each slot chaining its positions through `next`. Built once per clip.
 */
export interface AudioIndex {
  readonly bits: Uint32Array;
  /** Last entry (2 × position + half) with the key, −1 for none. */
  readonly head: Int32Array;
  readonly count: Int32Array;
  /** Entry → the previous entry with the same key, or −1. */
  readonly next: Int32Array;
}

const HALF_KEYS = 65536;

/** Indexes a clip's sub-fingerprints; silent ones (0) are left out. */
export function indexAudioFingerprint(bits: Uint32Array): AudioIndex {
  const head = new Int32Array(2 * HALF_KEYS).fill(-1);
  const count = new Int32Array(2 * HALF_KEYS);
  const next = new Int32Array(2 * bits.length).fill(-1);
  for (let i = 0; i < bits.length; i++) {
    const v = bits[i]!;
    if (v === 0) continue;
    const hi = v >>> 16;
    const lo = HALF_KEYS + (v & 0xffff);
    next[2 * i] = head[hi]!;
    head[hi] = 2 * i;
    count[hi]!++;
    next[2 * i + 1] = head[lo]!;
    head[lo] = 2 * i + 1;
    count[lo]!++;
  }
  return { bits, head, count, next };
}

/**
 * The offsets worth verifying, best first: `offset` means sub-fingerprint i of `a` against i − offset of `b`.
 */
export function candidateOffsets(a: AudioIndex, b: Uint32Array, options: AudioMatchOptions = {}): number[] {
  const o = { ...DEFAULT_AUDIO_MATCH_OPTIONS, ...options };
  const na = a.bits.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return [];
  const base = nb - 1;
  const votes = new Int32Array(na + nb);
  for (let j = 0; j < nb; j++) {
    const v = b[j]!;
    if (v === 0) continue;
    for (let h = 0; h < 2; h++) {
      const key = h === 0 ? v >>> 16 : HALF_KEYS + (v & 0xffff);
      if (a.count[key]! > o.maxPostings) continue;
      for (let e = a.head[key]!; e >= 0; e = a.next[e]!) votes[(e >> 1) - j + base]!++;
    }
  }
  const found: { offset: number; votes: number }[] = [];
  const at = (k: number) => (k >= 0 && k < votes.length ? votes[k]! : 0);
  for (let k = 0; k < votes.length; k++) {
    const v = votes[k]!;
    if (v === 0) continue;
    const around = at(k - 1) + v + at(k + 1);
    if (around < o.minVotes) continue;
    // Only the peak of its neighbourhood (the leftmost of equals): a copy shifted by a fraction of a hop votes for
    // two neighbouring offsets.
    if (at(k - 1) >= v || at(k - 2) >= v || at(k + 1) > v || at(k + 2) > v) continue;
    found.push({ offset: k - base, votes: around });
  }
  found.sort((x, y) => y.votes - x.votes || Math.abs(x.offset) - Math.abs(y.offset));
  return found.slice(0, o.maxCandidates).map((f) => f.offset);
}

interface Run {
  offset: number;
  aStart: number;
  aEnd: number;
  matched: number;
  bits: number;
  pairs: number;
}

/** The matched runs of `a` and `b` at one offset (sub-fingerprint i of a against i − offset of b). */
function runsAtOffset(a: Uint32Array, b: Uint32Array, offset: number, o: Required<AudioMatchOptions>): Run[] {
  const i0 = Math.max(0, offset);
  const i1 = Math.min(a.length, b.length + offset);
  const len = i1 - i0;
  const minFrames = Math.ceil(o.minRangeSec * AUDIO_FRAMES_PER_SEC);
  if (len < minFrames) return [];
  // Prefix sums of sounding pairs and of their differing bits.
  const dist = new Int8Array(len);
  const soundSum = new Int32Array(len + 1);
  const bitSum = new Int32Array(len + 1);
  for (let k = 0; k < len; k++) {
    const x = a[i0 + k]!;
    const y = b[i0 + k - offset]!;
    const sound = x !== 0 && y !== 0;
    const d = sound ? popcount32((x ^ y) >>> 0) : -1;
    dist[k] = d;
    soundSum[k + 1] = soundSum[k]! + (sound ? 1 : 0);
    bitSum[k + 1] = bitSum[k]! + (sound ? d : 0);
  }
  const half = o.blockFrames >> 1;
  const minSound = Math.ceil(o.blockFrames * o.minSoundShare);
  const maxGap = Math.round(o.maxGapSec * AUDIO_FRAMES_PER_SEC);
  const same = (k: number): boolean => {
    const lo = Math.max(0, k - half);
    const hi = Math.min(len, k + half);
    const n = soundSum[hi]! - soundSum[lo]!;
    return n >= minSound && bitSum[hi]! - bitSum[lo]! <= o.maxBer * 32 * n;
  };
  /** The `edgeFrames` sounding pairs from k on (backwards from k − 1 when `dir` is −1) agree within `maxBer`. */
  const agrees = (k: number, dir: 1 | -1, limit: number): boolean => {
    let n = 0;
    let bits = 0;
    for (let i = k; i >= 0 && i < len && n < o.edgeFrames && (dir > 0 ? i < limit : i >= limit); i += dir) {
      if (dist[i]! < 0) continue;
      n++;
      bits += dist[i]!;
    }
    return n > 0 && bits <= o.maxBer * 32 * n;
  };
  const runs: Run[] = [];
  const close = (start: number, end: number) => {
    // The sliding block blurs the edges by up to half a block: tighten them to where the pairs themselves agree.
    while (start < end && !(dist[start]! >= 0 && agrees(start, 1, end))) start++;
    while (end > start && !(dist[end - 1]! >= 0 && agrees(end - 1, -1, start))) end--;
    if (end - start < minFrames) return;
    let matched = 0;
    for (let k = start; k < end; k++) if (same(k)) matched++;
    if (matched / (end - start) < o.minDensity) return;
    const pairs = soundSum[end]! - soundSum[start]!;
    runs.push({ offset, aStart: i0 + start, aEnd: i0 + end, matched, bits: bitSum[end]! - bitSum[start]!, pairs });
  };
  let start = -1;
  let last = -1;
  for (let k = 0; k < len; k++) {
    if (!same(k)) continue;
    if (start >= 0 && k - last - 1 > maxGap) {
      close(start, last + 1);
      start = -1;
    }
    if (start < 0) start = k;
    last = k;
  }
  if (start >= 0) close(start, last + 1);
  return runs;
}

/**
 * Compares two audio fingerprints. `a` may be given already indexed (screening compares one upload with many clips).
 * `score` is the share of the shorter clip's sub-fingerprints covered by matched ranges (silences included in the
 * length, as black frames are for video); `meanBits` of a range is the mean number of differing bits, of 32, between
 * its sounding sub-fingerprint pairs (unrelated sound: about 16; the same file: 0; a re-encoded copy: up to about 8).
 */
export function matchAudioFingerprints(
  a: Uint32Array | AudioIndex,
  b: Uint32Array,
  options: AudioMatchOptions = {},
): MatchResult {
  const o = { ...DEFAULT_AUDIO_MATCH_OPTIONS, ...options };
  const index = a instanceof Uint32Array ? indexAudioFingerprint(a) : a;
  const bitsA = index.bits;
  const none: MatchResult = { score: 0, flagged: false, ranges: [], offsetSec: null };
  if (bitsA.length === 0 || b.length === 0) return none;
  const candidates: Run[] = [];
  for (const offset of candidateOffsets(index, b, o)) candidates.push(...runsAtOffset(bitsA, b, offset, o));
  if (candidates.length === 0) return none;

  candidates.sort((x, y) => y.matched - x.matched || x.bits / Math.max(1, x.pairs) - y.bits / Math.max(1, y.pairs));
  const kept: Run[] = [];
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
  const hop = AUDIO_HOP / AUDIO_SAMPLE_RATE;
  // Sub-fingerprint k hears samples from k·hop to (k + 1)·hop + frame: a range ends a frame after its last start.
  const tail = AUDIO_FRAME / AUDIO_SAMPLE_RATE;
  const sec = (x: number) => Math.round(x * 100) / 100;
  const ranges = kept.map<MatchedRange>((c) => ({
    aStartSec: sec(c.aStart * hop),
    aEndSec: sec(c.aEnd * hop + tail),
    bStartSec: sec((c.aStart - c.offset) * hop),
    bEndSec: sec((c.aEnd - c.offset) * hop + tail),
    matchedFrames: c.matched,
    meanBits: Math.round((c.bits / Math.max(1, c.pairs)) * 10) / 10,
  }));
  const best = kept[0]!;
  return {
    score: Math.min(1, covered / Math.min(bitsA.length, b.length)),
    flagged: true,
    ranges,
    offsetSec: sec(-best.offset * hop) || 0, // never -0
  };
}
