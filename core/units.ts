import { z } from 'zod';
import { cleanText, foldVietnamese, isInvisibleText, nfc, normalizePhone } from './normalize.ts';
import type { UnitCategory } from './contest.ts';
import { titleText } from './text-fields.ts';

/** A unit's contact person may be sent a "Nhắc nhở" at most once in this many hours. */
export const UNIT_REMINDER_INTERVAL_HOURS = 12;

/** When a unit reminded at `last` may be reminded again (null: never reminded, so now). */
export function nextReminderAt(last: string | null | undefined): string | null {
  return last ? new Date(Date.parse(last) + UNIT_REMINDER_INTERVAL_HOURS * 3_600_000).toISOString() : null;
}

/** An optional text field: blank is the same as absent. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v ? nfc(v) : undefined))
    .optional();

export const unitInputSchema = z.object({
  name: titleText(1, 200),
  categoryCode: z.string().trim().min(1).max(40),
  /** The unit's contact person: who the organizers call or remind (issue 10). All optional. */
  contactName: optionalText(120),
  contactPosition: optionalText(120),
  /** Stored normalized ("0912345678"); refused when it is not a Vietnamese mobile or landline number. */
  contactPhone: z
    .string()
    .trim()
    .max(30)
    .refine((v) => v === '' || normalizePhone(v) !== null, { message: 'phone.invalid' })
    .transform((v) => (v ? (normalizePhone(v) ?? undefined) : undefined))
    .optional(),
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
const CONTACT_HEADERS = ['nguoi lien he', 'ho ten nguoi lien he', 'ho va ten nguoi lien he', 'contact', 'contact name'];
const POSITION_HEADERS = ['chuc vu', 'position'];
const PHONE_HEADERS = ['dien thoai', 'so dien thoai', 'phone'];

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
  const contactCol = col(CONTACT_HEADERS);
  const positionCol = col(POSITION_HEADERS);
  const phoneCol = col(PHONE_HEADERS);
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
    const parsed = unitInputSchema.safeParse({
      name,
      categoryCode: category.code,
      contactEmail: cell(emailCol),
      contactName: cell(contactCol),
      contactPosition: cell(positionCol),
      contactPhone: cell(phoneCol),
    });
    if (!parsed.success) {
      const phone = parsed.error.issues.some((i) => i.path[0] === 'contactPhone');
      errors.push({
        row: rowNo,
        message: phone
          ? {
              vi:
                `Số điện thoại liên hệ "${cell(phoneCol)}" không hợp lệ; ghi 10 số di động hoặc 11 số máy bàn, ` +
                'bắt đầu bằng 0.',
              en:
                `The contact phone "${cell(phoneCol)}" is not valid; write the 10-digit mobile or 11-digit ` +
                'landline number starting with 0.',
            }
          : { vi: 'Thư điện tử liên hệ không hợp lệ.', en: 'The contact e-mail is not valid.' },
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
