import { timeZoneName } from '@core/time-zone-name.ts';
import { VIDEO_RULE_LABELS, type VideoRule } from '@core/video-policy.ts';
import type { LicenceText } from '@core/licence.ts';
import type { Deps } from '../../context.ts';

export interface Receipt {
  entryId: number;
  code: string;
  contestName: string;
  title: string;
  submittedAt: string;
  submittedAtLocal: string;
  timeZone: string;
  fileName: string;
  fileSizeBytes: number;
  sha256: string;
  checksPassed: string[];
  inGrace: boolean;
  licence: LicenceText | null;
}

function checkName(rule: string, lang: 'vi' | 'en'): string {
  return VIDEO_RULE_LABELS[rule as VideoRule]?.[lang] ?? rule;
}

/** The receipt by e-mail, in the entrant's language. */
export async function sendReceipt(deps: Deps, to: string, locale: 'vi' | 'en', r: Receipt): Promise<void> {
  const vi = locale !== 'en';
  const size = `${r.fileSizeBytes.toLocaleString(vi ? 'vi-VN' : 'en-US')} bytes`;
  const checks = r.checksPassed.map((c) => checkName(c, vi ? 'vi' : 'en')).join(', ');
  const receipt = `${deps.config.publicUrl}/entries/${r.entryId}/receipt`;
  await deps.mailer.send({
    to,
    subject: vi ? `Biên nhận tác phẩm dự thi ${r.code}` : `Receipt for entry ${r.code}`,
    text: vi
      ? 'Ban Tổ chức đã nhận tác phẩm dự thi.\n\n' +
        `Cuộc thi: ${r.contestName}\n` +
        `Mã tác phẩm: ${r.code}\n` +
        `Tên tác phẩm: ${r.title}\n` +
        `Thời điểm nhận (giờ máy chủ, ${timeZoneName(r.timeZone, 'vi')}): ${r.submittedAtLocal}\n` +
        `Tệp: ${r.fileName}, ${size}\n` +
        `SHA-256: ${r.sha256}\n` +
        `Đã kiểm tra đạt: ${checks}\n\n` +
        (r.licence ? `${r.licence.vi} (phiên bản ${r.licence.version})\n\n` : '') +
        `Xem biên nhận: ${receipt}`
      : 'The organizers have received your entry.\n\n' +
        `Contest: ${r.contestName}\n` +
        `Entry code: ${r.code}\n` +
        `Title: ${r.title}\n` +
        `Received (server time, ${timeZoneName(r.timeZone, 'en')}): ${r.submittedAtLocal}\n` +
        `File: ${r.fileName}, ${size}\n` +
        `SHA-256: ${r.sha256}\n` +
        `Checks passed: ${checks}\n\n` +
        (r.licence ? `${r.licence.en} (version ${r.licence.version})\n\n` : '') +
        `Receipt: ${receipt}`,
  });
}
