/**
 * The parts of an administrative document and their layout, per Nghị định 30/2020/NĐ-CP (Phụ lục I), as data: the
 * DOCX and PDF renderers on the server lay these out and hold no rule of their own.
 *
 * Header: a two-column table without borders. Left (ô 2, 3): the superior body in capitals, the issuing body in bold
 * capitals with a short rule below, then "Số: …/…". Right (ô 1, 4): the national name in bold capitals, the motto in
 * bold with a rule of its own length below, then the place and date in italics. Then the type name and subject
 * (ô 5a), the body (ô 6), the signature block (ô 7) on the right and the recipients (ô 9) on the left.
 */
import { formatDocumentNumber, type DocumentSymbol } from './document-number.ts';
import { formatPlaceAndDate, type CivilDate } from './place-and-date.ts';
import { signatureLines, type SignatureBlock, type SignatureLines } from './signature-block.ts';
import { docLine, docParagraph, upperVi } from './text.ts';

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Sizes in points, lengths in millimetres; where NĐ30 gives a range, the value chosen and the range. */
export const ND30_LAYOUT = {
  paper: { widthMm: 210, heightMm: 297 },
  /** NĐ30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
  marginsMm: { top: 20, bottom: 20, left: 30, right: 15 },
  /** Times New Roman (named in DOCX); in a PDF the metric-compatible Tinos is embedded. */
  font: 'Times New Roman',
  embeddedFont: 'Tinos',
  /** The header table's columns; the right one must hold the national name on one line. */
  headerColumnsMm: { left: 70, right: 95 },
  nationalName: { pt: 12, range: [12, 13], bold: true, caps: true },
  motto: { pt: 13, range: [13, 14], bold: true, ruleBelow: 'full' },
  superiorBody: { pt: 12, range: [12, 13], bold: false, caps: true },
  issuingBody: { pt: 12, range: [12, 13], bold: true, caps: true, ruleBelow: 'third' },
  number: { pt: 13, range: [13, 13] },
  placeAndDate: { pt: 13, range: [13, 14], italic: true },
  typeName: { pt: 14, range: [13, 14], bold: true, caps: true },
  subject: { pt: 14, range: [13, 14], bold: true, ruleBelow: 'third' },
  body: { pt: 14, range: [13, 14], firstLineIndentMm: 12.7, paragraphAfterPt: 6, lineSpacing: 1.15 },
  signature: { pt: 14, range: [13, 14], bold: true },
  recipientsHeading: { pt: 12, bold: true, italic: true, text: 'Nơi nhận:' },
  recipients: { pt: 11 },
  /** From the second page on, centred in the top margin. */
  pageNumber: { pt: 13, range: [13, 14] },
} as const;

export interface IssuingBody {
  /** The directly superior body, if any, e.g. "UBND huyện Vĩnh Linh" (NĐ30 allows UBND, HĐND abbreviated here). */
  superior?: string;
  /**
   * The issuing body, as lines the way it is set: ["Ban Tổ chức cuộc thi"] or
   * ["Ủy ban nhân dân", "huyện Vĩnh Linh"].
   */
  nameLines: string[];
  /** Its abbreviation in symbols: "UBND", "BTC". */
  abbr: string;
  /** The place name of the date line: "Vĩnh Linh". */
  place: string;
}

export interface HeaderModel {
  left: { superior: string | null; bodyLines: string[]; number: string };
  right: { nationalName: string; motto: string; placeAndDate: string };
}

export interface HeaderInput {
  body: IssuingBody;
  symbol: Omit<DocumentSymbol, 'body'>;
  /** Null while a draft: the records office gives the number. */
  number: number | null;
  /** Null while a draft: the date is written when signed. */
  date: CivilDate | null;
  draftYear?: number;
}

export function headerModel(h: HeaderInput): HeaderModel {
  if (h.body.nameLines.length === 0) throw new RangeError('The issuing body needs a name.');
  return {
    left: {
      superior: h.body.superior ? upperVi(h.body.superior) : null,
      bodyLines: h.body.nameLines.map(upperVi),
      number: formatDocumentNumber(h.number, { ...h.symbol, body: h.body.abbr }),
    },
    right: {
      nationalName: NATIONAL_NAME,
      motto: NATIONAL_MOTTO,
      placeAndDate: formatPlaceAndDate(h.body.place, h.date, h.draftYear),
    },
  };
}

export interface Article {
  /** "Điều 1." */
  label: string;
  paragraphs: string[];
}

export interface AdministrativeDocument {
  header: HeaderModel;
  /** "QUYẾT ĐỊNH" */
  typeName: string;
  /** "Về việc khen thưởng …" */
  subject: string;
  /** The issuer's name and title above the grounds, e.g. "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH". */
  issuerLine: string | null;
  /** "Căn cứ …;" lines. */
  grounds: string[];
  /** "QUYẾT ĐỊNH:" before the articles of a decision. */
  operativeLine: string | null;
  articles: Article[];
  signature: SignatureLines;
  recipients: string[];
  /**
   * Signatures beside the main one, on the left where a decision has its recipients: a record (biên bản) is signed
   * by its secretary and its chair, and has no recipients.
   */
  cosigners?: SignatureLines[];
}

/**
 * The "Nơi nhận" list as NĐ30 sets it: each line starts with "- " and ends with ";", the last is the archive
 * ("Lưu: VT, NV.") and ends with a full stop.
 */
export function recipientLines(recipients: readonly string[], archive: readonly string[]): string[] {
  const lines = recipients.map((r) => `- ${docLine(r).replace(/[;.]+$/, '')};`);
  lines.push(`- Lưu: ${archive.map(docLine).join(', ')}.`);
  return lines;
}

export interface DocumentInput {
  header: HeaderInput;
  typeName: string;
  subject: string;
  issuerLine?: string;
  grounds: string[];
  operative?: boolean;
  articles: Article[];
  signature: SignatureBlock;
  recipients: string[];
  archive: string[];
}

export function administrativeDocument(d: DocumentInput): AdministrativeDocument {
  return {
    header: headerModel(d.header),
    typeName: upperVi(d.typeName),
    subject: docLine(d.subject),
    issuerLine: d.issuerLine ? upperVi(d.issuerLine) : null,
    grounds: d.grounds.map(docLine),
    operativeLine: d.operative ? `${upperVi(d.typeName)}:` : null,
    articles: d.articles.map((a) => ({ label: docLine(a.label), paragraphs: a.paragraphs.map(docParagraph) })),
    signature: signatureLines(d.signature),
    recipients: recipientLines(d.recipients, d.archive),
  };
}
