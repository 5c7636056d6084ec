import PDFDocument from 'pdfkit';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CERTIFICATE_LAYOUT as L, type CertificateModel } from '@core/documents/certificate.ts';
import { fitText } from '@core/documents/fit-text.ts';
import { MM, TINOS, type FontFace } from './fonts.ts';
import { drawQr, qrMatrix } from './qr.ts';

const PAGE_W = L.paper.widthMm * MM;
const PAGE_H = L.paper.heightMm * MM;
const LEFT = L.marginsMm.left * MM;
const RIGHT = PAGE_W - L.marginsMm.right * MM;
const CONTENT_W = RIGHT - LEFT;

function newDocument(title: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: [PAGE_W, PAGE_H],
    margin: 0,
    autoFirstPage: false,
    info: { Title: title, Creator: 'vicontest' },
    lang: 'vi-VN',
  });
  for (const face of Object.keys(TINOS) as FontFace[]) doc.registerFont(face, TINOS[face]);
  return doc;
}

function font(doc: PDFKit.PDFDocument, face: FontFace, pt: number): PDFKit.PDFDocument {
  return doc.font(face).fontSize(pt);
}

/** Centred text of one line in [x, x+w] at y; returns the y below it. */
function centred(doc: PDFKit.PDFDocument, text: string, x: number, w: number, y: number, gap = 2): number {
  doc.text(text, x, y, { width: w, align: 'center', lineBreak: false });
  return y + doc.currentLineHeight() + gap;
}

/** Lines fitted to the layout's box: the largest size at which the text takes at most so many lines. */
function fitted(
  doc: PDFKit.PDFDocument,
  text: string,
  face: FontFace,
  box: { sizes: readonly number[]; maxLines: number; widthMm: number },
  y: number,
  colour = '#000000',
): number {
  const measure = (s: string, size: number) => doc.font(face).fontSize(size).widthOfString(s);
  const f = fitText(text, { sizes: box.sizes, maxLines: box.maxLines, maxWidth: box.widthMm * MM }, measure);
  font(doc, face, f.size).fillColor(colour);
  const x = (PAGE_W - box.widthMm * MM) / 2;
  for (const line of f.lines) y = centred(doc, line, x, box.widthMm * MM, y, 1);
  doc.fillColor('#000000');
  return y + 4;
}

function drawBorder(doc: PDFKit.PDFDocument): void {
  const inset = L.border.insetMm * MM;
  doc.save().strokeColor(L.border.colour);
  doc
    .lineWidth(2.2)
    .rect(inset, inset, PAGE_W - 2 * inset, PAGE_H - 2 * inset)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(inset + 4, inset + 4, PAGE_W - 2 * inset - 8, PAGE_H - 2 * inset - 8)
    .stroke();
  doc.restore();
}

function drawHeader(doc: PDFKit.PDFDocument, m: CertificateModel): number {
  const top = L.marginsMm.top * MM + 6;
  const leftW = 105 * MM;
  const rightW = 125 * MM;
  const rightX = RIGHT - rightW;

  let y = top;
  if (m.header.superior) {
    font(doc, 'regular', L.header.pt);
    y = centred(doc, m.header.superior, LEFT, leftW, y);
  }
  font(doc, 'bold', L.header.pt);
  for (const line of m.header.bodyLines) y = centred(doc, line, LEFT, leftW, y);
  // NĐ30: a short rule under the issuing body, a third of its line.
  const ruleW = leftW / 3;
  doc
    .moveTo(LEFT + (leftW - ruleW) / 2, y)
    .lineTo(LEFT + (leftW + ruleW) / 2, y)
    .lineWidth(0.6)
    .stroke();
  font(doc, 'regular', L.header.pt + 1);
  const leftBottom = centred(doc, m.number, LEFT, leftW, y + 5);

  let ry = top;
  font(doc, 'bold', L.header.pt);
  ry = centred(doc, m.header.nationalName, rightX, rightW, ry);
  font(doc, 'bold', L.header.mottoPt);
  const mottoW = doc.widthOfString(m.header.motto);
  ry = centred(doc, m.header.motto, rightX, rightW, ry);
  doc
    .moveTo(rightX + (rightW - mottoW) / 2, ry)
    .lineTo(rightX + (rightW + mottoW) / 2, ry)
    .lineWidth(0.6)
    .stroke();
  return Math.max(leftBottom, ry + 6);
}

