import { describe, expect, it } from 'vitest';
import {
  decodeHashes,
  differenceHash,
  encodeHashes,
  hammingDistance,
  matchFingerprints,
  type FrameHash,
} from './fingerprint-match.ts';

/** Deterministic pseudo-random hashes (xorshift) with about half their bits set. */
function randomHashes(n: number, seed: number): FrameHash[] {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  return Array.from({ length: n }, () => [next(), next()] as FrameHash);
}

/** Flips `bits` low bits of each hash: what re-encoding does to a few comparisons. */
const noisy = (h: FrameHash[], bits: number): FrameHash[] => h.map(([hi, lo]) => [hi, (lo ^ ((1 << bits) - 1)) >>> 0]);

describe('fingerprint matching', () => {
  it('hashes, counts bits and round-trips the stored form', () => {
    const px = new Uint8Array(72).map((_, i) => (i % 9) * 10); // brighter to the right: no bit set
    expect(differenceHash(px)).toEqual([0, 0]);
    const rev = new Uint8Array(72).map((_, i) => 90 - (i % 9) * 10);
    expect(differenceHash(rev)).toEqual([0xffffffff, 0xffffffff]);
    expect(hammingDistance([0xf0f0f0f0, 1], [0x0f0f0f0f, 0])).toBe(33);
    const h = randomHashes(5, 3);
    expect(decodeHashes(encodeHashes(h))).toEqual(h);
  });

  it('matches a noisy copy end to end, and a trimmed copy at its offset', () => {
    const a = randomHashes(100, 1);
    const same = matchFingerprints(a, noisy(a, 6), 2);
    expect(same).toMatchObject({ flagged: true, score: 1, offsetSec: 0 });
    expect(same.ranges[0]).toMatchObject({ aStartSec: 0, aEndSec: 50, bStartSec: 0, bEndSec: 50 });
    const trimmed = matchFingerprints(a, a.slice(20), 2);
    expect(trimmed.ranges[0]).toMatchObject({ aStartSec: 10, aEndSec: 50, bStartSec: 0, bEndSec: 40 });
    expect(trimmed.offsetSec).toBe(-10);
  });

  it('finds an excerpt placed inside another clip', () => {
    const a = randomHashes(100, 1);
    const b = [...randomHashes(30, 9), ...a.slice(40, 70), ...randomHashes(30, 10)];
    const r = matchFingerprints(a, b, 2);
    expect(r.ranges[0]).toMatchObject({ aStartSec: 20, aEndSec: 35, bStartSec: 15, bEndSec: 30 });
    expect(r.score).toBeCloseTo(30 / 90, 2);
  });

  it('does not match unrelated clips, too-noisy copies, short coincidences or flat frames', () => {
    expect(matchFingerprints(randomHashes(200, 1), randomHashes(200, 2), 2).flagged).toBe(false);
    expect(matchFingerprints(randomHashes(100, 1), noisy(randomHashes(100, 1), 16), 2).flagged).toBe(false);
    const a = randomHashes(100, 1);
    const b = [...randomHashes(40, 5), ...a.slice(10, 16), ...randomHashes(40, 6)]; // 3 s in common: under 5 s
    expect(matchFingerprints(a, b, 2).flagged).toBe(false);
    const black: FrameHash[] = Array.from({ length: 100 }, () => [0, 0]);
    expect(matchFingerprints(black, black, 2).flagged).toBe(false);
    expect(matchFingerprints([], a, 2).flagged).toBe(false);
  });
});
