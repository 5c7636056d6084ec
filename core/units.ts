import { z } from 'zod';
import { cleanText, foldVietnamese, isInvisibleText } from './normalize.ts';
import type { UnitCategory } from './contest.ts';
import { titleText } from './text-fields.ts';

export const unitInputSchema = z.object({
  name: titleText(1, 200),
  categoryCode: z.string().trim().min(1).max(40),
  contactEmail: z
    .string()
    .trim()
    .email()
    .max(200)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type UnitInput = z.infer<typeof unitInputSchema>;

export interface ImportRowError {
  row: number;
  message: { vi: string; en: string };
}
export interface ParsedUnits {
  units: UnitInput[];
  errors: ImportRowError[];
}

const NAME_HEADERS = ['ten', 'ten don vi', 'name', 'unit', 'don vi'];
const CATEGORY_HEADERS = ['loai', 'loai don vi', 'category', 'type', 'nhom'];
const EMAIL_HEADERS = ['email', 'thu dien tu', 'e-mail'];

/**
 * Turns rows of a spreadsheet (first row the header) into units. A category may be given by its code or by its
 * name, with or without diacritics ("Xã, thị trấn", "xa, thi tran", "commune"). All errors are reported at once.
 */
export function parseUnitRows(rows: readonly (readonly unknown[])[], categories: readonly UnitCategory[]): ParsedUnits {
  const errors: ImportRowError[] = [];
  const units: UnitInput[] = [];
  const header = (rows[0] ?? []).map((c) => foldVietnamese(String(c ?? '')));
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const nameCol = col(NAME_HEADERS);
  const catCol = col(CATEGORY_HEADERS);
  const emailCol = col(EMAIL_HEADERS);
  if (nameCol < 0 || catCol < 0) {
    return {
      units,
      errors: [
        {
          row: 1,
          message: {
            vi: 'Thiếu cột tiêu đề "ten" và "loai" (hoặc "name" và "category").',
            en: 'The header needs the columns "name" and "category" (or "ten" and "loai").',
          },
        },
      ],
    };
  }
  const byKey = new Map<string, UnitCategory>();
  for (const c of categories) {
    byKey.set(foldVietnamese(c.code), c);
    byKey.set(foldVietnamese(c.name), c);
    if (c.nameEn) byKey.set(foldVietnamese(c.nameEn), c);
  }
  const seen = new Set<string>();
  rows.slice(1).forEach((raw, i) => {
    const rowNo = i + 2;
    const cell = (k: number) => (k >= 0 ? String(raw[k] ?? '').trim() : '');
    const name = cleanText(cell(nameCol));
    const cat = cell(catCol);
    if (!name && !cat) return; // blank line
    if (!name || isInvisibleText(name)) {
      errors.push({ row: rowNo, message: { vi: 'Thiếu tên đơn vị.', en: 'The unit name is missing.' } });
      return;
    }
    const category = byKey.get(foldVietnamese(cat));
    if (!category) {
      const allowed = categories.map((c) => c.name).join(', ');
      errors.push({
        row: rowNo,
        message: {
          vi: `Loại đơn vị "${cat}" không hợp lệ; dùng một trong: ${allowed}.`,
          en: `Category "${cat}" is not valid; use one of: ${categories.map((c) => c.nameEn ?? c.code).join(', ')}.`,
        },
      });
      return;
    }
    const key = foldVietnamese(name);
    if (seen.has(key)) {
      errors.push({
        row: rowNo,
        message: { vi: `Đơn vị "${name}" bị lặp trong tệp.`, en: `Unit "${name}" appears twice in the file.` },
      });
      return;
    }
    seen.add(key);
    const parsed = unitInputSchema.safeParse({ name, categoryCode: category.code, contactEmail: cell(emailCol) });
    if (!parsed.success) {
      errors.push({
        row: rowNo,
        message: { vi: 'Thư điện tử liên hệ không hợp lệ.', en: 'The contact e-mail is not valid.' },
      });
      return;
    }
    units.push(parsed.data);
  });
  return { units, errors };
}

/** Splits CSV text (RFC 4180: quotes, doubled quotes, CRLF; comma or semicolon as Excel writes in vi-VN). */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
