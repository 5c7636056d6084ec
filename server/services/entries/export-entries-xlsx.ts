import ExcelJS from 'exceljs';
import { formatDateTime } from '@core/time.ts';
import type { Actor, Deps } from '../../context.ts';
import { listContestEntries, type EntryListFilter } from './list-contest-entries.ts';
import { findContestRow } from '../contests/load-contest.ts';

const STATUS = { draft: { vi: 'Bản nháp', en: 'Draft' }, submitted: { vi: 'Đã nộp', en: 'Submitted' } } as const;

/** The entry list as an XLSX workbook for the secretariat's files (no phones or addresses). */
export async function exportEntriesXlsx(
  deps: Deps,
  actor: Actor,
  slug: string,
  filter: EntryListFilter,
  lang: 'vi' | 'en',
): Promise<Buffer> {
  const contest = await findContestRow(deps.db, { slug });
  const rows = await listContestEntries(deps, actor, slug, filter);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'vi' ? 'Tác phẩm' : 'Entries');
  const vi = lang === 'vi';
  ws.columns = [
    { header: vi ? 'Mã' : 'Code', key: 'code', width: 14 },
    { header: vi ? 'Tên tác phẩm' : 'Title', key: 'title', width: 40 },
    { header: vi ? 'Đơn vị' : 'Unit', key: 'unit', width: 28 },
    { header: vi ? 'Tác giả / nhóm' : 'Author / group', key: 'entrant', width: 28 },
    { header: vi ? 'Trạng thái' : 'Status', key: 'status', width: 14 },
    { header: vi ? 'Tệp video' : 'Video file', key: 'file', width: 14 },
    { header: vi ? 'Lý do tệp bị từ chối' : 'Why the file was refused', key: 'failures', width: 60 },
    { header: vi ? 'Nộp lúc' : 'Submitted at', key: 'submitted', width: 18 },
    { header: vi ? 'Qua tiếp nhận' : 'Through intake', key: 'intake', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow({
      code: r.code ?? '',
      title: r.title,
      unit: r.unitName ?? (vi ? '(cá nhân)' : '(person)'),
      entrant: r.entrantName,
      status: STATUS[r.status as keyof typeof STATUS]?.[lang] ?? r.status,
      file: r.fileStatus,
      failures: r.fileFailures.map((f) => f.message[lang]).join(' '),
      submitted: r.submittedAt ? formatDateTime(r.submittedAt, contest.time_zone) : '',
      intake: r.isIntake ? (vi ? 'Có' : 'Yes') : '',
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
