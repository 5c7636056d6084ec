import PDFDocument from 'pdfkit';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { PaperSheet } from '@core/judging/paper-sheet.ts';
import { MM, TINOS, type FontFace } from './fonts.ts';
import { drawTable } from './pdf-table.ts';

const PAGE_W = 297 * MM;
const PAGE_H = 210 * MM;
const LEFT = 15 * MM;
const RIGHT = PAGE_W - 15 * MM;
const TOP = 12 * MM;
const BOTTOM = PAGE_H - 12 * MM;
const WIDTH = RIGHT - LEFT;

function sheetPages(doc: PDFKit.PDFDocument, s: PaperSheet): void {
  doc.addPage({ size: [PAGE_W, PAGE_H], margin: 0 });
  const use = (face: FontFace, pt: number) => doc.font(face).fontSize(pt);
  const issuerW = 90 * MM;
  let y = TOP;
  if (s.issuer.superior) {
    use('regular', 11).text(s.issuer.superior, LEFT, y, { width: issuerW, align: 'center' });
    y = doc.y;
  }
  use('bold', 11);
  for (const line of s.issuer.bodyLines) {
    doc.text(line, LEFT, y, { width: issuerW, align: 'center' });
    y = doc.y;
  }
  use('bold', 16).text(s.title, LEFT, y + 4, { width: WIDTH, align: 'center' });
  use('bold', 12).text(s.subtitle, LEFT, doc.y + 1, { width: WIDTH, align: 'center' });
  use('regular', 12).text(s.jurorLine, LEFT, doc.y + 6, { width: WIDTH });
  use('italic', 10);
  for (const r of s.rules) doc.text(`• ${r}`, LEFT, doc.y + 1, { width: WIDTH });
  doc.y += 6;
  drawTable(doc, s.table, { left: LEFT, width: WIDTH, top: TOP, bottom: BOTTOM - 40 * MM, pt: 10, minRowHeight: 26 });

  // The juror's signature under the table, on a new page if the table left no room.
  if (doc.y + 40 * MM > BOTTOM) doc.addPage({ size: [PAGE_W, PAGE_H], margin: 0 });
  const sigW = 100 * MM;
  const sigX = RIGHT - sigW;
  let sy = doc.y + 8;
  use('italic', 12).text(s.placeAndDate, sigX, sy, { width: sigW, align: 'center' });
  sy = doc.y + 2;
  use('bold', 12).text(s.signature.title, sigX, sy, { width: sigW, align: 'center' });
  use('italic', 10).text(s.signature.hint, sigX, doc.y, { width: sigW, align: 'center' });
  use('bold', 12).text(s.signature.fullName, sigX, doc.y + 20 * MM, { width: sigW, align: 'center' });
}

/** The printed score sheets, one juror after another (each from a new page), as one PDF: A4 landscape, Tinos. */
export async function scoreSheetsPdf(sheets: readonly PaperSheet[]): Promise<Buffer> {
  if (sheets.length === 0) throw new RangeError('No score sheet to print.');
  const doc = new PDFDocument({
    autoFirstPage: false,
    info: { Title: 'Phiếu chấm', Creator: 'vicontest' },
    lang: 'vi-VN',
  });
  for (const face of Object.keys(TINOS) as FontFace[]) doc.registerFont(face, TINOS[face]);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  doc.pipe(sink);
  for (const s of sheets) sheetPages(doc, s);
  doc.end();
  await finished(sink);
  return Buffer.concat(chunks);
}
