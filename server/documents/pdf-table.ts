import { formatVnd } from '@core/awards/money.ts';
import type { Annex } from '@core/documents/annex.ts';
import type { FontFace } from './fonts.ts';

export interface TableBox {
  left: number;
  width: number;
  /** Where a continued table starts on a new page. */
  top: number;
  bottom: number;
  pt?: number;
  /** The least height of a body row: room to write by hand on a paper form. */
  minRowHeight?: number;
}

/**
 * A ruled table from `doc.y` down, wrapping each cell in its column; a row that does not fit goes to a new page,
 * which starts with the header row again, as a printed table needs. Leaves `doc.y` under the table.
 */
export function drawTable(doc: PDFKit.PDFDocument, a: Annex, box: TableBox): void {
  const pt = box.pt ?? 11;
  const rel = a.widths ?? a.columns.map(() => 1);
  const sum = rel.reduce((s, x) => s + x, 0);
  const widths = rel.map((x) => (x / sum) * box.width);
  const money = new Set(a.moneyColumns ?? []);
  const figures = new Set([...money, ...(a.numberColumns ?? [])]);
  const pad = 3;
  const text = (v: string | number, i: number) => (money.has(i) && typeof v === 'number' ? formatVnd(v) : String(v));
  const heightOf = (cells: string[], face: FontFace, min: number) =>
    Math.max(
      min,
      ...cells.map(
        (c, i) =>
          doc
            .font(face)
            .fontSize(pt)
            .heightOfString(c || ' ', { width: widths[i]! - 2 * pad }) +
          2 * pad,
      ),
    );
  const drawRow = (cells: string[], face: FontFace, min: number) => {
    const h = heightOf(cells, face, min);
    const y = doc.y;
    let x = box.left;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      doc.lineWidth(0.5).rect(x, y, w, h).stroke();
      doc
        .font(face)
        .fontSize(pt)
        .text(c, x + pad, y + pad, { width: w - 2 * pad, align: figures.has(i) && face !== 'bold' ? 'right' : 'left' });
      x += w;
    });
    doc.x = box.left;
    doc.y = y + h;
  };
  const head = [...a.columns];
  drawRow(head, 'bold', 0);
  for (const row of a.rows) {
    const cells = row.map(text);
    if (doc.y + heightOf(cells, 'regular', box.minRowHeight ?? 0) > box.bottom) {
      doc.addPage();
      doc.y = box.top;
      drawRow(head, 'bold', 0);
    }
    drawRow(cells, 'regular', box.minRowHeight ?? 0);
  }
}
