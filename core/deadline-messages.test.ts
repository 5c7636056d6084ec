import { describe, expect, it } from 'vitest';
import { entrantReminder, unitReminder } from './deadline-messages.ts';

const BASE = {
  contestName: 'Cuộc thi Video Vĩnh Linh 2026',
  endsAt: '2026-12-11T17:00:00.000Z',
  timeZone: 'Asia/Ho_Chi_Minh',
  link: 'https://thi.example.vn/entries/7',
};

describe('entrantReminder', () => {
  const msg = entrantReminder({ ...BASE, entryTitle: 'Sông Bến Hải', threshold: 24, graceMinutes: 60 });

  it('names the threshold, the draft, the deadline as the pages word it, and the link', () => {
    expect(msg.subject.vi).toBe('Còn 24 giờ: tác phẩm dự thi của bạn chưa được nộp');
    expect(msg.subject.en).toBe('24 hours left: your entry has not been submitted');
    expect(msg.body.vi).toContain('Tác phẩm “Sông Bến Hải” dự thi Cuộc thi Video Vĩnh Linh 2026 vẫn là bản nháp');
    expect(msg.body.vi).toContain('Hạn nộp: 23:59 ngày 11/12/2026 (giờ Việt Nam).');
    expect(msg.body.en).toContain('Deadline: 23:59 on 11/12/2026 (Vietnam time).');
    expect(msg.body.vi).toContain(BASE.link);
    expect(msg.body.vi).toContain('nộp đến 01:00 ngày 12/12/2026');
    expect(msg.sms).toBe(
      'Cuộc thi Video Vĩnh Linh 2026: tác phẩm “Sông Bến Hải” chưa được nộp. ' +
        'Hạn nộp: 23:59 ngày 11/12/2026 (giờ Việt Nam). Nộp tại https://thi.example.vn/entries/7',
    );
  });

  it('words an untitled draft and leaves out the grace period when there is none', () => {
    const m = entrantReminder({ ...BASE, entryTitle: '', threshold: 72, graceMinutes: 0 });
    expect(m.subject.vi).toContain('Còn 72 giờ');
    expect(m.body.vi).toContain('Tác phẩm chưa đặt tên dự thi');
    expect(m.body.en).toContain('Your entry untitled to');
    expect(m.body.vi).not.toContain('tải tiếp');
  });
});

describe('unitReminder', () => {
  it('gives the count against the minimum, the range, what is missing and the deadline', () => {
    const m = unitReminder({
      ...BASE,
      unitName: 'Xã Vĩnh Thái',
      contactName: 'Trần Văn An',
      submitted: 1,
      minEntries: 2,
      maxEntries: 3,
    });
    expect(m.subject.vi).toBe('Xã Vĩnh Thái: đã nộp 1/2 tác phẩm tối thiểu — Cuộc thi Video Vĩnh Linh 2026');
    expect(m.body.vi).toContain('Kính gửi Trần Văn An,');
    expect(m.body.vi).toContain('cần nộp từ 2 đến 3 tác phẩm. Đến nay đơn vị đã nộp 1 tác phẩm, còn thiếu 1.');
    expect(m.body.vi).toContain('Hạn nộp: 23:59 ngày 11/12/2026 (giờ Việt Nam).');
    expect(m.body.en).toContain('It has submitted 1 so far; 1 more are needed.');
    expect(m.sms).toContain(
      'Xã Vĩnh Thái đã nộp 1/2 tác phẩm tối thiểu. Hạn nộp: 23:59 ngày 11/12/2026 (giờ Việt Nam).',
    );
  });
});