function drawFooter(doc: PDFKit.PDFDocument, m: CertificateModel): void {
  const bottom = PAGE_H - L.marginsMm.bottom * MM - 4;
  // QR, bottom left, with its caption and the code to type by hand.
  const qrSize = L.qr.sizeMm * MM;
  const qrX = LEFT + 6;
  const qrY = bottom - qrSize - 2 * (L.qr.codePt + 3);
  drawQr(doc, qrMatrix(m.verification.url, L.qr.errorCorrection), qrX, qrY, qrSize);
  // The caption starts under the code's left edge: centring it under the code would cross the border.
  font(doc, 'italic', L.qr.codePt);
  doc.text(m.verification.caption, qrX, qrY + qrSize + 1, { lineBreak: false });
  font(doc, 'bold', L.qr.codePt);
  doc.text(m.verification.code, qrX, qrY + qrSize + L.qr.codePt + 4, { lineBreak: false });

  // Place and date, then the signature block, bottom right.
  const sigW = 120 * MM;
  const sigX = RIGHT - sigW;
  const nameY = bottom - L.signature.pt - 4;
  const authorityLines = m.signature.authority.length;
  let y = nameY - 22 * MM - authorityLines * (L.signature.pt + 3) - (L.body.pt + 6);
  font(doc, 'italic', L.body.pt - 1);
  y = centred(doc, m.placeAndDate, sigX, sigW, y, 6);
  font(doc, 'bold', L.signature.pt);
  for (const line of m.signature.authority) y = centred(doc, line, sigX, sigW, y, 3);
  centred(doc, m.signature.fullName, sigX, sigW, nameY);
}

function drawCertificate(doc: PDFKit.PDFDocument, m: CertificateModel): void {
  doc.addPage({ size: [PAGE_W, PAGE_H], margin: 0 });
  drawBorder(doc);
  let y = drawHeader(doc, m) + 12 * MM;

  font(doc, 'bold', L.title.pt).fillColor(L.title.colour);
  y = centred(doc, m.title, LEFT, CONTENT_W, y, 5 * MM);
  doc.fillColor('#000000');

  font(doc, 'regular', L.body.pt);
  y = centred(doc, m.recipientLabel, LEFT, CONTENT_W, y, 2 * MM);
  y = fitted(doc, m.recipientName, 'bold', L.recipient, y, L.title.colour);
  for (const line of m.recipientDetails) y = fitted(doc, line, 'regular', L.members, y);
  y = fitted(doc, m.entryLine, 'italic', L.entryTitle, y + 3 * MM);
  font(doc, 'bold', L.body.pt + 2);
  y = centred(doc, m.achievementLine, LEFT, CONTENT_W, y + 1 * MM, 2 * MM);
  font(doc, 'regular', L.body.pt);
  centred(doc, m.contestLine, LEFT, CONTENT_W, y);

  drawFooter(doc, m);
}

/**
 * Writes the certificates, one A4 landscape page each, as one PDF into `out`. Pages are written as they are drawn,
 * so a batch of hundreds takes no more memory than a few pages.
 */
export async function writeCertificates(models: Iterable<CertificateModel>, out: Writable): Promise<void> {
  const doc = newDocument('Giấy chứng nhận');
  doc.pipe(out);
  let pages = 0;
  for (const m of models) {
    drawCertificate(doc, m);
    pages++;
  }
  if (pages === 0) throw new RangeError('No certificate to print.');
  doc.end();
  await finished(out);
}

/** One certificate, or a batch, as a buffer (for a download of modest size; use writeCertificates for big batches). */
export async function certificatesPdf(models: Iterable<CertificateModel>): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await writeCertificates(models, sink);
  return Buffer.concat(chunks);
}
