/**
 * The fanpage package (R16): a CSV of every published entry with its ready caption, public link and the address
 * where staff download the original file, for the publisher to post them one by one. UTF-8 with a BOM, so that
 * Excel shows Vietnamese correctly.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { publicationRows } from './list-publication.ts';

function cell(v: string | null): string {
  const s = (v ?? '').replace(/\r\n?/g, '\n');
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export async function exportCaptionsCsv(deps: Deps, actor: Actor, slug: string, lang: 'vi' | 'en'): Promise<Buffer> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'entries.publish', { auditDenied: false });
  const rows = (await publicationRows(deps, contest.id, contest.slug)).filter((r) => r.state === 'published');
  const head =
    lang === 'vi'
      ? ['Mã', 'Tên tác phẩm', 'Đơn vị', 'Chú thích', 'Đường dẫn công khai', 'Tải tệp gốc']
      : ['Code', 'Title', 'Unit', 'Caption', 'Public link', 'Original file'];
  const lines = [head.map(cell).join(',')];
  for (const r of rows)
    lines.push(
      [
        r.code,
        r.title,
        r.unitName,
        r.caption,
        r.publicUrl,
        `${deps.config.publicUrl}/api/entries/${r.entryId}/original`,
      ]
        .map(cell)
        .join(','),
    );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
