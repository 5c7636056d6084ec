import { describe, expect, it } from 'vitest';
import {
  deadlineMoment,
  deadlineText,
  deadlineWithZone,
  graceText,
  reminderDue,
  timeLeftText,
  zoneWords,
} from './deadline.ts';

const VN = 'Asia/Ho_Chi_Minh';
/** Submissions close at midnight starting 12/12/2026 in Vietnam: the last day is 11/12/2026. */
const END = '2026-12-11T17:00:00.000Z';
const H = 3_600_000;
const before = (ms: number) => new Date(Date.parse(END) - ms);

describe('deadlineText', () => {
  it('reads a midnight end as the last minute of the day before, in both languages', () => {
    expect(deadlineText(END, VN, 'vi')).toBe('Hạn nộp: 23:59 ngày 11/12/2026 (giờ Việt Nam)');
    expect(deadlineText(END, VN, 'en')).toBe('Deadline: 23:59 on 11/12/2026 (Vietnam time)');
  });

  it('gives the end’s own time when it is not midnight', () => {
    expect(deadlineText('2026-12-11T10:00:00Z', VN, 'vi')).toBe('Hạn nộp: 17:00 ngày 11/12/2026 (giờ Việt Nam)');
    expect(deadlineMoment('2026-12-11T10:30:00+07:00', VN, 'en')).toBe('10:30 on 11/12/2026');
  });

  it('accepts the same instant written with an offset', () => {
    expect(deadlineText('2026-12-12T00:00:00+07:00', VN, 'vi')).toBe(deadlineText(END, VN, 'vi'));
  });

  it('names another zone by its offset at the deadline', () => {
    expect(zoneWords('Asia/Tokyo', END, 'vi')).toBe('giờ UTC+9');
    expect(zoneWords('Asia/Kolkata', END, 'en')).toBe('UTC+5:30 time');
    expect(zoneWords('America/New_York', END, 'en')).toBe('UTC−5 time');
    expect(zoneWords('Asia/Saigon', END, 'vi')).toBe('giờ Việt Nam');
    expect(deadlineWithZone(END, VN, 'en')).toBe('23:59 on 11/12/2026 (Vietnam time)');
  });
});

describe('timeLeftText', () => {
  it('is null more than 72 hours before, and from the deadline on', () => {
    expect(timeLeftText(before(72 * H + 1000), END, 'vi')).toBeNull();
    expect(timeLeftText(before(0), END, 'vi')).toBeNull();
    expect(timeLeftText(new Date(Date.parse(END) + 1), END, 'en')).toBeNull();
  });

  it('counts days, hours and minutes in the last 72 hours', () => {
    expect(timeLeftText(before(72 * H), END, 'vi')).toBe('Còn 3 ngày 0 giờ 0 phút');
    expect(timeLeftText(before(2 * 24 * H + 3 * H + 12 * 60_000 + 30_000), END, 'vi')).toBe('Còn 2 ngày 3 giờ 12 phút');
    expect(timeLeftText(before(24 * H + 60_000), END, 'en')).toBe('1 day 0 hours 1 minute left');
    expect(timeLeftText(before(5 * H), END, 'en')).toBe('5 hours 0 minutes left');
  });

  it('adds seconds in the last hour', () => {
    expect(timeLeftText(before(12 * 60_000 + 5000), END, 'vi')).toBe('Còn 12 phút 5 giây');
    expect(timeLeftText(before(1000), END, 'en')).toBe('0 minutes 1 second left');
  });
});

describe('graceText', () => {
  it('says until when a running upload may finish, and that no new one may begin', () => {
    expect(graceText(END, 60, VN, 'vi')).toBe(
      'Tệp đang tải lên từ trước hạn vẫn được tải tiếp và nộp đến 01:00 ngày 12/12/2026 (thêm 60 phút); ' +
        'sau hạn nộp không thể bắt đầu tải tệp mới.',
    );
    expect(graceText(END, 30, VN, 'en')).toContain('until 00:30 on 12/12/2026 (30 more minutes)');
  });

  it('is null without a grace period', () => {
    expect(graceText(END, 0, VN, 'vi')).toBeNull();
  });
});

describe('reminderDue', () => {
  it('is nothing more than 72 hours before', () => {
    expect(reminderDue(before(72 * H + 1), END)).toBeNull();
  });

  it('is the 72-hour reminder from 72 hours before, and the 24-hour one from 24 hours before', () => {
    expect(reminderDue(before(72 * H), END)).toBe(72);
    expect(reminderDue(before(24 * H + 1), END)).toBe(72);
    expect(reminderDue(before(24 * H), END)).toBe(24);
    expect(reminderDue(before(1), END)).toBe(24);
  });

  it('is nothing once the deadline has passed', () => {
    expect(reminderDue(before(0), END)).toBeNull();
    expect(reminderDue(new Date(Date.parse(END) + H), END)).toBeNull();
  });
});
