/**
 * Importing fanpage figures from a CSV file: a header row, then one row per entry with its code, the post's link and
 * its reactions, shares and comments. All or nothing: any bad row and nothing is imported; every bad row is listed
 * with its line and the reason.
 */
import { headerKey, readCsv } from './csv.ts';
import { type FanpageCounts, isFacebookPostUrl } from './fanpage.ts';

export const FANPAGE_COLUMNS = ['entry', 'postUrl', 'reactions', 'shares', 'comments'] as const;
export type FanpageColumn = (typeof FANPAGE_COLUMNS)[number];

/** Header names accepted for each column (folded: lower case, no diacritics, underscores). */
const ALIASES: Record<FanpageColumn, readonly string[]> = {
  entry: ['ma_tac_pham', 'ma_so', 'ma', 'entry_code', 'entry', 'code'],
  postUrl: ['lien_ket', 'duong_dan', 'link', 'bai_dang', 'lien_ket_bai_dang', 'post_link', 'post_url', 'url'],
  reactions: ['cam_xuc', 'luot_cam_xuc', 'so_luot_cam_xuc', 'luot_thich', 'thich', 'reactions', 'likes'],
  shares: ['chia_se', 'luot_chia_se', 'so_luot_chia_se', 'shares'],
  comments: ['binh_luan', 'luot_binh_luan', 'so_binh_luan', 'comments'],
};

const COLUMN_NAMES: Record<FanpageColumn, { vi: string; en: string }> = {
  entry: { vi: 'mã tác phẩm', en: 'entry code' },
  postUrl: { vi: 'liên kết bài đăng', en: 'post link' },
  reactions: { vi: 'lượt cảm xúc', en: 'reactions' },
  shares: { vi: 'lượt chia sẻ', en: 'shares' },
  comments: { vi: 'bình luận', en: 'comments' },
};

export const MAX_COUNT = 1_000_000_000;
export const MAX_ROWS = 2000;

export interface FanpageImportRow extends FanpageCounts {
  line: number;
  entry: string;
  postUrl: string;
}

export interface RowError {
  /** Line in the file (1-based). */
  line: number;
  field: FanpageColumn | null;
  message: { vi: string; en: string };
}

export type FanpageImport = { ok: true; rows: FanpageImportRow[] } | { ok: false; errors: RowError[] };

/**
 * A whole number as a Vietnamese or English spreadsheet writes it: "1234", "1.234", "1,234" or "1 234" (thousands
 * grouped by three). Null for anything else (a decimal, a sign, letters such as "1,2K").
 */
