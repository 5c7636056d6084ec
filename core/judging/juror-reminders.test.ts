import { describe, expect, it } from 'vitest';
import { jurorReminder, jurorReminderDue } from './juror-reminders.ts';

const END = '2026-09-20T10:00:00.000Z'; // 17:00 in Hanoi
const at = (hoursBefore: number) => new Date(Date.parse(END) - hoursBefore * 3_600_000);
const open = { state: 'open', windowEndsAt: END };
const juror = { mode: 'online' as const, submitted: false, assigned: 5, done: 2 };

describe('jurorReminderDue', () => {
  it('is due at 72 and 24 hours before the window closes, the most urgent only', () => {
    expect(jurorReminderDue(at(80), open, juror)).toBeNull();
    expect(jurorReminderDue(at(72), open, juror)).toBe(72);
    expect(jurorReminderDue(at(30), open, juror)).toBe(72);
    expect(jurorReminderDue(at(24), open, juror)).toBe(24);
    expect(jurorReminderDue(at(0.5), open, juror)).toBe(24);
    expect(jurorReminderDue(at(0), open, juror)).toBeNull();
  });

  it('leaves out who has submitted, who scores on paper, who has nothing, and rounds not open', () => {
    expect(jurorReminderDue(at(10), open, { ...juror, submitted: true })).toBeNull();
    expect(jurorReminderDue(at(10), open, { ...juror, mode: 'paper' })).toBeNull();
    expect(jurorReminderDue(at(10), open, { ...juror, assigned: 0, done: 0 })).toBeNull();
    expect(jurorReminderDue(at(10), { ...open, state: 'locked' }, juror)).toBeNull();
    // Everything scored but not submitted: still reminded (scores not submitted do not count).
    expect(jurorReminderDue(at(10), open, { ...juror, done: 5 })).toBe(24);
  });
});

describe('jurorReminder', () => {
  const facts = {
    contestName: 'Cuộc thi video Vĩnh Linh',
    roundName: 'Sơ khảo',
    threshold: 24 as const,
    windowEndsAt: END,
    timeZone: 'Asia/Ho_Chi_Minh',
    assigned: 5,
    done: 2,
    link: 'https://thi.example.vn/manage/judging',
  };
  it('says what is left and when the round closes, in Vietnamese and English', () => {
    const r = jurorReminder(facts);
    expect(r.subject.vi).toBe('Còn 24 giờ: vòng chấm "Sơ khảo" sắp hết thời gian chấm');
    expect(r.body.vi).toContain('hết thời gian chấm lúc 17:00 ngày 20/09/2026');
    expect(r.body.vi).toContain('Bạn đã chấm 2/5 tác phẩm; còn 3 tác phẩm chưa chấm xong');
    expect(r.body.en).toContain('You have scored 2 of 5 entries; 3 are not finished');
    expect(r.body.en).toContain('closes at 17:00 on 20/09/2026');
    expect(r.body.vi.normalize('NFC')).toBe(r.body.vi);
  });
  it('asks only for the submission when everything is scored', () => {
    const r = jurorReminder({ ...facts, done: 5 });
    expect(r.body.vi).toContain('Bạn đã chấm đủ 5 tác phẩm nhưng chưa nộp phiếu chấm');
    expect(r.body.en).toContain('scored all 5 entries but not submitted');
  });
});
