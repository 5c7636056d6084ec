import PDFDocument from 'pdfkit';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { formatDateTime } from '@core/time.ts';
import type { PersonalDataExport } from '../services/privacy/export-personal-data.ts';
import { MM, TINOS, type FontFace } from './fonts.ts';

type Lang = 'vi' | 'en';
const L = {
  title: { vi: 'DỮ LIỆU CÁ NHÂN CỦA BẠN', en: 'YOUR PERSONAL DATA' },
  intro: {
    vi:
      'Bản này liệt kê mọi dữ liệu về bạn mà hệ thống đang lưu, theo Luật Bảo vệ dữ liệu cá nhân. Tệp JSON ' +
      'tải kèm chứa cùng dữ liệu ở dạng máy đọc được.',
    en:
      'This lists all the data about you that the platform holds, under the Personal Data Protection Law. The JSON ' +
      'file you can download holds the same data in machine-readable form.',
  },
  exportedAt: { vi: 'Lập lúc', en: 'Made at' },
  account: { vi: 'Tài khoản', en: 'Account' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  created: { vi: 'Tạo lúc', en: 'Created' },
  consents: { vi: 'Các đồng ý bạn đã cho', en: 'Consents you gave' },
  given: { vi: 'Đồng ý lúc', en: 'Given' },
  withdrawn: { vi: 'Rút lại lúc', en: 'Withdrawn' },
  roles: { vi: 'Vai trò', en: 'Roles' },
  voting: { vi: 'Bình chọn (theo bí danh)', en: 'Voting (under a pseudonym)' },
  verified: { vi: 'xác minh lúc', en: 'verified' },
  votes: { vi: 'lượt bình chọn', en: 'votes' },
  entries: { vi: 'Tác phẩm dự thi', en: 'Entries' },
  authors: { vi: 'Tác giả', en: 'Authors' },
  files: { vi: 'Tệp video', en: 'Video files' },
  reviews: { vi: 'Kết quả xét duyệt', en: 'Review outcomes' },
  notifications: { vi: 'Thông báo', en: 'Notifications' },
  sessions: { vi: 'Phiên đăng nhập', en: 'Sign-in sessions' },
  audit: { vi: 'Bản ghi nhật ký về bạn', en: 'Audit records about you' },
  none: { vi: '(không có)', en: '(none)' },
} as const;

/** The export as a readable PDF, in the person's language, with Tinos so that every Vietnamese letter prints. */
export async function personalDataPdf(x: PersonalDataExport, lang: Lang, timeZone: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 20 * MM, info: { Title: L.title[lang], Creator: 'vicontest' } });
  for (const face of Object.keys(TINOS) as FontFace[]) doc.registerFont(face, TINOS[face]);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  doc.pipe(sink);
  const t = (k: keyof typeof L) => L[k][lang];
  const when = (iso: string | null) => (iso ? `${formatDateTime(iso, timeZone)}` : '—');
  const heading = (k: keyof typeof L) => doc.moveDown(0.6).font('bold').fontSize(13).text(t(k));
  const line = (s: string) => doc.font('regular').fontSize(11).text(s, { lineGap: 1 });
  const none = () => line(t('none'));

  doc.font('bold').fontSize(16).text(t('title'), { align: 'center' });
  doc
    .font('italic')
    .fontSize(10)
    .text(`${t('exportedAt')}: ${when(x.exportedAt)}`, { align: 'center' });
  doc.moveDown(0.5).font('regular').fontSize(11).text(t('intro'));

  heading('account');
  line(`${t('fullName')}: ${x.account.fullName}`);
  line(`${t('email')}: ${x.account.email ?? '—'}`);
  line(`${t('phone')}: ${x.account.phone ?? '—'}`);
  line(`${t('created')}: ${when(x.account.createdAt)}`);

  heading('consents');
  if (!x.consents.length) none();
  for (const c of x.consents) {
    line(
      [
        c.contest,
        `${t('given')}: ${when(c.givenAt)}`,
        c.withdrawnAt ? `${t('withdrawn')}: ${when(c.withdrawnAt)}` : null,
      ]
        .filter(Boolean)
        .join(' · '),
    );
    doc
      .font('italic')
      .fontSize(10)
      .text(`“${c.text ?? c.version}”`, { indent: 12 });
  }

  heading('voting');
  if (!x.voting.length) none();
  for (const v of x.voting) {
    line(`${v.contest}: ${v.display} · ${v.pseudonym} · ${t('verified')} ${when(v.verifiedAt)}`);
    for (const vote of v.votes) line(`  #${vote.entryId} · ${when(vote.castAt)} · ${vote.status}`);
    if (!v.votes.length) line(`  0 ${t('votes')}`);
  }

  heading('roles');
  if (!x.roles.length) none();
  for (const r of x.roles) line(`${r.contest}: ${r.role} (${when(r.since)})`);

  heading('entries');
  if (!x.entries.length) none();
  for (const e of x.entries) {
    const d = e.draft as { title?: string; authors?: { fullName?: string; phone?: string; address?: string }[] };
    doc
      .moveDown(0.3)
      .font('bold')
      .fontSize(11)
      .text(`${e.code ?? `#${e.id}`} — ${d.title ?? ''} (${e.status})`);
    for (const a of d.authors ?? [])
      line(`${t('authors')}: ${[a.fullName, a.phone, a.address].filter(Boolean).join(', ')}`);
    for (const f of e.files) line(`${t('files')}: ${f.filename} (${f.sizeBytes} B, ${f.status})`);
    for (const r of e.reviews)
      line(`${t('reviews')}: ${r.decision}${r.reason ? ` — ${r.reason}` : ''} (${when(r.at)})`);
  }

  heading('notifications');
  line(String(x.notifications.length));
  heading('sessions');
  for (const s of x.sessions) line(`${when(s.createdAt)} → ${when(s.lastSeenAt)}`);
  if (!x.sessions.length) none();
  heading('audit');
  if (!x.auditRecords.length) none();
  for (const a of x.auditRecords) line(`${when(a.at)} · ${a.action}${a.target ? ` · ${a.target}` : ''}`);

  doc.end();
  await finished(sink);
  return Buffer.concat(chunks);
}
