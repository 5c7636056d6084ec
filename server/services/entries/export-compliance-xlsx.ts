import ExcelJS from 'exceljs';
import { deadlineText, zoneWords } from '@core/deadline.ts';
import type { Lang } from '@core/errors.ts';
import { formatDateTime } from '@core/time.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { getCompliance } from './get-compliance.ts';

const WORDS = {
  vi: {
    sheet: 'Tiến độ đơn vị',
    title: 'Tiến độ nộp tác phẩm theo đơn vị',
    made: 'Lập lúc',
    no: 'STT',
    unit: 'Đơn vị',
    category: 'Loại đơn vị',
    submitted: 'Đã nộp',
    drafts: 'Bản nháp',
    returned: 'Trả lại đang sửa',
    minMax: 'Tối thiểu – tối đa',
    state: 'Tình trạng',
    contact: 'Người liên hệ',
    position: 'Chức vụ',
    phone: 'Điện thoại',
    email: 'Thư điện tử',
    reminded: 'Nhắc nhở gần nhất',
    below: 'Chưa đạt tối thiểu',
    full: 'Đã đủ tối đa',
    ok: 'Đạt',
    page: 'Trang &P/&N',
  },
  en: {
    sheet: 'Compliance',
    title: 'Entries submitted per unit',
    made: 'Made at',
    no: 'No.',
    unit: 'Unit',
    category: 'Category',
    submitted: 'Submitted',
    drafts: 'Drafts',
    returned: 'Returned, being fixed',
    minMax: 'Minimum – maximum',
    state: 'State',
    contact: 'Contact person',
    position: 'Position',
    phone: 'Phone',
    email: 'E-mail',
    reminded: 'Last reminder',
    below: 'Below minimum',
    full: 'Maximum reached',
    ok: 'Met',
    page: 'Page &P/&N',
  },
} as const;

/** Header rows above the table: the title, when it was made and the deadline. */
export const COMPLIANCE_TABLE_HEADER_ROW = 4;

/**
 * The compliance table as the office files and prints it: one row per unit with its counts, category, minimum and
 * maximum, state and contact person, laid out on A4 landscape with the contest's name and the time it was made above
 * the table and in the page header. Staff only (`entries.viewAll`), like the tab: it holds the contacts' phones.
 */
export async function exportComplianceXlsx(deps: Deps, actor: Actor, slug: string, lang: Lang): Promise<Buffer> {
  const data = await getCompliance(deps, actor, slug);
  const contest = settingsOf(await findContestRow(deps.db, { slug }));
  const w = WORDS[lang];
  const zone = contest.timeZone;
  const now = deps.clock();
  const made = `${w.made}: ${formatDateTime(now, zone)} (${zoneWords(zone, now, lang)})`;

  const wb = new ExcelJS.Workbook();
  wb.created = now;
  const ws = wb.addWorksheet(w.sheet, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${COMPLIANCE_TABLE_HEADER_ROW}:${COMPLIANCE_TABLE_HEADER_ROW}`,
    },
    headerFooter: {
      // "&" starts a code in Excel's header language: a literal one is doubled.
      oddHeader: `&L${contest.name.replace(/&/g, '&&')}&R${made}`,
      oddFooter: `&C${w.page}`,
    },
    views: [{ state: 'frozen', ySplit: COMPLIANCE_TABLE_HEADER_ROW }],
  });
  const columns = [
    { key: 'no', header: w.no, width: 5 },
    { key: 'unit', header: w.unit, width: 26 },
    { key: 'category', header: w.category, width: 20 },
    { key: 'submitted', header: w.submitted, width: 9 },
    { key: 'drafts', header: w.drafts, width: 9 },
    { key: 'returned', header: w.returned, width: 11 },
    { key: 'minMax', header: w.minMax, width: 11 },
    { key: 'state', header: w.state, width: 16 },
    { key: 'contact', header: w.contact, width: 22 },
    { key: 'position', header: w.position, width: 20 },
    { key: 'phone', header: w.phone, width: 13 },
    { key: 'email', header: w.email, width: 26 },
    { key: 'reminded', header: w.reminded, width: 16 },
  ];
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const last = columns.length;

  ws.getCell(1, 1).value = `${contest.name} — ${w.title}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = made;
  ws.getCell(3, 1).value = data.submissionEndsAt ? deadlineText(data.submissionEndsAt, zone, lang) : '';
  for (const r of [1, 2, 3]) ws.mergeCells(r, 1, r, last);

  const header = ws.getRow(COMPLIANCE_TABLE_HEADER_ROW);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };

  data.units.forEach((u, i) => {
    const row = ws.addRow({
      no: i + 1,
      unit: u.unitName,
      category: u.categoryName,
      submitted: u.submitted,
      drafts: u.drafts,
      returned: u.returned,
      minMax: `${u.minEntries} – ${u.maxEntries}`,
      state: u.belowMinimum ? w.below : u.submitted >= u.maxEntries ? w.full : w.ok,
      contact: u.contact.name ?? '',
      position: u.contact.position ?? '',
      phone: u.contact.phone ?? '',
      email: u.contact.email ?? '',
      reminded: u.lastRemindedAt ? formatDateTime(u.lastRemindedAt, zone) : '',
    });
    row.alignment = { wrapText: true, vertical: 'top' };
    if (u.belowMinimum) row.getCell('state').font = { bold: true, color: { argb: 'FFA3121F' } };
  });
  const thin = { style: 'thin' as const };
  for (let r = COMPLIANCE_TABLE_HEADER_ROW; r <= ws.rowCount; r++) {
    for (let c = 1; c <= last; c++) ws.getCell(r, c).border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
