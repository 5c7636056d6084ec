import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBordersOptions,
  type ParagraphChild,
} from 'docx';
import { ND30_LAYOUT as L, type AdministrativeDocument } from '@core/documents/administrative-document.ts';
import type { SignatureLines } from '@core/documents/signature-block.ts';
import { formatVnd } from '@core/awards/money.ts';
import type { Annex } from '@core/documents/annex.ts';

const FONT = L.font;
/** Twentieths of a point, rounded: docx's own helper truncates, making A4 one twip short (11905 × 16837). */
const convertMillimetersToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);
const halfPoints = (pt: number) => Math.round(pt * 2);
const NO_BORDERS: IBordersOptions = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};
const CELL_NO_BORDERS = { ...NO_BORDERS };
/** The layout tables' cells have no inner margins, so that the header's columns have their full NĐ30 width. */
const NO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };
const CONTENT_MM = L.paper.widthMm - L.marginsMm.left - L.marginsMm.right;

interface LineStyle {
  pt: number;
  bold?: boolean;
  italic?: boolean;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  after?: number;
  /** A rule under the line, as wide as the middle `ruleMm` millimetres of a box `boxMm` wide. */
  rule?: { ruleMm: number; boxMm: number };
  indentFirstMm?: number;
  lineSpacing?: number;
}

function para(text: string | ParagraphChild[], s: LineStyle): Paragraph {
  const children =
    typeof text === 'string'
      ? [new TextRun({ text, font: FONT, size: halfPoints(s.pt), bold: s.bold, italics: s.italic })]
      : text;
  return new Paragraph({
    children,
    alignment: s.align ?? AlignmentType.CENTER,
    spacing: {
      after: s.rule ? 0 : Math.round((s.after ?? 0) * 20),
      // At single spacing the stacked marks of Vietnamese capitals (Ấ, Ề) touch the line above: 1.1 at least.
      line: Math.round(240 * (s.lineSpacing ?? 1.1)),
    },
    indent: s.indentFirstMm ? { firstLine: convertMillimetersToTwip(s.indentFirstMm) } : {},
  });
}

/**
 * The short rule NĐ30 draws under the issuing body, the motto and the subject: an empty paragraph of its own with a
 * bottom border, indented to the rule's length, so that the text above keeps the full width of its column.
 */
function rule(s: { ruleMm: number; boxMm: number }, afterPt: number): Paragraph {
  const side = convertMillimetersToTwip((s.boxMm - s.ruleMm) / 2);
  return new Paragraph({
    children: [new TextRun({ text: '', size: 2 })],
    spacing: { before: 0, after: Math.round(afterPt * 20), line: 40, lineRule: 'exact' },
    indent: { left: side, right: side },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
}

/** A line, then its rule when the style asks for one. */
function lines(text: string, s: LineStyle): Paragraph[] {
  return s.rule ? [para(text, s), rule(s.rule, s.after ?? 0)] : [para(text, s)];
}

function headerTable(d: AdministrativeDocument): Table {
  const { left: lw, right: rw } = L.headerColumnsMm;
  const left: Paragraph[] = [];
  if (d.header.left.superior) left.push(para(d.header.left.superior, { pt: L.superiorBody.pt }));
  const body = d.header.left.bodyLines;
  body.forEach((line, i) =>
    left.push(
      ...lines(line, {
        pt: L.issuingBody.pt,
        bold: true,
        ...(i === body.length - 1 ? { rule: { ruleMm: lw / 3, boxMm: lw }, after: 6 } : {}),
      }),
    ),
  );
  left.push(para(d.header.left.number, { pt: L.number.pt }));
  const right = [
    para(d.header.right.nationalName, { pt: L.nationalName.pt, bold: true }),
    // The rule under the motto is as long as the motto: about 62 mm at 13 pt.
    ...lines(d.header.right.motto, { pt: L.motto.pt, bold: true, rule: { ruleMm: 62, boxMm: rw }, after: 6 }),
    para(d.header.right.placeAndDate, { pt: L.placeAndDate.pt, italic: true }),
  ];
  return new Table({
    width: { size: convertMillimetersToTwip(lw + rw), type: WidthType.DXA },
    columnWidths: [convertMillimetersToTwip(lw), convertMillimetersToTwip(rw)],
    borders: { ...NO_BORDERS, insideHorizontal: NO_BORDERS.top, insideVertical: NO_BORDERS.top },
    rows: [
      new TableRow({
        children: [
          new TableCell({
            children: left,
            borders: CELL_NO_BORDERS,
            margins: NO_MARGINS,
            width: { size: convertMillimetersToTwip(lw), type: WidthType.DXA },
          }),
          new TableCell({
            children: right,
            borders: CELL_NO_BORDERS,
            margins: NO_MARGINS,
            width: { size: convertMillimetersToTwip(rw), type: WidthType.DXA },
          }),
        ],
      }),
    ],
  });
}

function signatureTable(d: AdministrativeDocument): Table {
  const lw = CONTENT_MM * 0.45;
  const rw = CONTENT_MM - lw;
  const signature = (s: SignatureLines) => [
    ...s.authority.map((a) => para(a, { pt: L.signature.pt, bold: true })),
    // Room for the signature and the seal.
    ...[0, 1, 2, 3].map(() => para('', { pt: L.signature.pt })),
    para(s.fullName, { pt: L.signature.pt, bold: true }),
  ];
  const left = d.cosigners?.length
    ? d.cosigners.flatMap((c, i) => [...(i ? [para('', { pt: L.signature.pt })] : []), ...signature(c)])
    : [
        para(L.recipientsHeading.text, {
          pt: L.recipientsHeading.pt,
          bold: true,
          italic: true,
          align: AlignmentType.LEFT,
        }),
        ...d.recipients.map((r) => para(r, { pt: L.recipients.pt, align: AlignmentType.LEFT })),
      ];
  const right = signature(d.signature);
  return new Table({
    width: { size: convertMillimetersToTwip(CONTENT_MM), type: WidthType.DXA },
    columnWidths: [convertMillimetersToTwip(lw), convertMillimetersToTwip(rw)],
    borders: { ...NO_BORDERS, insideHorizontal: NO_BORDERS.top, insideVertical: NO_BORDERS.top },
    rows: [
      new TableRow({
        children: [
          new TableCell({ children: left, borders: CELL_NO_BORDERS, margins: NO_MARGINS }),
          new TableCell({ children: right, borders: CELL_NO_BORDERS, margins: NO_MARGINS }),
        ],
      }),
    ],
  });
}

function annexBlocks(a: Annex): (Paragraph | Table)[] {
  const money = new Set(a.moneyColumns ?? []);
  const figures = new Set([...money, ...(a.numberColumns ?? [])]);
  const cell = (text: string, opts: { bold?: boolean; right?: boolean } = {}) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      children: [
        para(text, {
          pt: 12,
          bold: opts.bold,
          align: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        }),
      ],
    });
  const header = new TableRow({ tableHeader: true, children: a.columns.map((c) => cell(c, { bold: true })) });
  const rows = a.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.map((v, i) =>
          cell(money.has(i) && typeof v === 'number' ? formatVnd(v) : String(v), { right: figures.has(i) }),
        ),
      }),
  );
  return [
    new Paragraph({ children: [new PageBreak()] }),
    para(a.title, { pt: 14, bold: true, after: 12 }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
    ...(a.footer ?? []).map((f) => para(f, { pt: 13, italic: true, align: AlignmentType.LEFT, after: 3 })),
  ];
}

