import { describe, expect, it } from 'vitest';
import { nextReminderAt, unitInputSchema, UNIT_REMINDER_INTERVAL_HOURS } from './units.ts';

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
