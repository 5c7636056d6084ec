import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatMinutes, formatVnd, phaseRange } from './format.ts';

describe('format', () => {
  it('writes money with Vietnamese grouping', () => {
    expect(formatVnd(5_000_000)).toBe('5.000.000 đ');
    expect(formatVnd(0)).toBe('0 đ');
  });

  it('writes sizes in GB or MB', () => {
    expect(formatBytes(4 * 1024 ** 3)).toBe('4 GB');
    expect(formatBytes(500 * 1024 ** 2)).toBe('500 MB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1,5 GB');
  });

  it('writes durations in minutes', () => {
    expect(formatMinutes(300)).toBe('5');
    expect(formatMinutes(330)).toBe('5:30');
  });

  it('reads a phase of whole days as the plan writes it', () => {
    // 20/06/2024 00:00 to 26/06/2024 00:00 in Viet Nam (UTC+7)
    expect(phaseRange('2024-06-19T17:00:00.000Z', '2024-06-25T17:00:00.000Z', 'Asia/Ho_Chi_Minh')).toEqual({
      wholeDays: true,
      start: '20/06/2024',
      end: '25/06/2024',
    });
  });

  it('shows the times when a phase does not start or end at midnight', () => {
    expect(phaseRange('2024-06-19T17:00:00.000Z', '2024-06-25T10:00:00.000Z', 'Asia/Ho_Chi_Minh')).toEqual({
      wholeDays: false,
      start: '20/06/2024 00:00',
      end: '25/06/2024 17:00',
    });
  });
});

describe('formatDuration', () => {
  it('writes mm:ss, with hours only when needed', () => {
    expect(formatDuration(330)).toBe('05:30');
    expect(formatDuration(59.6)).toBe('01:00');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(0)).toBe('00:00');
  });

  it('is empty when the length is unknown', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
  });
});
