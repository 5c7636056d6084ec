import QRCode from 'qrcode';

/** What a QR code is made of: a square of dark and light modules. */
export interface QrMatrix {
  size: number;
  dark(x: number, y: number): boolean;
}

export function qrMatrix(text: string, errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' = 'M'): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel });
  const { size, data } = qr.modules;
  return { size, dark: (x, y) => data[y * size + x] === 1 };
}

/**
 * Draws the code as vector squares (one path, one fill), with the four-module quiet zone the standard asks for
 * inside `sizePt`: sharp at any printer's resolution and a few hundred bytes in the PDF, where a bitmap would be tens
 * of kilobytes per certificate.
 */
export function drawQr(
  doc: PDFKit.PDFDocument,
  m: QrMatrix,
  x: number,
  y: number,
  sizePt: number,
  colour = '#000000',
): void {
  const cell = sizePt / (m.size + 8);
  doc.save();
  for (let row = 0; row < m.size; row++) {
    // Runs of dark modules in a row become one rectangle each.
    let start = -1;
    for (let col = 0; col <= m.size; col++) {
      const d = col < m.size && m.dark(col, row);
      if (d && start < 0) start = col;
      if (!d && start >= 0) {
        doc.rect(x + (start + 4) * cell, y + (row + 4) * cell, (col - start) * cell, cell);
        start = -1;
      }
    }
  }
  doc.fill(colour);
  doc.restore();
}
