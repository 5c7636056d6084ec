import { describe, expect, it } from 'vitest';
import { englishNumberWords, vietnameseNumberWords, vndInEnglishWords, vndInWords } from './amount-in-words.ts';

describe('amounts in Vietnamese words', () => {
  it.each([
    [0, 'Không đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'],
    [20, 'Hai mươi đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi tư đồng'],
    [25, 'Hai mươi lăm đồng'],
    [55, 'Năm mươi lăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [104, 'Một trăm linh bốn đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [115, 'Một trăm mười lăm đồng'],
    [1_005, 'Một nghìn không trăm linh năm đồng'],
    [1_010, 'Một nghìn không trăm mười đồng'],
    [1_000_000, 'Một triệu đồng'],
    [1_000_005, 'Một triệu không trăm linh năm đồng'],
    [1_500_000, 'Một triệu năm trăm nghìn đồng'],
    [10_050_000, 'Mười triệu không trăm năm mươi nghìn đồng'],
    [21_000_000, 'Hai mươi mốt triệu đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [2_000_001_000, 'Hai tỷ không trăm linh một nghìn đồng'],
    [2_147_483_647, 'Hai tỷ một trăm bốn mươi bảy triệu bốn trăm tám mươi ba nghìn sáu trăm bốn mươi bảy đồng'],
    [1_000_000_000_000, 'Một nghìn tỷ đồng'],
    [1_000_001_000_000, 'Một nghìn tỷ không trăm linh một triệu đồng'],
  ])('%i đồng → %s', (n, words) => {
    expect(vndInWords(n)).toBe(words);
  });

  it('writes the demo contest prize total (5 + 3 + 2×2 + 3×1 + 1 million)', () => {
    expect(vndInWords(16_000_000)).toBe('Mười sáu triệu đồng');
  });

  it('refuses what is not a whole, non-negative, safe amount', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => vietnameseNumberWords(bad)).toThrow(RangeError);
      expect(() => englishNumberWords(bad)).toThrow(RangeError);
    }
  });

  it('reads the largest safe integer without repeating a scale word wrongly', () => {
    expect(vietnameseNumberWords(Number.MAX_SAFE_INTEGER)).toBe(
      'chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ hai ' +
        'trăm năm mươi tư triệu bảy trăm bốn mươi nghìn chín trăm chín mươi mốt',
    );
  });
});

describe('amounts in English words', () => {
  it.each([
    [0, 'Zero dong'],
    [5, 'Five dong'],
    [10, 'Ten dong'],
    [15, 'Fifteen dong'],
    [21, 'Twenty-one dong'],
    [101, 'One hundred one dong'],
    [1_005, 'One thousand five dong'],
    [1_000_000, 'One million dong'],
    [1_500_000, 'One million five hundred thousand dong'],
    [10_050_000, 'Ten million fifty thousand dong'],
    [1_000_000_000, 'One billion dong'],
    [
      2_147_483_647,
      'Two billion one hundred forty-seven million four hundred eighty-three thousand six hundred forty-seven dong',
    ],
  ])('%i → %s', (n, words) => {
    expect(vndInEnglishWords(n)).toBe(words);
  });
});
