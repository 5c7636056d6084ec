/**
 * The resident list: phone numbers the organizers load when only residents may vote. The server keeps each number's
 * keyed hash, as for voters, so the list can be checked without keeping the numbers.
 */
import { headerKey, readCsv } from './csv.ts';
import { describeProblem, problem, type VotingProblem } from './messages.ts';
import { parseVietnameseMobile } from './phone.ts';
import { DEFAULT_TIME_ZONE } from '../time.ts';

export const MAX_RESIDENTS = 500_000;

const PHONE_HEADERS = ['so_dien_thoai', 'dien_thoai', 'sdt', 'so_dt', 'phone', 'phone_number', 'mobile'];

export type ResidentImport =
  | { ok: true; numbers: string[]; duplicates: number }
  | { ok: false; errors: { line: number; message: { vi: string; en: string } }[] };

/**
 * One number a row: either a file with a header that names the phone column (so_dien_thoai, sdt, phone, …) or a
 * plain list with the number in the first column. All or nothing, every bad row listed; repeated numbers count once.
 */
export function parseResidentList(text: string): ResidentImport {
  const read = readCsv(text);
  if (!read.ok) {
    return {
      ok: false,
      errors: [
        {
          line: read.line,
          message: {
            vi: `Dòng ${read.line}: có dấu ngoặc kép mở mà không đóng.`,
            en: `Line ${read.line}: a quotation mark is opened and never closed.`,
          },
        },
      ],
    };
  }
  let rows = read.rows;
  let column = 0;
  const header = rows[0]?.cells.map(headerKey) ?? [];
  const named = header.findIndex((h) => PHONE_HEADERS.includes(h));
  if (named >= 0) {
    column = named;
    rows = rows.slice(1);
  } else if (rows[0] && !/\d/.test(rows[0].cells[0] ?? '')) rows = rows.slice(1);
  const errors: { line: number; message: { vi: string; en: string } }[] = [];
  if (rows.length === 0) {
    errors.push({
      line: 1,
      message: { vi: 'Danh sách không có số điện thoại nào.', en: 'The list has no phone numbers.' },
    });
  }
  if (rows.length > MAX_RESIDENTS) {
    errors.push({
      line: rows[MAX_RESIDENTS]!.line,
      message: {
        vi: `Danh sách có ${rows.length} dòng, quá giới hạn ${MAX_RESIDENTS} dòng.`,
        en: `The list has ${rows.length} rows, above the limit of ${MAX_RESIDENTS}.`,
      },
    });
  }
  const numbers = new Set<string>();
  let duplicates = 0;
  for (const r of errors.length ? [] : rows) {
    const p = parseVietnameseMobile(r.cells[column] ?? '');
    if (!p.ok) {
      const m = describeProblem(p.problem, DEFAULT_TIME_ZONE);
      errors.push({ line: r.line, message: { vi: `Dòng ${r.line}: ${m.vi}`, en: `Line ${r.line}: ${m.en}` } });
    } else if (numbers.has(p.e164)) duplicates++;
    else numbers.add(p.e164);
  }
  return errors.length ? { ok: false, errors } : { ok: true, numbers: [...numbers], duplicates };
}

/** With a resident list in force, a number not on it may not vote. */
export function residentProblem(residentListOnly: boolean, onList: boolean): VotingProblem | null {
  return residentListOnly && !onList ? problem('vote.notResident') : null;
}
