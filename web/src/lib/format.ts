import { formatDate, formatDateTime, utcToZonedLocal } from '@core/time.ts';

const vnd = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** Money in đồng with Vietnamese grouping: 5000000 → "5.000.000 đ". */
export function formatVnd(amount: number): string {
  return `${vnd.format(amount)} đ`;
}

const MB = 1024 ** 2;
const GB = 1024 ** 3;

const size = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** A file size limit as organizers write it: "4 GB", "1,5 GB", "500 MB". */
export function formatBytes(bytes: number): string {
  return bytes >= GB ? `${size.format(bytes / GB)} GB` : `${size.format(bytes / MB)} MB`;
}

/** Whole minutes as a number, or minutes and seconds ("5:30") when the limit is not a whole minute. */
export function formatMinutes(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? String(m) : `${m}:${String(s).padStart(2, '0')}`;
}

interface PhaseRange {
  /** Both edges fall on midnight in the contest's zone, so the phase covers whole days. */
  wholeDays: boolean;
  start: string;
  /** With whole days, the last day of the phase (its end is the midnight after it). */
  end: string;
}

/**
 * How a phase reads in a Vietnamese plan: "20/06/2024 – hết ngày 25/06/2024" when it covers whole days,
 * otherwise with the times.
 */
export function phaseRange(startsAt: string, endsAt: string, timeZone: string): PhaseRange {
  const atMidnight = (iso: string) => utcToZonedLocal(iso, timeZone).endsWith('T00:00');
  if (atMidnight(startsAt) && atMidnight(endsAt)) {
    return {
      wholeDays: true,
      start: formatDate(startsAt, timeZone),
      end: formatDate(new Date(Date.parse(endsAt) - 1), timeZone),
    };
  }
  return { wholeDays: false, start: formatDateTime(startsAt, timeZone), end: formatDateTime(endsAt, timeZone) };
}

/** A video's length as mm:ss: 330 → "05:30", 3725 → "1:02:05"; empty when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return `${h > 0 ? `${h}:` : ''}${String(m).padStart(2, '0')}:${s}`;
}
