import { describe, expect, it } from 'vitest';
import type { UnitCategory } from './contest.ts';
import { nextReminderAt, parseUnitRows, unitInputSchema, UNIT_REMINDER_INTERVAL_HOURS } from './units.ts';

const CATEGORIES: UnitCategory[] = [{ code: 'commune', name: 'Xã, thị trấn', minEntries: 1, maxEntries: 2 }];

describe('a unit’s contact person', () => {
  it('keeps the name and position in NFC, the phone normalized; blanks are absent', () => {
    const r = unitInputSchema.parse({
      name: 'Xã Vĩnh Thái',
      categoryCode: 'commune',
      contactName: '  Tra\u0302\u0300n Thi\u0323 Bi\u0300nh ',
      contactPosition: 'Công chức Văn hóa - Xã hội',
      contactPhone: '+84 912 345 678',
      contactEmail: 'vanhoa@example.vn',
    });
    expect(r).toMatchObject({
      contactName: 'Trần Thị Bình',
      contactPhone: '0912345678',
      contactEmail: 'vanhoa@example.vn',
    });
    const blank = unitInputSchema.parse({
      name: 'Xã Vĩnh Tú',
      categoryCode: 'commune',
      contactName: ' ',
      contactPhone: '',
      contactEmail: '',
    });
    expect(blank.contactName).toBeUndefined();
    expect(blank.contactPhone).toBeUndefined();
    expect(blank.contactEmail).toBeUndefined();
  });

  it('refuses a phone that is not a Vietnamese number, with the rule’s message key', () => {
    const r = unitInputSchema.safeParse({ name: 'Xã A', categoryCode: 'commune', contactPhone: '12345' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['contactPhone'], message: 'phone.invalid' });
  });
});

describe('nextReminderAt', () => {
  it('is the interval after the last reminder, null when there was none', () => {
    expect(UNIT_REMINDER_INTERVAL_HOURS).toBe(12);
    expect(nextReminderAt('2026-12-09T01:00:00.000Z')).toBe('2026-12-09T13:00:00.000Z');
    expect(nextReminderAt(null)).toBeNull();
  });
});

describe('importing units with their contact person', () => {
  it('reads the contact columns by their Vietnamese names, the phone normalized', () => {
    const r = parseUnitRows(
      [
        ['Tên', 'Loại', 'Người liên hệ', 'Chức vụ', 'Điện thoại', 'Email'],
        ['Xã Vĩnh Thái', 'commune', 'Trần Thị Bình', 'Công chức', '0912.345.678', 'vt@example.vn'],
        ['Xã Vĩnh Tú', 'commune', '', '', '', ''],
      ],
      CATEGORIES,
    );
    expect(r.errors).toEqual([]);
    expect(r.units[0]).toMatchObject({
      contactName: 'Trần Thị Bình',
      contactPosition: 'Công chức',
      contactPhone: '0912345678',
      contactEmail: 'vt@example.vn',
    });
    expect(r.units[1]!.contactPhone).toBeUndefined();
  });

  it('names the row and the wrong phone', () => {
    const r = parseUnitRows(
      [
        ['ten', 'loai', 'so dien thoai'],
        ['Xã Vĩnh Thái', 'commune', '12345'],
      ],
      CATEGORIES,
    );
    expect(r.errors).toEqual([
      {
        row: 2,
        message: {
          vi: 'Số điện thoại liên hệ "12345" không hợp lệ; ghi 10 số di động hoặc 11 số máy bàn, bắt đầu bằng 0.',
          en:
            'The contact phone "12345" is not valid; write the 10-digit mobile or 11-digit landline number ' +
            'starting with 0.',
        },
      },
    ]);
  });
});
