import { VIDEO_RULE_LABELS, type VideoRule } from '@core/video-policy.ts';
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
}

function checkName(rule: string, lang: 'vi' | 'en'): string {
  return VIDEO_RULE_LABELS[rule as VideoRule]?.[lang] ?? rule;
}

/** The receipt by e-mail, in the entrant's language. */
export async function sendReceipt(deps: Deps, to: string, locale: 'vi' | 'en', r: Receipt): Promise<void> {
  const vi = locale !== 'en';
  const size = `${r.fileSizeBytes.toLocaleString(vi ? 'vi-VN' : 'en-US')} bytes`;
  const checks = r.checksPassed.map((c) => checkName(c, vi ? 'vi' : 'en')).join(', ');
  await deps.mailer.send({
    to,
    subject: vi ? `Biên nhận tác phẩm dự thi ${r.code}` : `Receipt for entry ${r.code}`,
    text: vi
      ? `Ban Tổ chức đã nhận tác phẩm dự thi.\n\nCuộc thi: ${r.contestName}\nMã tác phẩm: ${r.code}\nTên tác phẩm: ${r.title}\nThời điểm nhận (giờ máy chủ, ${r.timeZone}): ${r.submittedAtLocal}\nTệp: ${r.fileName}, ${size}\nSHA-256: ${r.sha256}\nĐã kiểm tra đạt: ${checks}\n\nXem biên nhận: ${deps.config.publicUrl}/entries/${r.entryId}/receipt`
      : `The organizers have received your entry.\n\nContest: ${r.contestName}\nEntry code: ${r.code}\nTitle: ${r.title}\nReceived (server time, ${r.timeZone}): ${r.submittedAtLocal}\nFile: ${r.fileName}, ${size}\nSHA-256: ${r.sha256}\nChecks passed: ${checks}\n\nReceipt: ${deps.config.publicUrl}/entries/${r.entryId}/receipt`,
  });
}
