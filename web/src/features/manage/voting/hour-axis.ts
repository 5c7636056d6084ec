import { formatDateTime, utcToZonedLocal } from '@core/time.ts';

/**
 * The time axis of the votes-per-hour chart, in seconds. uPlot widens a single point to 1,000 days when the axis is
 * in seconds (it adds 86,400 ÷ its `ms` option), so the range comes from the hours themselves: an hour either side.
 */
export function hourRange(hours: readonly number[]): [number, number] {
  return [Math.min(...hours) - 3600, Math.max(...hours) + 3600];
}

/**
 * Tick labels in the contest's zone, as the staff read times elsewhere: "HH:mm", with the date "dd/MM" under the first
 * tick and under each midnight (uPlot's own labels are English month names and AM/PM).
 */
export function hourTicks(splits: readonly number[], timeZone: string): string[] {
  return splits.map((s, i) => {
    const [date, time] = utcToZonedLocal(new Date(s * 1000), timeZone).split('T') as [string, string];
    const [, month, day] = date.split('-');
    return i === 0 || time === '00:00' ? `${time}\n${day}/${month}` : time;
  });
}

/** The hour under the cursor, in the legend: dd/MM/yyyy HH:mm in the contest's zone. */
export function hourLabel(seconds: number | null | undefined, timeZone: string): string {
  return seconds == null ? '—' : formatDateTime(new Date(seconds * 1000), timeZone);
}
