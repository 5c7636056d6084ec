import { describe, expect, it } from 'vitest';
import { formatNumber } from './format.ts';

describe('formatNumber', () => {
  it('writes a decimal comma in Vietnamese and a point in English', () => {
    expect(formatNumber(7.7, 'vi')).toBe('7,7');
    expect(formatNumber(7.7, 'en')).toBe('7.7');
  });

  it('fixes the places when asked, rounding half away from zero', () => {
    expect(formatNumber(7.5, 'vi', 2)).toBe('7,50');
    expect(formatNumber(8.125, 'en', 2)).toBe('8.13');
    expect(formatNumber(9, 'vi', 1)).toBe('9,0');
  });

  it('drops trailing zeros and keeps at most three places without a fixed number', () => {
    expect(formatNumber(8, 'vi')).toBe('8');
    expect(formatNumber(6.25, 'vi')).toBe('6,25');
    expect(formatNumber(1 / 3, 'en')).toBe('0.333');
  });

  it('never groups thousands (scores and totals stay short; 1000 is not 1.000)', () => {
    expect(formatNumber(1000, 'vi')).toBe('1000');
    expect(formatNumber(-2.5, 'vi')).toBe('-2,5');
  });
});
