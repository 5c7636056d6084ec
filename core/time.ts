// Time zone arithmetic with Intl only, so that core stays free of I/O and heavy libraries.

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function intlPartsIn(instant: Date, timeZone: string): Parts {
  let fmt = partFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, fmt);
  }
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour!,
    minute: out.minute!,
    second: out.second!,
  };
}

function offsetOf(p: Parts, instantMs: number): number {
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instantMs / 1000) * 1000;
}

/**
 * A zone's offset from UTC by quarter hour, or null for a quarter hour in which it changes. Asking Intl costs a few
 * microseconds, and a vote or a page asks a dozen times; offsets change at most once in any quarter hour, so one that
 * is the same at both ends of it holds throughout.
 */
const QUARTER_HOUR = 15 * 60_000;
const quarterOffsets = new Map<string, number | null>();

function quarterOffset(instantMs: number, timeZone: string): number | null {
  const start = Math.floor(instantMs / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone}|${start}`;
  let offset = quarterOffsets.get(key);
  if (offset === undefined) {
    const first = offsetOf(intlPartsIn(new Date(start), timeZone), start);
    const end = start + QUARTER_HOUR - 1000;
    offset = first === offsetOf(intlPartsIn(new Date(end), timeZone), end) ? first : null;
    if (quarterOffsets.size >= 10_000) quarterOffsets.clear();
    quarterOffsets.set(key, offset);
  }
  return offset;
}

function partsIn(instant: Date, timeZone: string): Parts {
  const ms = instant.getTime();
  const offset = Number.isFinite(ms) ? quarterOffset(ms, timeZone) : null;
  if (offset === null) return intlPartsIn(instant, timeZone);
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** Offset of the zone from UTC at the given instant, in milliseconds. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Converts a wall-clock time in a zone ("2024-06-20T00:00" or "2024-06-20") to a UTC instant. */
export function zonedToUtc(local: string, timeZone: string): Date {
  const m = LOCAL_RE.exec(local);
  if (!m) throw new RangeError(`Not a local date-time: ${local}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  let guess = wall - zoneOffsetMs(new Date(wall), timeZone);
  // A second pass settles instants near an offset change.
  guess = wall - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** The wall-clock time of an instant in a zone, as "yyyy-MM-ddTHH:mm" (the value of an HTML datetime-local input). */
export function utcToZonedLocal(instant: Date | string, timeZone: string): string {
  const p = partsIn(new Date(instant), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** dd/MM/yyyy in the given zone: the date format of Vietnamese official documents. */
export function formatDate(instant: Date | string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = partsIn(new Date(instant), timeZone);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** dd/MM/yyyy HH:mm in the given zone. */
export function formatDateTime(instant: Date | string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = partsIn(new Date(instant), timeZone);
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

function computeStartOfLocalDay(instant: Date, timeZone: string, days: number): Date {
  const p = partsIn(instant, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return zonedToUtc(d.toISOString().slice(0, 10), timeZone);
}

/** A local day: its first instant, the next day's first (ms since the epoch), and its date as "yyyy-MM-dd". */
export interface LocalDay {
  start: number;
  end: number;
  label: string;
}

// Days already worked out, per zone, latest last: every vote asks for its day several times, and working one out
// asks Intl or the offsets' cache a few times over.
const knownDays = new Map<string, LocalDay[]>();

/** The local day containing the instant. */
export function localDayOf(instant: Date, timeZone: string): LocalDay {
  const t = instant.getTime();
  let days = knownDays.get(timeZone);
  if (!days) knownDays.set(timeZone, (days = []));
  for (let i = days.length - 1; i >= 0; i--) {
    const d = days[i]!;
    if (t >= d.start && t < d.end) return d;
  }
  const day = {
    start: computeStartOfLocalDay(instant, timeZone, 0).getTime(),
    end: computeStartOfLocalDay(instant, timeZone, 1).getTime(),
    label: utcToZonedLocal(instant, timeZone).slice(0, 10),
  };
  if (days.length >= 400) days.shift();
  days.push(day);
  return day;
}

/** Midnight that starts the local day containing the instant, plus `days` days, as a UTC instant. */
export function startOfLocalDay(instant: Date, timeZone: string, days = 0): Date {
  if (days === 0) return new Date(localDayOf(instant, timeZone).start);
  if (days === 1) return new Date(localDayOf(instant, timeZone).end);
  return computeStartOfLocalDay(instant, timeZone, days);
}

// Building a formatter to test a zone is slow, and every contest read checks its zone.
const knownZones = new Map<string, boolean>();

export function isValidTimeZone(tz: string): boolean {
  let ok = knownZones.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    if (knownZones.size < 1000) knownZones.set(tz, ok);
  }
  return ok;
}

export interface Countdown {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  totalMs: number;
}

export function countdown(from: Date, to: Date): Countdown {
  const totalMs = Math.max(0, to.getTime() - from.getTime());
  let s = Math.floor(totalMs / 1000);
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const hours = Math.floor(s / 3600);
  s -= hours * 3600;
  const minutes = Math.floor(s / 60);
  s -= minutes * 60;
  return { days, hours, minutes, seconds: s, totalMs };
}
