/**
 * Place and date of an administrative document (NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.4): "Vĩnh Linh, ngày 06 tháng 12
 * năm 2026". Day, month and year in Arabic figures; a day below 10 and the months 1 and 2 take a leading zero (so that
 * no one can turn 5 into 15 or 1 into 11 or 12 with a stroke); months 3 to 9 do not, there being no month 13.
 */
import { DEFAULT_TIME_ZONE, utcToZonedLocal } from '../time.ts';
import { docLine } from './text.ts';

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilDateOf(instant: Date | string, timeZone: string = DEFAULT_TIME_ZONE): CivilDate {
  const [y, m, d] = utcToZonedLocal(instant, timeZone).slice(0, 10).split('-').map(Number);
  return { year: y!, month: m!, day: d! };
}

export function nd30Day(day: number): string {
  return day < 10 ? `0${day}` : String(day);
}

export function nd30Month(month: number): string {
  return month <= 2 ? `0${month}` : String(month);
}

function checkDate(d: CivilDate): void {
  const ok =
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
  if (!ok) throw new RangeError(`Not a date: ${d.year}-${d.month}-${d.day}`);
}

/** Blanks a clerk fills in by hand on a draft, as in the plan's own header ("ngày     tháng     năm 2024"). */
const BLANK = '\u00a0'.repeat(5);

/**
 * "Vĩnh Linh, ngày 06 tháng 12 năm 2026". `date` null gives a draft with the day and month left blank for the
 * records office (văn thư) and the year given by `draftYear`.
 */
export function formatPlaceAndDate(place: string, date: CivilDate | null, draftYear?: number): string {
  const where = docLine(place);
  if (!where) throw new RangeError('A document needs its place name (địa danh).');
  if (!date) return `${where}, ngày${BLANK}tháng${BLANK}năm ${draftYear ?? ''}`.trimEnd();
  checkDate(date);
  return `${where}, ngày ${nd30Day(date.day)} tháng ${nd30Month(date.month)} năm ${date.year}`;
}

/** The English rendering of the same line, for the English version of a document: "Vinh Linh, 6 December 2026". */
export function formatPlaceAndDateEn(place: string, date: CivilDate): string {
  checkDate(date);
  const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(date.year, date.month - 1, 1)),
  );
  return `${docLine(place)}, ${date.day} ${month} ${date.year}`;
}
