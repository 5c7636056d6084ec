import PDFDocument from 'pdfkit';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ND30_LAYOUT as L, type AdministrativeDocument } from '@core/documents/administrative-document.ts';
import type { Annex } from '@core/documents/annex.ts';
import type { SignatureLines } from '@core/documents/signature-block.ts';
import { MM, TINOS, type FontFace } from './fonts.ts';
import { drawTable } from './pdf-table.ts';

const PAGE_W = L.paper.widthMm * MM;
const PAGE_H = L.paper.heightMm * MM;
const LEFT = L.marginsMm.left * MM;
const RIGHT = PAGE_W - L.marginsMm.right * MM;
const TOP = L.marginsMm.top * MM;
const BOTTOM = PAGE_H - L.marginsMm.bottom * MM;
const WIDTH = RIGHT - LEFT;
const GAP = 1.5;

type Doc = PDFKit.PDFDocument;

function use(doc: Doc, face: FontFace, pt: number): Doc {
  return doc.font(face).fontSize(pt);
}

/** Centred, wrapping text in a column; returns the y below it. */
function centred(doc: Doc, text: string, x: number, w: number, y: number): number {
  doc.text(text, x, y, { width: w, align: 'center', lineGap: GAP });
  return doc.y;
}

function rule(doc: Doc, cx: number, w: number, y: number): void {
  doc
    .moveTo(cx - w / 2, y)
    .lineTo(cx + w / 2, y)
    .lineWidth(0.6)
    .stroke();
}

function header(doc: Doc, d: AdministrativeDocument): number {
  const lw = L.headerColumnsMm.left * MM;
  const rw = L.headerColumnsMm.right * MM;
  const rx = RIGHT - rw;
  let y = TOP;
  if (d.header.left.superior) y = centred(use(doc, 'regular', L.superiorBody.pt), d.header.left.superior, LEFT, lw, y);
  use(doc, 'bold', L.issuingBody.pt);
  for (const line of d.header.left.bodyLines) y = centred(doc, line, LEFT, lw, y);
  rule(doc, LEFT + lw / 2, lw / 3, y + 1);
  const leftEnd = centred(use(doc, 'regular', L.number.pt), d.header.left.number, LEFT, lw, y + 5);

  let ry = centred(use(doc, 'bold', L.nationalName.pt), d.header.right.nationalName, rx, rw, TOP);
  use(doc, 'bold', L.motto.pt);
  const mottoW = doc.widthOfString(d.header.right.motto);
  ry = centred(doc, d.header.right.motto, rx, rw, ry);
  rule(doc, rx + rw / 2, mottoW, ry + 1);
  ry = centred(use(doc, 'italic', L.placeAndDate.pt), d.header.right.placeAndDate, rx, rw, ry + 5);
  return Math.max(leftEnd, ry);
}

/** Starts a new page when fewer than `need` points are left. */
function room(doc: Doc, need: number): void {
  if (doc.y + need > BOTTOM) doc.addPage();
}

function paragraph(doc: Doc, text: string, opts: { face?: FontFace; label?: string; indent?: boolean }): void {
  room(doc, L.body.pt * 2.5);
  const o = {
    width: WIDTH,
    align: 'justify' as const,
    indent: opts.indent === false ? 0 : L.body.firstLineIndentMm * MM,
    lineGap: L.body.pt * (L.body.lineSpacing - 1) + GAP,
    paragraphGap: L.body.paragraphAfterPt,
  };
  if (opts.label) {
    use(doc, 'bold', L.body.pt).text(`${opts.label} `, LEFT, doc.y, { ...o, continued: true });
    use(doc, opts.face ?? 'regular', L.body.pt).text(text, o);
  } else use(doc, opts.face ?? 'regular', L.body.pt).text(text, LEFT, doc.y, o);
}

