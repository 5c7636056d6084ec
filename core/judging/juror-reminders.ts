/**
 * Reminding jurors before a round's window closes (issue 11, item 7): the same reminder points as the entrants'
 * deadline reminders (72 and 24 hours before, only the most urgent one due: `reminderDue`), sent to each juror of an
 * open round who scores online and has not submitted, once per round, juror and point. What the reminder says: how
 * many entries are left to score, whether only the submission is missing, the closing time in the contest's zone.
 */
import { deadlineWithZone, reminderDue, type ReminderThreshold } from '../deadline.ts';
import type { ReminderText } from '../deadline-messages.ts';

export interface JurorToRemind {
  mode: 'online' | 'paper';
  submitted: boolean;
  /** Entries assigned to the juror and not blocked. */
  assigned: number;
  /** Of those, how many have a complete sheet or a reasoned abstention. */
  done: number;
}

/** The reminder point due now for a juror, or null: nothing to do, on paper (the secretary's work), or not due. */
export function jurorReminderDue(
  now: Date,
  round: { state: string; windowEndsAt: string },
  juror: JurorToRemind,
): ReminderThreshold | null {
  if (round.state !== 'open' || juror.mode !== 'online' || juror.submitted || juror.assigned === 0) return null;
  return reminderDue(now, round.windowEndsAt);
}

/** A juror is reminded by hand ("Nhắc giám khảo") at most once in this many hours per round (as units are). */
export const JUROR_REMINDER_INTERVAL_HOURS = 12;

/** When a juror reminded by hand at `last` may be reminded by hand again (null: never reminded, so now). */
export function nextJurorReminderAt(last: string | null | undefined): string | null {
  return last ? new Date(Date.parse(last) + JUROR_REMINDER_INTERVAL_HOURS * 3_600_000).toISOString() : null;
}

/** Why a juror cannot be reminded by hand now, or null: on paper (the secretary's work), submitted, nothing to do. */
export function jurorNotRemindable(juror: JurorToRemind): 'paper' | 'submitted' | 'nothing' | null {
  if (juror.mode !== 'online') return 'paper';
  if (juror.submitted) return 'submitted';
  if (juror.assigned === 0) return 'nothing';
  return null;
}

export interface JurorReminderFacts {
  contestName: string;
  roundName: string;
  /** The reminder point; absent for a reminder sent by hand by the chair or the secretary. */
  threshold?: ReminderThreshold;
  windowEndsAt: string;
  timeZone: string;
  assigned: number;
  done: number;
  link: string;
}

export function jurorReminder(f: JurorReminderFacts): ReminderText {
  const left = f.assigned - f.done;
  const vi = deadlineWithZone(f.windowEndsAt, f.timeZone, 'vi');
  const en = deadlineWithZone(f.windowEndsAt, f.timeZone, 'en');
  const todoVi =
    left > 0
      ? `Bạn đã chấm ${f.done}/${f.assigned} tác phẩm; còn ${left} tác phẩm chưa chấm xong, và phiếu chấm chưa nộp.`
      : `Bạn đã chấm đủ ${f.assigned} tác phẩm nhưng chưa nộp phiếu chấm; điểm chưa nộp không được tính.`;
  const todoEn =
    left > 0
      ? `You have scored ${f.done} of ${f.assigned} entries; ${left} are not finished, and your sheet is not submitted.`
      : `You have scored all ${f.assigned} entries but not submitted your sheet; scores not submitted do not count.`;
  const subject =
    f.threshold === undefined
      ? {
          vi: `Nhắc chấm thi: vòng chấm "${f.roundName}" hết thời gian chấm lúc ${vi}`,
          en: `Judging reminder: round "${f.roundName}" closes at ${en}`,
        }
      : {
          vi: `Còn ${f.threshold} giờ: vòng chấm "${f.roundName}" sắp hết thời gian chấm`,
          en: `${f.threshold} hours left: judging round "${f.roundName}" closes soon`,
        };
  return {
    subject,
    body: {
      vi: [
        `Vòng chấm "${f.roundName}" của ${f.contestName} hết thời gian chấm lúc ${vi}.`,
        todoVi,
        `Mở vòng chấm để chấm tiếp và nộp phiếu: ${f.link}`,
      ].join('\n\n'),
      en: [
        `The judging round "${f.roundName}" of ${f.contestName} closes at ${en}.`,
        todoEn,
        `Open the round to go on scoring and submit your sheet: ${f.link}`,
      ].join('\n\n'),
    },
    sms:
      left > 0
        ? `${f.contestName}: vòng chấm "${f.roundName}" hết hạn ${vi}; còn ${left} tác phẩm chưa chấm. ${f.link}`
        : `${f.contestName}: vòng chấm "${f.roundName}" hết hạn ${vi}; phiếu chấm chưa nộp. ${f.link}`,
  };
}
