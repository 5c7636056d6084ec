/**
 * Erasure on request and the retention of personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; issue 15 items
 * 8–9). Pure rules: what an entry keeps and loses, when a request is due, when a contest's data may go.
 */
import type { Author, EntryDraft } from './entry.ts';

/** The name left where an author's name was erased (the draft's schema needs one). */
export const ERASED_NAME = 'Đã xóa';

export type EntryErasure =
  /** A winner: names stay on the results and certificates, as the plan needs; contact details go. */
  | 'keepNames'
  /** Not a winner: names and contact details go. */
  | 'all';

export interface ErasedDraft {
  draft: EntryDraft;
  /** How many non-empty fields were cleared. */
  cleared: number;
}

function eraseAuthor(a: Author, how: EntryErasure): { author: Author; cleared: number } {
  const fields = how === 'all' ? (['fullName', 'position', 'address', 'phone', 'email'] as const) : CONTACT_FIELDS;
  let cleared = 0;
  const author = { ...a };
  for (const f of fields) {
    const gone = f === 'fullName' ? ERASED_NAME : '';
    if (author[f] !== '' && author[f] !== gone) {
      author[f] = gone;
      cleared++;
    }
  }
  return { author, cleared };
}

/** The fields that retention clears from non-winners' entries, and erasure from everyone's. */
export const CONTACT_FIELDS = ['address', 'phone', 'email'] as const;

/** The draft with its authors' personal data erased as `how` says. Applying it twice changes nothing more. */
export function eraseDraft(draft: EntryDraft, how: EntryErasure): ErasedDraft {
  let cleared = 0;
  const authors = draft.authors.map((a) => {
    const r = eraseAuthor(a, how);
    cleared += r.cleared;
    return r.author;
  });
  return { draft: { ...draft, authors }, cleared };
}

/** When a request made at `requestedAt` must be carried out or answered. */
export function erasureDueAt(requestedAt: Date, deadlineHours: number): Date {
  return new Date(requestedAt.getTime() + deadlineHours * 3600_000);
}

/** Whole hours left before a request is due (negative once overdue), for the staff's queue. */
export function hoursLeft(dueAt: Date, now: Date): number {
  return Math.floor((dueAt.getTime() - now.getTime()) / 3600_000);
}

/**
 * When the entrants' contact details of a contest may be removed: `months` calendar months after the results were
 * announced (the same day of the month, or the month's last day when it is shorter). Null while nothing is announced.
 */
export function entrantDataDueAt(announcedAt: Date | null, months: number): Date | null {
  if (!announcedAt) return null;
  const d = new Date(announcedAt.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * When the verified voters' keyed hashes may go: `days` after voting closed and the results were published,
 * whichever is later; null while either has not happened.
 */
export function voterHashesDueAt(votingClosedAt: Date | null, resultsAt: Date | null, days: number): Date | null {
  if (!votingClosedAt || !resultsAt) return null;
  const later = Math.max(votingClosedAt.getTime(), resultsAt.getTime());
  return new Date(later + days * 86400_000);
}

export type ErasureNoticeFacts =
  | { kind: 'done'; keptWinners: { code: string | null; title: string }[]; entriesErased: number }
  | { kind: 'refused'; reason: string };

/** The e-mail that tells the person what was done with their request, in their language. */
export function erasureNotice(facts: ErasureNoticeFacts, lang: 'vi' | 'en'): { subject: string; text: string } {
  if (facts.kind === 'refused')
    return lang === 'vi'
      ? {
          subject: 'Yêu cầu xóa dữ liệu cá nhân chưa được thực hiện',
          text:
            `Ban Tổ chức chưa thể xóa dữ liệu cá nhân của bạn, vì lý do sau:\n\n${facts.reason}\n\n` +
            'Nếu bạn không đồng ý, hãy trả lời thư này hoặc liên hệ Ban Tổ chức.',
        }
      : {
          subject: 'Your request to erase your personal data was not carried out',
          text:
            `The organizers cannot erase your personal data yet, for this reason:\n\n${facts.reason}\n\n` +
            'If you disagree, reply to this message or contact the organizers.',
        };
  const kept = facts.keptWinners.map((w) => `- ${w.code ? `${w.code}: ` : ''}${w.title}`).join('\n');
  if (lang === 'vi')
    return {
      subject: 'Dữ liệu cá nhân của bạn đã được xóa',
      text:
        'Theo yêu cầu của bạn, tài khoản đã được xóa thông tin cá nhân (họ tên, thư điện tử, số điện thoại) và không ' +
        `thể đăng nhập nữa. ${facts.entriesErased} tác phẩm đã được xóa thông tin tác giả và tệp video.` +
        (kept
          ? '\n\nCác tác phẩm đoạt giải dưới đây vẫn ghi tên tác giả và đơn vị trên kết quả và giấy chứng nhận, vì ' +
            'kế hoạch của cuộc thi cần lưu hồ sơ khen thưởng; địa chỉ, số điện thoại và thư điện tử của tác giả đã ' +
            `được xóa:\n${kept}`
          : '') +
        '\n\nĐây là thư cuối cùng gửi tới địa chỉ này.',
    };
  return {
    subject: 'Your personal data has been erased',
    text:
      'As you asked, your account no longer holds your personal data (name, e-mail, phone) and cannot be used to log ' +
      `in. ${facts.entriesErased} entries had their authors' details and video files erased.` +
      (kept
        ? "\n\nThe winning entries below keep their authors' names and unit on the results and certificates, as the " +
          "contest's plan must keep the award records; the authors' addresses, phones and e-mails were erased:\n" +
          kept
        : '') +
      '\n\nThis is the last message sent to this address.',
  };
}
