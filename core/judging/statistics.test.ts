import { describe, expect, it } from 'vitest';
import { seededRandom, shuffled } from './seeded-random.ts';
import { mean, median, populationSd, roundTo } from './statistics.ts';

describe('statistics', () => {
  it('mean, median and population standard deviation', () => {
    expect(mean([6, 7, 8])).toBe(7);
    expect(mean([])).toBeNaN();
    expect(median([9, 5, 8, 6])).toBe(7); // (6 + 8)/2
    expect(median([3])).toBe(3);
    expect(populationSd([6, 8])).toBe(1); // deviations ±1
    expect(populationSd([5, 5, 5])).toBe(0);
  });

  it('rounds half away from zero at the printed places, whatever binary fractions do', () => {
    expect(roundTo(8.125, 2)).toBe(8.13);
    expect(roundTo(1.005, 2)).toBe(1.01); // stored as 1.00499999999999989…
    expect(roundTo(0.1 + 0.2, 1)).toBe(0.3);
    expect(roundTo(7.3349, 2)).toBe(7.33);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(22 / 3, 2)).toBe(7.33);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed, differs across seeds and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(seededRandom(43)()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(shuffled([1, 2, 3, 4, 5], seededRandom(1)).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
