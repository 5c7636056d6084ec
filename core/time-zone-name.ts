/**
 * A time zone as people read it: "giờ Việt Nam, UTC+7" rather than the database name "Asia/Ho_Chi_Minh", which
 * never appears on screen or in a message. Intl only, so the browser and the server word it alike.
 */
import { zoneOffsetMs } from './time.ts';

type Lang = 'vi' | 'en';

/** Vietnam's zone under both of its database names; other zones are named by Intl. */
const NAMED: Record<string, Record<Lang, string>> = {
  'Asia/Ho_Chi_Minh': { vi: 'giờ Việt Nam', en: 'Vietnam time' },
  'Asia/Saigon': { vi: 'giờ Việt Nam', en: 'Vietnam time' },
};

/** "UTC+7", "UTC+5:30", "UTC−3", "UTC": the zone's offset at `at`. */
export function utcOffsetLabel(timeZone: string, at: Date = new Date()): string {
  const minutes = Math.round(zoneOffsetMs(at, timeZone) / 60000);
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const hm = abs % 60 ? `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}` : String(abs / 60);
  return `UTC${minutes > 0 ? '+' : '−'}${hm}`;
}

/** The zone in words with its offset: "giờ Việt Nam, UTC+7", "Vietnam time, UTC+7", "Japan Standard Time, UTC+9". */
export function timeZoneName(timeZone: string, lang: Lang, at: Date = new Date()): string {
  const offset = utcOffsetLabel(timeZone, at);
  const known = NAMED[timeZone]?.[lang];
  if (known) return `${known}, ${offset}`;
  const long = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone, timeZoneName: 'long' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  if (!long || /^(GMT|UTC)/.test(long)) return offset;
  return `${lang === 'vi' ? long.charAt(0).toLowerCase() + long.slice(1) : long}, ${offset}`;
}
