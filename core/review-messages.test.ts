import { describe, expect, it } from 'vitest';
import { fixDeadlineExtendedMessage, reviewMessage, type ReviewMessageFacts } from './review-messages.ts';

const facts: ReviewMessageFacts = {
  status: 'returned',
  contestName: 'Cuộc thi video CCHC Vĩnh Linh 2024',
  entryCode: 'VL2024-007',
  title: 'Một cửa điện tử',
  reason: 'Thiếu phụ đề tiếng Việt cho phần phỏng vấn'.normalize('NFD'),
  fixDeadline: '2024-06-28T10:00:00.000Z',
  timeZone: 'Asia/Ho_Chi_Minh',
  entryUrl: 'https://cuocthi.example.vn/entries/7',
};

describe('review messages', () => {
  it('names the decision, the reason and the deadline in Vietnamese time, dd/MM/yyyy HH:mm, in NFC', () => {
    const m = reviewMessage(facts);
    expect(m.title.vi).toBe('Tác phẩm VL2024-007 được trả lại để sửa');
    expect(m.body.vi).toContain('Lý do: Thiếu phụ đề tiếng Việt cho phần phỏng vấn');
    expect(m.body.vi).toContain('Hạn sửa và nộp lại: 28/06/2024 17:00 (giờ Việt Nam, UTC+7)');
    expect(m.body.en).toContain('by 28/06/2024 17:00 (Vietnam time, UTC+7)');
    expect(m.body.vi).toContain('https://cuocthi.example.vn/entries/7');
    expect(m.sms).toContain('hạn nộp lại 28/06/2024 17:00');
    for (const s of [m.title.vi, m.body.vi, m.body.en, m.sms]) expect(s).toBe(s.normalize('NFC'));
  });

  it("gives the reason of a rejection and leaves an approval's note optional", () => {
    const rejected = reviewMessage({
      ...facts,
      status: 'rejected',
      reason: 'Sử dụng nhạc có bản quyền',
      fixDeadline: null,
    });
    expect(rejected.title.en).toBe('Entry VL2024-007 not approved');
    expect(rejected.body.vi).toContain('Lý do: Sử dụng nhạc có bản quyền');
    expect(rejected.body.vi).not.toContain('Hạn sửa');
    const approved = reviewMessage({ ...facts, status: 'approved', reason: '', fixDeadline: null });
    expect(approved.title.vi).toBe('Tác phẩm VL2024-007 đã được duyệt');
    expect(approved.body.vi).not.toContain('Ghi chú');
    expect(
      reviewMessage({ ...facts, status: 'approved', reason: 'Hình ảnh đẹp', fixDeadline: null }).body.vi,
    ).toContain('Ghi chú: Hình ảnh đẹp');
  });

  it('keeps the SMS short by clipping a long reason', () => {
    const m = reviewMessage({ ...facts, reason: 'Rất dài '.repeat(60) });
    expect([...m.sms].length).toBeLessThan(260);
    expect(m.sms).toContain('…');
  });
});

describe('the message of a longer fix deadline', () => {
  it("gives the new deadline in the contest's time, dd/MM/yyyy HH:mm, in Vietnamese (NFC) and English", () => {
    const m = fixDeadlineExtendedMessage({
      contestName: 'Cuộc thi video CCHC Vĩnh Linh 2024',
      entryCode: 'VL2024-007',
      title: 'Một cửa điện tử',
      fixDeadline: '2024-07-01T10:00:00.000Z',
      timeZone: 'Asia/Ho_Chi_Minh',
      entryUrl: 'http://localhost:3000/entries/7',
    });
    expect(m.title.vi).toBe('Gia hạn sửa tác phẩm VL2024-007');
    expect(m.body.vi).toContain('Hạn sửa và nộp lại mới: 01/07/2024 17:00 (giờ Việt Nam, UTC+7)');
    expect(m.body.en).toContain('New deadline to fix and send it again: 01/07/2024 17:00');
    expect(m.sms).toBe(
      'Cuộc thi video: tác phẩm VL2024-007 được gia hạn sửa đến 01/07/2024 17:00. http://localhost:3000/entries/7',
    );
    for (const text of [m.title.vi, m.body.vi, m.sms]) expect(text).toBe(text.normalize('NFC'));
  });
});
