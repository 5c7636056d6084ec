import { describe, expect, it } from 'vitest';
import { gapDispersion, median, regularRun } from './regularity.ts';

describe('median / gapDispersion', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('is zero for identical gaps and large for random ones', () => {
    expect(gapDispersion([30, 30, 30, 30])).toBe(0);
    expect(gapDispersion([5, 60, 12, 200, 33, 1, 90])).toBeGreaterThan(0.5);
  });

  it('is not a number when the gaps are all zero (votes logged in one instant)', () => {
    expect(gapDispersion([0, 0, 0])).toBeNaN();
    expect(gapDispersion([])).toBeNaN();
  });
});

describe('regularRun', () => {
  it('finds a fixed interval with a little jitter', () => {
    const times = [0, 30_000, 60_500, 90_200, 120_000, 150_300, 180_000, 210_100];
    const r = regularRun(times, 0.1);
    expect(r.regular).toBe(true);
    expect(r.members.every(Boolean)).toBe(true);
  });

  it('leaves out an honest arrival slipped between two scripted ones', () => {
    const times = [0, 30_000, 60_000, 71_000, 90_000, 120_000, 150_000, 180_000, 210_000];
    const r = regularRun(times, 0.1);
    expect(r.regular).toBe(true);
    expect(r.members).toEqual([true, true, true, false, true, true, true, true, true]);
  });

  it('does not call random arrivals regular', () => {
    const times = [0, 4_000, 61_000, 75_000, 200_000, 203_000, 290_000, 410_000];
    expect(regularRun(times, 0.1)).toEqual({ regular: false, members: times.map(() => false) });
  });
});
