import { describe, expect, it } from 'vitest';
import { hourLabel, hourRange, hourTicks } from './hour-axis.ts';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('the votes-per-hour axis', () => {
  it('spans an hour either side of the hours shown, even when there is only one', () => {
    const h = at('2026-12-07T01:00:00Z');
    expect(hourRange([h])).toEqual([h - 3600, h + 3600]);
    expect(hourRange([h, h + 7200, h + 3600])).toEqual([h - 3600, h + 3 * 3600]);
  });

  it('labels ticks in the contest zone, 24-hour, with the date under the first tick and each midnight', () => {
    // 16:00 and 17:00 UTC are 23:00 and 00:00 the next day in Vietnam.
    const splits = [at('2026-12-07T15:00:00Z'), at('2026-12-07T16:00:00Z'), at('2026-12-07T17:00:00Z')];
    expect(hourTicks(splits, 'Asia/Ho_Chi_Minh')).toEqual(['22:00\n07/12', '23:00', '00:00\n08/12']);
  });

  it('names the hour under the cursor as dd/MM/yyyy HH:mm', () => {
    expect(hourLabel(at('2026-12-07T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('08/12/2026 00:00');
    expect(hourLabel(null, 'Asia/Ho_Chi_Minh')).toBe('—');
  });
});