export function readCount(cell: string): number | null {
  const s = cell.normalize('NFKC').trim();
  if (!/^\d+$/.test(s) && !/^\d{1,3}([.,\s\u00a0])\d{3}(?:\1\d{3})*$/.test(s)) return null;
  const n = Number(s.replace(/[.,\s\u00a0]/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

export function parseFanpageCsv(text: string, entryCodes: readonly string[]): FanpageImport {
  const errors: RowError[] = [];
  const err = (line: number, field: FanpageColumn | null, vi: string, en: string) =>
    errors.push({ line, field, message: { vi: vi.normalize('NFC'), en } });
  const read = readCsv(text);
  if (!read.ok) {
    err(
      read.line,
      null,
      `Dòng ${read.line}: có dấu ngoặc kép mở mà không đóng. Hãy lưu lại tệp từ Excel dưới dạng CSV rồi nhập lại.`,
      `Line ${read.line}: a quotation mark is opened and never closed. ` +
        'Save the file from Excel as CSV again and import it.',
    );
    return { ok: false, errors };
  }
  const [head, ...body] = read.rows;
  if (!head || body.length === 0) {
    err(
      1,
      null,
      'Tệp không có dữ liệu: ' +
        'cần một dòng tiêu đề (mã tác phẩm, liên kết, cảm xúc, chia sẻ, bình luận) và mỗi tác phẩm một dòng.',
      'The file has no data: ' +
        'it needs a header row (entry code, post link, reactions, shares, comments) and one row per entry.',
    );
    return { ok: false, errors };
  }
  const keys = head.cells.map(headerKey);
  const index = {} as Record<FanpageColumn, number>;
  const missing: FanpageColumn[] = [];
  for (const c of FANPAGE_COLUMNS) {
    const i = keys.findIndex((k) => ALIASES[c].includes(k));
    if (i < 0) missing.push(c);
    else index[c] = i;
  }
  if (missing.length) {
    err(
      head.line,
      null,
      `Dòng tiêu đề thiếu cột: ${missing.map((c) => COLUMN_NAMES[c].vi).join(', ')}. ` +
        'Các cột cần có: mã tác phẩm, liên kết, cảm xúc, chia sẻ, bình luận.',
      `The header row lacks: ${missing.map((c) => COLUMN_NAMES[c].en).join(', ')}. ` +
        'The columns needed are: entry code, post link, reactions, shares, comments.',
    );
    return { ok: false, errors };
  }
  if (body.length > MAX_ROWS) {
    err(
      body[MAX_ROWS]!.line,
      null,
      `Tệp có ${body.length} dòng, quá giới hạn ${MAX_ROWS} dòng. Mỗi tác phẩm chỉ cần một dòng.`,
      `The file has ${body.length} rows, above the limit of ${MAX_ROWS}. Each entry needs one row only.`,
    );
    return { ok: false, errors };
  }

  const known = new Map(entryCodes.map((c) => [c.trim().toLowerCase(), c]));
  const seen = new Map<string, number>();
  const rows: FanpageImportRow[] = [];
  for (const r of body) {
    const cell = (c: FanpageColumn) => (r.cells[index[c]] ?? '').trim();
    const before = errors.length;
    const rawCode = cell('entry');
    const code = known.get(rawCode.toLowerCase());
    if (!rawCode)
      err(r.line, 'entry', `Dòng ${r.line}: thiếu mã tác phẩm.`, `Line ${r.line}: the entry code is missing.`);
    else if (!code) {
      err(
        r.line,
        'entry',
        `Dòng ${r.line}: không có tác phẩm mã "${rawCode}" trong số tác phẩm đang đăng công khai.`,
        `Line ${r.line}: no entry in the public gallery has the code "${rawCode}".`,
      );
    } else if (seen.has(code)) {
      err(
        r.line,
        'entry',
        `Dòng ${r.line}: mã tác phẩm ${code} đã có ở dòng ${seen.get(code)}; mỗi tác phẩm chỉ một dòng.`,
        `Line ${r.line}: entry ${code} is already on line ${seen.get(code)}; one row per entry.`,
      );
    } else seen.set(code, r.line);

    const url = cell('postUrl');
    if (!isFacebookPostUrl(url)) {
      err(
        r.line,
        'postUrl',
        `Dòng ${r.line}: liên kết "${url}" không phải liên kết tới ` +
          'một bài đăng trên Facebook (https://www.facebook.com/…).',
        `Line ${r.line}: "${url}" is not a link to a Facebook post (https://www.facebook.com/…).`,
      );
    }
    const counts = {} as FanpageCounts;
    for (const c of ['reactions', 'shares', 'comments'] as const) {
      const n = readCount(cell(c));
      if (n === null || n > MAX_COUNT) {
        err(
          r.line,
          c,
          `Dòng ${r.line}: ${COLUMN_NAMES[c].vi} "${cell(c)}" phải là số nguyên không âm (ví dụ 1234 hoặc 1.234).`,
          `Line ${r.line}: ${COLUMN_NAMES[c].en} "${cell(c)}" must ` +
            'be a whole number, not negative (e.g. 1234 or 1,234).',
        );
      } else counts[c] = n;
    }
    if (errors.length === before) rows.push({ line: r.line, entry: code!, postUrl: url, ...counts });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
