import { describe, expect, it } from 'vitest';
import { allocatePrizes } from './allocation.ts';
import { ceremonyOrder } from './ceremony-order.ts';
import { allocationTotalVnd, formatVnd, prizeStructureLines, sumVnd, timesVnd } from './money.ts';
import { planPrizes, ranked } from './test-fixtures.ts';

describe('prize money', () => {
  it('totals the plan structure: 5 + 3 + 2×2 + 3×1 + 1 million', () => {
    const { lines, totalVnd } = prizeStructureLines(planPrizes());
    expect(lines.map((l) => l.totalVnd)).toEqual([5_000_000, 3_000_000, 4_000_000, 3_000_000, 1_000_000]);
    expect(totalVnd).toBe(16_000_000);
  });

  it('pays only awarded places', () => {
    const a = allocatePrizes({
      prizes: planPrizes(),
      juryRanking: ranked([
        [1, 9],
        [2, 8],
        [3, 7],
      ]),
      voteRanking: ranked([[3, 10]]),
      excluded: [],
      decisions: [],
    });
    // First, second, one third, and the vote prize.
    expect(allocationTotalVnd(a)).toBe(5_000_000 + 3_000_000 + 2_000_000 + 1_000_000);
  });

  it('refuses amounts that are not whole đồng or overflow exactness', () => {
    expect(() => sumVnd([1.5])).toThrow(RangeError);
    expect(() => sumVnd([-1])).toThrow(RangeError);
    expect(() => sumVnd([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => timesVnd(3, 2 ** 52)).toThrow(RangeError);
    expect(timesVnd(12, 500_000)).toBe(6_000_000);
  });

  it('groups digits the Vietnamese way and the English way', () => {
    expect(formatVnd(0)).toBe('0');
    expect(formatVnd(1_500_000)).toBe('1.500.000');
    expect(formatVnd(2_147_483_647, 'en')).toBe('2,147,483,647');
    expect(formatVnd(999)).toBe('999');
  });
});

describe('ceremony order', () => {
  it('runs from consolation up to first, then the most-voted prize', () => {
    const a = allocatePrizes({
      prizes: planPrizes(),
      juryRanking: ranked([
        [1, 9],
        [2, 8],
        [3, 7],
        [4, 6],
        [5, 5],
        [6, 4],
      ]),
      voteRanking: ranked([[9, 10]]),
      excluded: [],
      decisions: [],
    });
    expect(ceremonyOrder(a).map((s) => `${s.prize.name} ${s.place}/${s.of}: ${s.entryId}`)).toEqual([
      'Giải Khuyến khích 1/2: 5',
      'Giải Khuyến khích 2/2: 6',
      'Giải Ba 1/2: 3',
      'Giải Ba 2/2: 4',
      'Giải Nhì 1/1: 2',
      'Giải Nhất 1/1: 1',
      'Giải bình chọn nhiều nhất 1/1: 9',
    ]);
  });
});
