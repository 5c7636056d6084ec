/**
 * The words of the deadline reminders: to an entrant whose draft is not sent yet, and to the contact person of a unit
 * below its minimum. Plain data in, both languages out; the deadline is worded by deadline.ts as on the pages.
 */
import { deadlineWithZone, graceText, type ReminderThreshold } from './deadline.ts';

export interface Localized {
  vi: string;
  en: string;
}

export interface ReminderText {
  subject: Localized;
  body: Localized;
  /** One language (Vietnamese), short: a text message. */
  sms: string;
}

export interface EntrantReminderFacts {
  contestName: string;
  /** The draft's title; empty when the entrant has not given one yet. */
  entryTitle: string;
  threshold: ReminderThreshold;
  endsAt: string;
  timeZone: string;
  graceMinutes: number;
  /** Where the draft is opened. */
  link: string;
}

export function entrantReminder(f: EntrantReminderFacts): ReminderText {
  const vi = deadlineWithZone(f.endsAt, f.timeZone, 'vi');
  const en = deadlineWithZone(f.endsAt, f.timeZone, 'en');
  const titleVi = f.entryTitle ? `“${f.entryTitle}”` : 'chưa đặt tên';
  const titleEn = f.entryTitle ? `“${f.entryTitle}”` : 'untitled';
  const graceVi = graceText(f.endsAt, f.graceMinutes, f.timeZone, 'vi');
  const graceEn = graceText(f.endsAt, f.graceMinutes, f.timeZone, 'en');
  return {
    subject: {
      vi: `Còn ${f.threshold} giờ: tác phẩm dự thi của bạn chưa được nộp`,
      en: `${f.threshold} hours left: your entry has not been submitted`,
    },
    body: {
      vi: [
        `Tác phẩm ${titleVi} dự thi ${f.contestName} vẫn là bản nháp, chưa được nộp.`,
        `Hạn nộp: ${vi}. Bản nháp chưa nộp khi hết hạn sẽ không được dự thi.`,
        `Mở bản nháp, hoàn thiện thông tin và tệp video rồi bấm “Nộp tác phẩm”: ${f.link}`,
        ...(graceVi ? [graceVi] : []),
      ].join('\n\n'),
      en: [
        `Your entry ${titleEn} to ${f.contestName} is still a draft and has not been submitted.`,
        `Deadline: ${en}. A draft not submitted by then will not take part.`,
        `Open the draft, complete the details and the video file, then press “Submit”: ${f.link}`,
        ...(graceEn ? [graceEn] : []),
      ].join('\n\n'),
    },
    sms: `${f.contestName}: tác phẩm ${titleVi} chưa được nộp. Hạn nộp: ${vi}. Nộp tại ${f.link}`,
  };
}

export interface UnitReminderFacts {
  contestName: string;
  unitName: string;
  contactName: string;
  submitted: number;
  minEntries: number;
  maxEntries: number;
  endsAt: string;
  timeZone: string;
  link: string;
}

export function unitReminder(f: UnitReminderFacts): ReminderText {
  const vi = deadlineWithZone(f.endsAt, f.timeZone, 'vi');
  const en = deadlineWithZone(f.endsAt, f.timeZone, 'en');
  const missing = Math.max(0, f.minEntries - f.submitted);
  return {
    subject: {
      vi: `${f.unitName}: đã nộp ${f.submitted}/${f.minEntries} tác phẩm tối thiểu — ${f.contestName}`,
      en: `${f.unitName}: ${f.submitted} of the ${f.minEntries} entries required submitted — ${f.contestName}`,
    },
    body: {
      vi: [
        `Kính gửi ${f.contactName || 'đầu mối liên hệ'},`,
        `Theo kế hoạch ${f.contestName}, ${f.unitName} cần nộp từ ${f.minEntries} đến ${f.maxEntries} tác phẩm. ` +
          `Đến nay đơn vị đã nộp ${f.submitted} tác phẩm, còn thiếu ${missing}.`,
        `Hạn nộp: ${vi}. Đề nghị đơn vị hoàn thành việc nộp tác phẩm trước hạn tại ${f.link}`,
        'Ban Tổ chức cuộc thi',
      ].join('\n\n'),
      en: [
        `Dear ${f.contactName || 'contact person'},`,
        `Under the plan of ${f.contestName}, ${f.unitName} is to submit ${f.minEntries} to ${f.maxEntries} entries. ` +
          `It has submitted ${f.submitted} so far; ${missing} more are needed.`,
        `Deadline: ${en}. Please have the unit's entries submitted before then at ${f.link}`,
        'The organizing committee',
      ].join('\n\n'),
    },
    sms:
      `${f.contestName}: ${f.unitName} đã nộp ${f.submitted}/${f.minEntries} tác phẩm tối thiểu. ` +
      `Hạn nộp: ${vi}. Đề nghị nộp đủ trước hạn.`,
  };
}
