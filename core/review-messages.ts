/** What the entrant is told about a review outcome, in Vietnamese and English, for the app, e-mail and SMS. */
import type { ReviewStatus } from './review.ts';
import { formatDateTime } from './time.ts';
import { timeZoneName } from './time-zone-name.ts';

export type DecidedStatus = Extract<ReviewStatus, 'approved' | 'rejected' | 'returned'>;

export interface ReviewMessageFacts {
  status: DecidedStatus;
  contestName: string;
  entryCode: string;
  title: string;
  reason: string;
  /** Set when returned. */
  fixDeadline: string | null;
  timeZone: string;
  /** Address of the entry's page in the web app. */
  entryUrl: string;
}

export interface ReviewMessage {
  title: { vi: string; en: string };
  body: { vi: string; en: string };
  /** One short Vietnamese text for SMS. */
  sms: string;
}

const SMS_REASON_CHARS = 120;

function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : `${chars.slice(0, n - 1).join('')}…`;
}

export function reviewMessage(f: ReviewMessageFacts): ReviewMessage {
  const reason = f.reason.normalize('NFC').trim();
  const deadline = (lang: 'vi' | 'en') =>
    f.fixDeadline ? `${formatDateTime(f.fixDeadline, f.timeZone)} (${timeZoneName(f.timeZone, lang)})` : '';
  const name = `"${f.title}" (${f.entryCode})`;
  let out: ReviewMessage;
  switch (f.status) {
    case 'approved':
      out = {
        title: { vi: `Tác phẩm ${f.entryCode} đã được duyệt`, en: `Entry ${f.entryCode} approved` },
        body: {
          vi:
            `Ban Tổ chức cuộc thi "${f.contestName}" đã duyệt nội dung, hình thức tác phẩm ${name}. Tác phẩm sẽ ` +
            `được đăng tải để bình chọn trực tuyến theo kế hoạch.${reason ? `\nGhi chú: ${reason}` : ''}`,
          en:
            `The organizers of "${f.contestName}" have approved the content and form of your entry ${name}. It ` +
            `will be published for online voting as planned.${reason ? `\nNote: ${reason}` : ''}`,
        },
        sms: `Cuộc thi video: tác phẩm ${f.entryCode} đã được Ban Tổ chức duyệt.`,
      };
      break;
    case 'rejected':
      out = {
        title: { vi: `Tác phẩm ${f.entryCode} không được duyệt`, en: `Entry ${f.entryCode} not approved` },
        body: {
          vi:
            `Ban Tổ chức cuộc thi "${f.contestName}" không duyệt tác phẩm ${name}.\nLý do: ${reason}\nNếu có ý ` +
            `kiến, xin liên hệ Ban Tổ chức (qua Phòng Nội vụ).`,
          en:
            `The organizers of "${f.contestName}" have not approved your entry ${name}.\nReason: ${reason}\nTo ` +
            `raise a concern, contact the organizers (through the secretariat).`,
        },
        sms: `Cuộc thi video: tác phẩm ${f.entryCode} không được duyệt. Lý do: ${clip(reason, SMS_REASON_CHARS)}`,
      };
      break;
    case 'returned':
      out = {
        title: { vi: `Tác phẩm ${f.entryCode} được trả lại để sửa`, en: `Entry ${f.entryCode} returned for a fix` },
        body: {
          vi:
            `Ban Tổ chức cuộc thi "${f.contestName}" trả lại tác phẩm ${name} để sửa.\nLý do: ${reason}\nHạn sửa ` +
            `và nộp lại: ${deadline('vi')}. Sau thời hạn này tác phẩm không thể nộp lại.`,
          en:
            `The organizers of "${f.contestName}" have returned your entry ${name} for a fix.\nReason: ` +
            `${reason}\nFix it and send it again by ${deadline('en')}. After that it can no longer be sent.`,
        },
        sms:
          `Cuộc thi video: tác phẩm ${f.entryCode} được trả lại để sửa, hạn nộp lại ` +
          `${formatDateTime(f.fixDeadline ?? new Date(0), f.timeZone)}. Lý do: ${clip(reason, SMS_REASON_CHARS)}`,
      };
      break;
  }
  const link = { vi: `\n\nXem tác phẩm: ${f.entryUrl}`, en: `\n\nSee the entry: ${f.entryUrl}` };
  return {
    title: { vi: out.title.vi.normalize('NFC'), en: out.title.en.normalize('NFC') },
    body: { vi: (out.body.vi + link.vi).normalize('NFC'), en: (out.body.en + link.en).normalize('NFC') },
    sms: `${out.sms} ${f.entryUrl}`.normalize('NFC'),
  };
}

/** The entrant is told that a returned entry has more time to be fixed, and until when. */
export function fixDeadlineExtendedMessage(f: {
  contestName: string;
  entryCode: string;
  title: string;
  fixDeadline: string;
  timeZone: string;
  entryUrl: string;
}): ReviewMessage {
  const when = formatDateTime(f.fixDeadline, f.timeZone);
  const zone = { vi: timeZoneName(f.timeZone, 'vi'), en: timeZoneName(f.timeZone, 'en') };
  const name = `"${f.title}" (${f.entryCode})`;
  return {
    title: { vi: `Gia hạn sửa tác phẩm ${f.entryCode}`.normalize('NFC'), en: `More time to fix entry ${f.entryCode}` },
    body: {
      vi: (
        `Ban Tổ chức cuộc thi "${f.contestName}" gia hạn sửa tác phẩm ${name}.\nHạn sửa và nộp lại mới: ${when} ` +
        `(${zone.vi}). Sau thời hạn này tác phẩm không thể nộp lại.\n\nXem tác phẩm: ${f.entryUrl}`
      ).normalize('NFC'),
      en: (
        `The organizers of "${f.contestName}" have given your entry ${name} more time to be fixed.\nNew deadline ` +
        `to fix and send it again: ${when} (${zone.en}). After that it can no longer be sent.\n\nSee the ` +
        `entry: ${f.entryUrl}`
      ).normalize('NFC'),
    },
    sms: `Cuộc thi video: tác phẩm ${f.entryCode} được gia hạn sửa đến ${when}. ${f.entryUrl}`.normalize('NFC'),
  };
}
