/**
 * The submission deadline in words, the same on every page, in reminders and in messages to units. A phase ends at an
 * exclusive instant; a deadline at local midnight reads as the last minute of the day before ("23:59 ngày 11/12/2026"),
 * which is how Vietnamese notices state it.
 */
import type { Lang } from './errors.ts';
import { countdown, formatDate, utcToZonedLocal, zoneOffsetMs } from './time.ts';

/** The countdown is shown, and reminders are sent, from this long before the deadline. */
export const COUNTDOWN_WINDOW_MS = 72 * 3_600_000;

/** Reminders to entrants with an unfinished draft, hours before the deadline; most urgent last. */
export const REMINDER_THRESHOLDS_HOURS = [72, 24] as const;
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS_HOURS)[number];

const VIETNAM_ZONES = new Set(['Asia/Ho_Chi_Minh', 'Asia/Saigon']);

function atMidnight(instant: Date, timeZone: string): boolean {
  return utcToZonedLocal(instant, timeZone).endsWith('T00:00');
}

/** "23:59 ngày 11/12/2026" / "23:59 on 11/12/2026" for an end at midnight; else the end's own time. */
export function deadlineMoment(endsAt: string | Date, timeZone: string, lang: Lang): string {
  const end = new Date(endsAt);
  const shown = atMidnight(end, timeZone) ? new Date(end.getTime() - 60_000) : end;
  const time = utcToZonedLocal(shown, timeZone).slice(11, 16);
  const date = formatDate(shown, timeZone);
  return lang === 'vi' ? `${time} ngày ${date}` : `${time} on ${date}`;
}

/** The zone named in words: "giờ Việt Nam" / "Vietnam time"; another zone by its offset ("giờ UTC+9"). */
export function zoneWords(timeZone: string, at: string | Date, lang: Lang): string {
  if (VIETNAM_ZONES.has(timeZone)) return lang === 'vi' ? 'giờ Việt Nam' : 'Vietnam time';
  const minutes = Math.round(zoneOffsetMs(new Date(at), timeZone) / 60_000);
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const offset = `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
  return lang === 'vi' ? `giờ ${offset}` : `${offset} time`;
}

/** "Hạn nộp: 23:59 ngày 11/12/2026 (giờ Việt Nam)" / "Deadline: 23:59 on 11/12/2026 (Vietnam time)". */
export function deadlineText(endsAt: string | Date, timeZone: string, lang: Lang): string {
  const moment = deadlineMoment(endsAt, timeZone, lang);
  const zone = zoneWords(timeZone, endsAt, lang);
  return lang === 'vi' ? `Hạn nộp: ${moment} (${zone})` : `Deadline: ${moment} (${zone})`;
}

/** "23:59 ngày 11/12/2026 (giờ Việt Nam)": the moment and its zone, to place inside another sentence. */
export function deadlineWithZone(endsAt: string | Date, timeZone: string, lang: Lang): string {
  return `${deadlineMoment(endsAt, timeZone, lang)} (${zoneWords(timeZone, endsAt, lang)})`;
}

const UNITS = {
  vi: { day: ['ngày', 'ngày'], hour: ['giờ', 'giờ'], minute: ['phút', 'phút'], second: ['giây', 'giây'] },
  en: { day: ['day', 'days'], hour: ['hour', 'hours'], minute: ['minute', 'minutes'], second: ['second', 'seconds'] },
} as const;

/**
 * What is left, in the last 72 hours only (null before, and once the deadline has passed): "Còn 2 ngày 3 giờ 12 phút"
 * / "2 days 3 hours 12 minutes left"; in the last hour with seconds ("Còn 12 phút 5 giây").
 */
export function timeLeftText(now: Date, endsAt: string | Date, lang: Lang): string | null {
  const left = countdown(now, new Date(endsAt));
  if (left.totalMs === 0 || left.totalMs > COUNTDOWN_WINDOW_MS) return null;
  const u = UNITS[lang];
  const part = (n: number, w: readonly [string, string]) => `${n} ${w[n === 1 ? 0 : 1]}`;
  const parts: string[] = [];
  if (left.days > 0) parts.push(part(left.days, u.day));
  if (left.days > 0 || left.hours > 0) parts.push(part(left.hours, u.hour));
  parts.push(part(left.minutes, u.minute));
  if (left.days === 0 && left.hours === 0) parts.push(part(left.seconds, u.second));
  return lang === 'vi' ? `Còn ${parts.join(' ')}` : `${parts.join(' ')} left`;
}

/**
 * The grace period (R10, ADR 0005) in plain words: an upload begun before the deadline may finish, and its entry be
 * submitted, until the deadline plus `graceMinutes`; no new upload may begin after the deadline. Null without grace.
 */
export function graceText(endsAt: string | Date, graceMinutes: number, timeZone: string, lang: Lang): string | null {
  if (graceMinutes <= 0) return null;
  const graceEnd = new Date(new Date(endsAt).getTime() + graceMinutes * 60_000);
  const until = deadlineMoment(graceEnd, timeZone, lang);
  return lang === 'vi'
    ? `Tệp đang tải lên từ trước hạn vẫn được tải tiếp và nộp đến ${until} (thêm ${graceMinutes} phút); ` +
        'sau hạn nộp không thể bắt đầu tải tệp mới.'
    : `A file whose upload began before the deadline may finish and be submitted until ${until} ` +
        `(${graceMinutes} more minutes); no new upload can begin after the deadline.`;
}

/** The most urgent reminder due at `now` for a deadline (null outside the last 72 hours or after the deadline). */
export function reminderDue(now: Date, endsAt: string | Date): ReminderThreshold | null {
  const left = new Date(endsAt).getTime() - now.getTime();
  if (left <= 0) return null;
  let due: ReminderThreshold | null = null;
  for (const h of REMINDER_THRESHOLDS_HOURS) if (left <= h * 3_600_000) due = h;
  return due;
}
