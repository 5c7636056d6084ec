import ExcelJS from 'exceljs';
import { auditDetailFields, auditSentence } from '@core/audit-sentences.ts';
import { formatDateTime } from '@core/time.ts';
import { timeZoneName } from '@core/time-zone-name.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { listAuditLog, type AuditFilter } from './list-audit-log.ts';

/** At most this many records in one workbook: a contest's whole log, a filter narrows a larger one. */
export const AUDIT_EXPORT_MAX = 5000;

const OUTCOME = {
  ok: { vi: 'Thành công', en: 'Done' },
  denied: { vi: 'Bị từ chối', en: 'Refused' },
  failed: { vi: 'Không thành công', en: 'Failed' },
} as const;

/** The audit log, filtered as on screen, as an XLSX workbook of sentences and labelled details. */
export async function exportAuditXlsx(
  deps: Deps,
  actor: Actor,
  slug: string,
  filter: Omit<AuditFilter, 'before' | 'limit'>,
  lang: 'vi' | 'en',
): Promise<Buffer> {
  const records = await listAuditLog(deps, actor, slug, { ...filter, limit: AUDIT_EXPORT_MAX });
  const contest = await findContestRow(deps.db, { slug });
  const tz = contest.time_zone;
  const vi = lang === 'vi';
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(vi ? 'Nhật ký' : 'Audit log');
  ws.columns = [
    { header: '#', key: 'seq', width: 8 },
    { header: vi ? `Thời điểm (${timeZoneName(tz, 'vi')})` : `Time (${timeZoneName(tz, 'en')})`, key: 'at', width: 20 },
    { header: vi ? 'Người thực hiện' : 'Person', key: 'actor', width: 26 },
    { header: vi ? 'Việc đã làm' : 'What was done', key: 'sentence', width: 70 },
    { header: vi ? 'Kết quả' : 'Outcome', key: 'outcome', width: 16 },
    { header: vi ? 'Chi tiết' : 'Details', key: 'details', width: 60 },
    { header: vi ? 'Địa chỉ IP' : 'IP address', key: 'ip', width: 16 },
    { header: vi ? 'Mã băm' : 'Hash', key: 'hash', width: 20 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of records) {
    const row = ws.addRow({
      seq: r.seq,
      at: formatDateTime(r.at, tz),
      actor: r.actorName ?? (vi ? 'Hệ thống' : 'The system'),
      sentence: auditSentence(r, lang),
      outcome: OUTCOME[r.outcome as keyof typeof OUTCOME]?.[lang] ?? r.outcome,
      details: auditDetailFields(r.details, lang, tz)
        .map((f) => `${f.label}: ${f.value}`)
        .join('\n'),
      ip: r.actorIp ?? '',
      hash: r.hash,
    });
    row.alignment = { vertical: 'top', wrapText: true };
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
