import ExcelJS from 'exceljs';
import type { BudgetEstimate } from '@core/documents/budget-estimate.ts';
import { COST_CATEGORY_LABELS } from '@core/documents/budget-estimate.ts';
import type { CchcList } from '@core/documents/cchc-list.ts';
import type { PaymentList } from '@core/documents/payment-list.ts';

/** What every list carries above its table: whose list it is and when it was made. */
export interface ListMeta {
  /** "ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH" or the committee's name, the line above the title. */
  issuer: string;
  contestName: string;
  /** "06/12/2026 14:05 (giờ Việt Nam)": formatted by the caller in the contest's zone. */
  madeAt: string;
}

const FONT = { name: 'Times New Roman', size: 12 };
const MONEY = '#,##0';
const THIN = { style: 'thin' as const };
const BOX = { top: THIN, bottom: THIN, left: THIN, right: THIN };

function sheet(wb: ExcelJS.Workbook, name: string, widths: number[], landscape: boolean): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
  });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

/** The lines above the table, merged across it; returns the next free row. */
function heading(ws: ExcelJS.Worksheet, cols: number, meta: ListMeta, title: string): number {
  const lines: [string, Partial<ExcelJS.Font>][] = [
    [meta.issuer, { bold: true }],
    [title, { bold: true, size: 14 }],
    [`Cuộc thi “${meta.contestName}”`, { italic: true }],
    [`Lập lúc ${meta.madeAt}`, { italic: true, size: 10 }],
  ];
  lines.forEach(([text, font], i) => {
    const row = i + 1;
    ws.mergeCells(row, 1, row, cols);
    const c = ws.getCell(row, 1);
    c.value = text;
    c.font = { ...FONT, ...font };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  ws.getRow(2).height = 36;
  return lines.length + 2;
}

function tableRow(ws: ExcelJS.Worksheet, rowNo: number, values: (string | number)[], opts: { bold?: boolean } = {}) {
  const row = ws.getRow(rowNo);
  // Spreadsheets do not grow a row for wrapped text written by a program: estimate the lines of the fullest cell.
  const lineCount = Math.max(
    1,
    ...values.map((v, i) => Math.ceil(String(v).length / Math.max(4, ws.getColumn(i + 1).width ?? 10))),
  );
  row.height = 16 * lineCount;
  values.forEach((v, i) => {
    const c = row.getCell(i + 1);
    c.value = v;
    c.font = { ...FONT, bold: opts.bold };
    c.border = BOX;
    c.alignment = { vertical: 'middle', wrapText: true, horizontal: typeof v === 'number' ? 'right' : 'left' };
    if (typeof v === 'number') c.numFmt = MONEY;
  });
  return row;
}

function wordsLine(ws: ExcelJS.Worksheet, rowNo: number, cols: number, text: string): void {
  ws.mergeCells(rowNo, 1, rowNo, cols);
  const c = ws.getCell(rowNo, 1);
  c.value = text;
  c.font = { ...FONT, italic: true };
  c.alignment = { wrapText: true };
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  wb.creator = 'vicontest';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Danh sách chi tiền thưởng: one row per prize paid, the total in figures and in words, a column to sign. */
export async function paymentListXlsx(list: PaymentList, meta: ListMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, 'Chi thưởng', [6, 36, 14, 36, 20, 16, 14], true);
  const cols = list.columns.length;
  let r = heading(ws, cols, meta, list.title);
  tableRow(ws, r++, list.columns, { bold: true });
  for (const row of list.rows)
    tableRow(ws, r++, [row.no, row.recipient, row.entryCode, row.entryTitle, row.prizeName, row.amountVnd, '']);
  tableRow(ws, r, ['Tổng cộng', '', '', '', '', list.totalVnd, ''], { bold: true }).height = 18;
  ws.mergeCells(r, 1, r, 5);
  r += 1;
  wordsLine(ws, r, cols, list.totalInWords);
  return toBuffer(wb);
}

/** Danh sách đơn vị đề nghị cộng điểm CCHC: each unit once, its winning entries and prizes. */
export async function cchcListXlsx(list: CchcList, meta: ListMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, 'CCHC', [6, 40, 14, 44, 20], true);
  const columns = ['STT', 'Đơn vị', 'Mã tác phẩm', 'Tên tác phẩm', 'Giải thưởng'];
  let r = heading(ws, columns.length, meta, list.title);
  tableRow(ws, r++, columns, { bold: true });
  for (const u of list.rows) {
    const first = r;
    for (const e of u.entries) tableRow(ws, r++, [u.no, u.unitName, e.code, e.title, e.prizeName]);
    if (r - first > 1) {
      ws.mergeCells(first, 1, r - 1, 1);
      ws.mergeCells(first, 2, r - 1, 2);
    }
  }
  if (list.unmatched.length) {
    r += 1;
    wordsLine(ws, r++, columns.length, 'Tác phẩm đạt giải chưa xác định được đơn vị (Phòng Nội vụ xem xét):');
    for (const e of list.unmatched)
      tableRow(ws, r++, ['', e.unitNameAsWritten || '(không ghi)', e.code, e.title, e.prizeName]);
  }
  return toBuffer(wb);
}

/** Dự trù kinh phí: I. prize money from the structure, II. organizing costs by category, the total in words. */
export async function budgetXlsx(b: BudgetEstimate, meta: ListMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, 'Dự trù', [6, 44, 12, 10, 16, 18, 30], false);
  const columns = ['STT', 'Nội dung', 'Đơn vị tính', 'Số lượng', 'Đơn giá (đồng)', 'Thành tiền (đồng)', 'Ghi chú'];
  let r = heading(ws, columns.length, meta, b.title);
  tableRow(ws, r++, columns, { bold: true });
  tableRow(ws, r++, ['I', 'Tiền thưởng', '', '', '', b.prizeTotalVnd, ''], { bold: true });
  b.prizeLines.forEach((l, i) => tableRow(ws, r++, [i + 1, l.name, 'giải', l.count, l.amountVnd, l.totalVnd, '']));
  tableRow(ws, r++, ['II', 'Chi phí tổ chức', '', '', '', b.costTotalVnd, ''], { bold: true });
  for (const sub of b.costSubtotals) {
    tableRow(ws, r++, ['', COST_CATEGORY_LABELS[sub.category].vi, '', '', '', sub.totalVnd, ''], { bold: true });
    for (const l of b.costRows.filter((x) => x.category === sub.category))
      tableRow(ws, r++, [l.no, l.description, l.unit, l.quantity, l.unitPriceVnd, l.amountVnd, l.note]);
  }
  tableRow(ws, r++, ['', 'Tổng cộng (I + II)', '', '', '', b.totalVnd, ''], { bold: true });
  wordsLine(ws, r, columns.length, b.totalInWords);
  return toBuffer(wb);
}