function signatureColumn(doc: Doc, s: SignatureLines, x: number, w: number, y: number): number {
  use(doc, 'bold', L.signature.pt);
  for (const a of s.authority) y = centred(doc, a, x, w, y);
  return centred(doc, s.fullName, x, w, y + 22 * MM);
}

function signatures(doc: Doc, d: AdministrativeDocument): void {
  const need = (d.signature.authority.length + 2) * (L.signature.pt + GAP) + 26 * MM;
  room(doc, Math.max(need, (d.recipients.length + 1) * (L.recipients.pt + 2)));
  const y = doc.y + 8;
  const lw = WIDTH * 0.45;
  const rw = WIDTH - lw;
  let left = y;
  if (d.cosigners?.length) for (const c of d.cosigners) left = signatureColumn(doc, c, LEFT, lw, left) + 8;
  else if (d.recipients.length) {
    use(doc, 'boldItalic', L.recipientsHeading.pt).text(L.recipientsHeading.text, LEFT, y, { width: lw });
    use(doc, 'regular', L.recipients.pt);
    for (const r of d.recipients) doc.text(r, LEFT, doc.y, { width: lw });
    left = doc.y;
  }
  const right = signatureColumn(doc, d.signature, LEFT + lw, rw, y);
  doc.y = Math.max(left, right);
  doc.x = LEFT;
}

function annex(doc: Doc, a: Annex): void {
  doc.addPage();
  use(doc, 'bold', 14);
  centred(doc, a.title, LEFT, WIDTH, TOP);
  doc.moveDown(0.6);
  drawTable(doc, a, { left: LEFT, width: WIDTH, top: TOP, bottom: BOTTOM });
  doc.moveDown(0.5);
  for (const f of a.footer ?? []) {
    room(doc, 30);
    use(doc, 'italic', 12).text(f, LEFT, doc.y, { width: WIDTH, lineGap: GAP });
  }
}

/**
 * An administrative document (and its annexes) as PDF, laid out per NĐ30 like the DOCX: for reading, printing and
 * the records, where the DOCX is for editing. Tinos is embedded; the page number is printed from the second page.
 */
export async function administrativePdf(d: AdministrativeDocument, annexes: readonly Annex[] = []): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [PAGE_W, PAGE_H],
    margins: { top: TOP, bottom: PAGE_H - BOTTOM, left: LEFT, right: PAGE_W - RIGHT },
    bufferPages: true,
    info: { Title: `${d.typeName} ${d.subject}`, Creator: 'vicontest' },
    lang: 'vi-VN',
  });
  for (const face of Object.keys(TINOS) as FontFace[]) doc.registerFont(face, TINOS[face]);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  doc.pipe(sink);

  let y = header(doc, d) + 14;
  y = centred(use(doc, 'bold', L.typeName.pt), d.typeName, LEFT, WIDTH, y);
  y = centred(use(doc, 'bold', L.subject.pt), d.subject, LEFT + 15 * MM, WIDTH - 30 * MM, y);
  rule(doc, LEFT + WIDTH / 2, 50 * MM, y + 2);
  doc.y = y + 12;
  if (d.issuerLine) {
    doc.y = centred(use(doc, 'bold', L.body.pt), d.issuerLine, LEFT, WIDTH, doc.y) + 4;
  }
  for (const g of d.grounds) paragraph(doc, g, { face: 'italic' });
  if (d.operativeLine) doc.y = centred(use(doc, 'bold', L.body.pt), d.operativeLine, LEFT, WIDTH, doc.y) + 4;
  for (const a of d.articles)
    a.paragraphs.forEach((p, i) => paragraph(doc, p, i === 0 && a.label ? { label: a.label } : {}));
  signatures(doc, d);
  for (const a of annexes) annex(doc, a);

  const range = doc.bufferedPageRange();
  for (let i = 1; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    use(doc, 'regular', L.pageNumber.pt).text(String(i + 1), LEFT, TOP / 2, { width: WIDTH, align: 'center' });
  }
  doc.end();
  await finished(sink);
  return Buffer.concat(chunks);
}
