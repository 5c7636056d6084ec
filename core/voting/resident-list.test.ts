import { describe, expect, it } from 'vitest';
import { parseResidentList, residentProblem } from './resident-list.ts';

describe('parseResidentList', () => {
  it('reads a plain list of numbers in any usual form, counting repeats once', () => {
    expect(parseResidentList('0912345678\n+84 912 345 678\n0381234567\n')).toEqual({
      ok: true,
      numbers: ['+84912345678', '+84381234567'],
      duplicates: 1,
    });
  });

  it('finds the phone column by its header', () => {
    const r = parseResidentList('Họ tên;Số điện thoại;Thôn\nNguyễn Văn An;0912 345 678;Thôn 1\n');
    expect(r).toEqual({ ok: true, numbers: ['+84912345678'], duplicates: 0 });
  });

  it('skips a header it does not know when the first cell has no digits', () => {
    expect(parseResidentList('dien thoai\n0912345678\n')).toMatchObject({ ok: true, numbers: ['+84912345678'] });
  });

  it('lists every bad row with the reason, and keeps nothing', () => {
    const r = parseResidentList('0912345678\n0233 3863 123\n1900 1234\n0168 123 4567\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4]);
      expect(r.errors[0]!.message.vi).toBe(
        'Dòng 2: Số 02333863123 là số cố định, không nhận được tin nhắn. Hãy nhập số di động của bạn.',
      );
      expect(r.errors[2]!.message.en).toContain('your number is now 0381234567');
    }
  });

  it('refuses an empty list', () => {
    expect(parseResidentList('').ok).toBe(false);
  });
});

describe('residentProblem', () => {
  it('refuses a number off the list only when the list is in force', () => {
    expect(residentProblem(true, false)?.code).toBe('vote.notResident');
    expect(residentProblem(true, true)).toBeNull();
    expect(residentProblem(false, false)).toBeNull();
  });
});