/**
 * An administrative document as DOCX, laid out per NĐ30 (Phụ lục I): the header table, the type name and subject,
 * the grounds, the articles, the signature block and the recipients; optional annexes on new pages. The page number
 * is shown from the second page on, centred at the top. Word and LibreOffice open it for the office to edit.
 */
export async function administrativeDocx(d: AdministrativeDocument, annexes: readonly Annex[] = []): Promise<Buffer> {
  const body = { pt: L.body.pt, align: AlignmentType.JUSTIFIED, after: L.body.paragraphAfterPt };
  const children: (Paragraph | Table)[] = [
    headerTable(d),
    para('', { pt: 12 }),
    para(d.typeName, { pt: L.typeName.pt, bold: true }),
    ...lines(d.subject, { pt: L.subject.pt, bold: true, rule: { ruleMm: 50, boxMm: CONTENT_MM }, after: 12 }),
  ];
  if (d.issuerLine) children.push(para(d.issuerLine, { pt: L.body.pt, bold: true, after: 6 }));
  for (const g of d.grounds)
    children.push(para(g, { ...body, italic: true, indentFirstMm: L.body.firstLineIndentMm, lineSpacing: 1.15 }));
  if (d.operativeLine) children.push(para(d.operativeLine, { pt: L.body.pt, bold: true, after: 6 }));
  for (const a of d.articles) {
    a.paragraphs.forEach((p, i) => {
      const runs: ParagraphChild[] = [];
      if (i === 0 && a.label)
        runs.push(new TextRun({ text: `${a.label} `, font: FONT, size: halfPoints(L.body.pt), bold: true }));
      runs.push(new TextRun({ text: p, font: FONT, size: halfPoints(L.body.pt) }));
      children.push(para(runs, { ...body, indentFirstMm: L.body.firstLineIndentMm, lineSpacing: L.body.lineSpacing }));
    });
  }
  children.push(para('', { pt: 8 }), signatureTable(d));
  for (const a of annexes) children.push(...annexBlocks(a));

  const doc = new Document({
    creator: 'vicontest',
    title: `${d.typeName} ${d.subject}`,
    styles: { default: { document: { run: { font: FONT, size: halfPoints(L.body.pt) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: {
              width: convertMillimetersToTwip(L.paper.widthMm),
              height: convertMillimetersToTwip(L.paper.heightMm),
            },
            margin: {
              top: convertMillimetersToTwip(L.marginsMm.top),
              bottom: convertMillimetersToTwip(L.marginsMm.bottom),
              left: convertMillimetersToTwip(L.marginsMm.left),
              right: convertMillimetersToTwip(L.marginsMm.right),
            },
          },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: halfPoints(L.pageNumber.pt) }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
