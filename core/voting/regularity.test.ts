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
    // The last arrival waits for the next one to show the beat went on.
    expect(r.members).toEqual([true, true, true, true, true, true, true, false]);
  });

  it('leaves out an honest arrival slipped between two scripted ones', () => {
    const times = [0, 30_000, 60_000, 71_000, 90_000, 120_000, 150_000, 180_000, 210_000];
    const r = regularRun(times, 0.1);
    expect(r.regular).toBe(true);
    expect(r.members).toEqual([true, true, true, false, true, true, true, true, false]);
  });

  it('does not call random arrivals regular', () => {
    const times = [0, 4_000, 61_000, 75_000, 200_000, 203_000, 290_000, 410_000];
    expect(regularRun(times, 0.1)).toEqual({ regular: false, members: times.map(() => false) });
  });
});

describe('regularRun with honest arrivals that nearly fit', () => {
  it('follows the beat, not an honest arrival a few seconds off it', () => {
    // A script every ~45 s; honest votes at 139.6 s and 211.5 s, the first 40 s before the next scripted one.
    const times = [0, 43_256, 89_523, 133_805, 139_616, 179_612, 211_480, 224_163, 268_425, 314_735, 359_560];
    const r = regularRun(times, 0.1);
    expect(r.regular).toBe(true);
    expect(r.members).toEqual([true, true, true, true, false, true, false, true, true, true, false]);
  });

  it('leaves the run to the next check when the last arrival is off the beat', () => {
    const times = [0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 73_000];
    expect(gapDispersion(times.slice(1).map((t, i) => t - times[i]!))).toBe(0);
    expect(regularRun(times, 0.1).regular).toBe(false);
    expect(regularRun([...times, 80_000], 0.1).members).toEqual([...times.map((t) => t !== 73_000), false]);
    expect(regularRun([...times, 80_000], 0.1, false).members[0]).toBe(false);
  });

  it('does not take an honest arrival just after a scripted one for the next beat', () => {
    // Beat 45 s; an honest vote 2.7 s after the scripted one at 180 s, then the script goes on at 225 s.
    const times = [0, 45_000, 90_500, 135_000, 180_000, 182_700, 225_400];
    const r = regularRun(times, 0.1);
    expect(r.members).toEqual([true, true, true, true, true, false, false]);
  });
});

describe('regularRun at the edges of the window', () => {
  it('does not pass the mark to an honest arrival next to an end it may not judge', () => {
    // The first arrival (scripted, judged earlier) has an honest one 0.9 s after it; the last has one 2 s before it.
    const times = [0, 947, 44_671, 89_185, 133_946, 180_356, 225_206, 268_000, 270_000];
    const r = regularRun(times, 0.1, false);
    expect(r.regular).toBe(true);
    expect(r.members).toEqual([false, false, true, true, true, true, true, false, false]);
  });
});
