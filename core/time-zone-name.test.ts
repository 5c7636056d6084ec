import { describe, expect, it } from 'vitest';
import { timeZoneName, utcOffsetLabel } from './time-zone-name.ts';

describe('time zones in words', () => {
  it('names Vietnam’s zone in each language, with its offset, never by its database name', () => {
    expect(timeZoneName('Asia/Ho_Chi_Minh', 'vi')).toBe('giờ Việt Nam, UTC+7');
    expect(timeZoneName('Asia/Ho_Chi_Minh', 'en')).toBe('Vietnam time, UTC+7');
    expect(timeZoneName('Asia/Saigon', 'vi')).toBe('giờ Việt Nam, UTC+7');
  });

  it('gives the offset at the moment asked, with half hours and summer time', () => {
    expect(utcOffsetLabel('Asia/Kolkata')).toBe('UTC+5:30');
    expect(utcOffsetLabel('Europe/London', new Date('2026-01-15T12:00:00Z'))).toBe('UTC');
    expect(utcOffsetLabel('Europe/London', new Date('2026-07-15T12:00:00Z'))).toBe('UTC+1');
    expect(utcOffsetLabel('America/Sao_Paulo', new Date('2026-07-15T12:00:00Z'))).toBe('UTC−3');
  });

  it('names other zones through Intl, and never shows the database name', () => {
    for (const zone of ['Asia/Tokyo', 'Europe/Paris', 'America/New_York', 'Etc/UTC']) {
      for (const lang of ['vi', 'en'] as const) {
        const name = timeZoneName(zone, lang, new Date('2026-01-15T12:00:00Z'));
        expect(name).not.toContain('/');
        expect(name).toMatch(/UTC([+−]\d+)?$/);
      }
    }
    expect(timeZoneName('Asia/Tokyo', 'en', new Date('2026-01-15T12:00:00Z'))).toBe('Japan Standard Time, UTC+9');
  });
});
