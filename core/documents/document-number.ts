/**
 * Number and symbol of an administrative document (NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.3): "Số: 15/QĐ-UBND".
 * The number is the issuing body's sequence for the calendar year, from 01 (numbers below 10 take a leading zero);
 * the symbol is the abbreviation of the document type, a hyphen, the issuing body's abbreviation, and optionally a
 * hyphen and the drafting unit's ("Số: 07/QĐ-UBND-NV"). A document without a type name (công văn) has no type part
 * ("Số: 12/UBND-NV"). The number itself is given by the records office when the document is issued: a draft shows
 * the "Số:" line with the number left blank.
 */
import { z } from 'zod';

/** Abbreviations of NĐ30's document types that this product issues. */
export const DOCUMENT_TYPE_ABBR = {
  quyet_dinh: 'QĐ',
  ke_hoach: 'KH',
  thong_bao: 'TB',
  to_trinh: 'TTr',
  bao_cao: 'BC',
  bien_ban: 'BB',
  /** Giấy chứng nhận is not among NĐ30's types; offices number certificates in their own register with "GCN". */
  giay_chung_nhan: 'GCN',
  cong_van: '',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPE_ABBR;

/** A body's abbreviation: capitals (with Đ), digits, and inner hyphens, as in "UBND", "BTC", "VP-HĐND". */
export const bodyAbbrSchema = z
  .string()
  .trim()
  .transform((s) => s.normalize('NFC'))
  .pipe(
    z
      .string()
      .regex(/^[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$/, 'document.abbrInvalid')
      .max(30),
  );

export interface DocumentSymbol {
  type: DocumentType;
  /** Issuing body's abbreviation: "UBND", "BTC". */
  body: string;
  /** Drafting unit's abbreviation, when the body's practice adds it: "NV" for Phòng Nội vụ. */
  unit?: string;
}

export function formatSymbol(s: DocumentSymbol): string {
  const body = bodyAbbrSchema.parse(s.body);
  const parts = [DOCUMENT_TYPE_ABBR[s.type], body];
  if (s.unit) parts.push(bodyAbbrSchema.parse(s.unit));
  return parts.filter(Boolean).join('-');
}

export function padDocumentNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`Not a document number: ${n}`);
  return n < 10 ? `0${n}` : String(n);
}

/** "Số: 15/QĐ-UBND"; `number` null for a draft: "Số:        /QĐ-UBND". */
export function formatDocumentNumber(number: number | null, symbol: DocumentSymbol): string {
  const n = number === null ? '\u00a0'.repeat(8) : padDocumentNumber(number);
  return `Số: ${n}/${formatSymbol(symbol)}`;
}
