import { describe, expect, it } from 'vitest';
import {
  countdown,
  DEFAULT_TIME_ZONE,
  formatDate,
  formatDateTime,
  isValidTimeZone,
  startOfLocalDay,
  utcToZonedLocal,
  zonedToUtc,
  zoneOffsetMs,
} from './time.ts';

const VN = 'Asia/Ho_Chi_Minh';
const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;

describe('DEFAULT_TIME_ZONE', () => {
  it('is Vietnam time', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
  });
});

describe('zoneOffsetMs', () => {
  it('is +7 h in Vietnam all year (no DST)', () => {
    expect(zoneOffsetMs(new Date('2024-01-15T12:00:00Z'), VN)).toBe(7 * HOUR);
    expect(zoneOffsetMs(new Date('2024-07-15T12:00:00Z'), VN)).toBe(7 * HOUR);
  });

  it('follows the DST change in Berlin', () => {
    expect(zoneOffsetMs(new Date('2024-03-31T00:59:59Z'), BERLIN)).toBe(1 * HOUR);
    expect(zoneOffsetMs(new Date('2024-03-31T01:00:00Z'), BERLIN)).toBe(2 * HOUR);
  });

  it('ignores the milliseconds of the instant', () => {
    expect(zoneOffsetMs(new Date('2024-06-19T17:00:00.999Z'), VN)).toBe(7 * HOUR);
  });
});

describe('zonedToUtc', () => {
  it('converts midnight in Vietnam to 17:00 UTC the previous day', () => {
    expect(zonedToUtc('2024-06-20T00:00', VN).toISOString()).toBe('2024-06-19T17:00:00.000Z');
  });

  it('treats a bare date as the start of that local day', () => {
    expect(zonedToUtc('2024-06-20', VN).toISOString()).toBe('2024-06-19T17:00:00.000Z');
  });

  it('accepts a space separator and seconds', () => {
    expect(zonedToUtc('2024-06-25 23:59:59', VN).toISOString()).toBe('2024-06-25T16:59:59.000Z');
  });

  it('crosses a year boundary', () => {
    expect(zonedToUtc('2025-01-01T03:00', VN).toISOString()).toBe('2024-12-31T20:00:00.000Z');
  });

  it('uses winter time in Berlin the day before the spring change', () => {
    expect(zonedToUtc('2024-03-30T12:00', BERLIN).toISOString()).toBe('2024-03-30T11:00:00.000Z');
  });

  it('uses the right offset on each side of the spring change in Berlin (2024-03-31)', () => {
    expect(zonedToUtc('2024-03-31T01:30', BERLIN).toISOString()).toBe('2024-03-31T00:30:00.000Z');
    expect(zonedToUtc('2024-03-31T03:00', BERLIN).toISOString()).toBe('2024-03-31T01:00:00.000Z');
    expect(zonedToUtc('2024-03-31T03:30', BERLIN).toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(zonedToUtc('2024-04-01T00:00', BERLIN).toISOString()).toBe('2024-03-31T22:00:00.000Z');
  });

  it('moves a wall time that does not exist (02:30 on 2024-03-31 in Berlin) forward to a real instant', () => {
    const d = zonedToUtc('2024-03-31T02:30', BERLIN);
    expect(d.toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(utcToZonedLocal(d, BERLIN)).toBe('2024-03-31T03:30');
  });

  it('uses the right offset on each side of the autumn change in Berlin (2024-10-27)', () => {
    expect(zonedToUtc('2024-10-27T01:30', BERLIN).toISOString()).toBe('2024-10-26T23:30:00.000Z');
    expect(zonedToUtc('2024-10-27T03:30', BERLIN).toISOString()).toBe('2024-10-27T02:30:00.000Z');
    // 02:30 happens twice; whichever is chosen must read back as 02:30.
    expect(utcToZonedLocal(zonedToUtc('2024-10-27T02:30', BERLIN), BERLIN)).toBe('2024-10-27T02:30');
  });

  it('round-trips with utcToZonedLocal', () => {
    for (const local of ['2024-06-20T00:00', '2024-02-29T23:45', '2024-12-31T12:00']) {
      expect(utcToZonedLocal(zonedToUtc(local, VN), VN)).toBe(local);
      expect(utcToZonedLocal(zonedToUtc(local, BERLIN), BERLIN)).toBe(local);
    }
  });

  it('rejects text that is not a local date-time', () => {
    expect(() => zonedToUtc('20/06/2024', VN)).toThrow(RangeError);
    expect(() => zonedToUtc('2024-06-20T00:00Z', VN)).toThrow(RangeError);
    expect(() => zonedToUtc('', VN)).toThrow(RangeError);
  });
});

describe('utcToZonedLocal', () => {
  it('gives the value of a datetime-local input in the zone', () => {
    expect(utcToZonedLocal('2024-06-19T17:00:00Z', VN)).toBe('2024-06-20T00:00');
    expect(utcToZonedLocal(new Date('2024-06-19T16:59:00Z'), VN)).toBe('2024-06-19T23:59');
  });

  it('shows midnight as 00, not 24', () => {
    expect(utcToZonedLocal('2024-01-01T00:00:00Z', 'UTC')).toBe('2024-01-01T00:00');
  });
});

describe('formatDate / formatDateTime', () => {
  it('writes dd/MM/yyyy in Vietnam time by default', () => {
    expect(formatDate('2024-06-19T17:00:00Z')).toBe('20/06/2024');
    expect(formatDate('2024-06-19T16:59:59Z')).toBe('19/06/2024');
  });

  it('pads single-digit days and months', () => {
    expect(formatDate(new Date('2024-01-05T03:00:00Z'))).toBe('05/01/2024');
  });

  it('uses the zone it is given', () => {
    expect(formatDate('2024-06-19T17:00:00Z', 'UTC')).toBe('19/06/2024');
  });

  it('writes dd/MM/yyyy HH:mm with a 24-hour clock', () => {
    expect(formatDateTime('2024-06-19T17:05:00Z')).toBe('20/06/2024 00:05');
    expect(formatDateTime('2024-06-25T09:30:00Z')).toBe('25/06/2024 16:30');
    expect(formatDateTime('2024-06-25T09:30:00Z', BERLIN)).toBe('25/06/2024 11:30');
  });
});

describe('startOfLocalDay', () => {
  it('gives local midnight of the day containing the instant', () => {
    // 01:00 on 20/06 in Vietnam is still 19/06 in UTC.
    expect(startOfLocalDay(new Date('2024-06-19T18:00:00Z'), VN).toISOString()).toBe('2024-06-19T17:00:00.000Z');
    expect(startOfLocalDay(new Date('2024-06-19T16:59:59Z'), VN).toISOString()).toBe('2024-06-18T17:00:00.000Z');
  });

  it('adds whole local days, also across the end of a month', () => {
    expect(startOfLocalDay(new Date('2024-06-19T18:00:00Z'), VN, 1).toISOString()).toBe('2024-06-20T17:00:00.000Z');
    expect(startOfLocalDay(new Date('2024-06-29T18:00:00Z'), VN, 2).toISOString()).toBe('2024-07-01T17:00:00.000Z');
    expect(startOfLocalDay(new Date('2024-06-19T18:00:00Z'), VN, -1).toISOString()).toBe('2024-06-18T17:00:00.000Z');
  });

  it('keeps local midnight across a DST change (a 23-hour day in Berlin)', () => {
    const start = startOfLocalDay(new Date('2024-03-31T12:00:00Z'), BERLIN);
    const next = startOfLocalDay(new Date('2024-03-31T12:00:00Z'), BERLIN, 1);
    expect(start.toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(next.toISOString()).toBe('2024-03-31T22:00:00.000Z');
    expect(next.getTime() - start.getTime()).toBe(23 * HOUR);
  });

  it('gives each instant its own day, in any order of asking (days are remembered)', () => {
    // Every half hour over four days around Berlin's autumn change (a 25-hour day), latest first, then earliest.
    const instants = Array.from({ length: 4 * 48 }, (_, i) => Date.parse('2024-10-25T22:00:00Z') + i * 30 * 60_000);
    for (const t of [...instants.slice().reverse(), ...instants]) {
      const at = new Date(t);
      const start = startOfLocalDay(at, BERLIN);
      const next = startOfLocalDay(at, BERLIN, 1);
      expect(start.getTime()).toBeLessThanOrEqual(t);
      expect(next.getTime()).toBeGreaterThan(t);
      expect(start.toISOString()).toBe(zonedToUtc(utcToZonedLocal(at, BERLIN).slice(0, 10), BERLIN).toISOString());
      expect(utcToZonedLocal(next, BERLIN).slice(11)).toBe('00:00');
    }
    const autumn = startOfLocalDay(new Date('2024-10-27T12:00:00Z'), BERLIN);
    expect(startOfLocalDay(autumn, BERLIN, 1).getTime() - autumn.getTime()).toBe(25 * HOUR);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones and rejects made-up ones', () => {
    expect(isValidTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Asia/Hanoi_City')).toBe(false);
    expect(isValidTimeZone('not a zone')).toBe(false);
  });
});

describe('countdown', () => {
  it('splits the remaining time into days, hours, minutes and seconds', () => {
    const from = new Date('2024-06-20T00:00:00Z');
    const to = new Date(from.getTime() + ((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000 + 900);
    expect(countdown(from, to)).toEqual({
      days: 2,
      hours: 3,
      minutes: 4,
      seconds: 5,
      totalMs: ((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000 + 900,
    });
  });

  it('never goes below zero once the moment has passed', () => {
    expect(countdown(new Date('2024-06-26T00:00:00Z'), new Date('2024-06-25T00:00:00Z'))).toEqual({
      days: 0,
      hours: 0,
      minutes: 0,
      seconds: 0,
      totalMs: 0,
    });
  });
});

describe('wall-clock parts from a cached offset', () => {
  /** What Intl itself says of the instant, as "yyyy-MM-ddTHH:mm:ss". */
  function intlWall(ms: number, tz: string): string {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
  }
  function ourWall(ms: number, tz: string): string {
    const seconds = String(Math.floor(((((ms + zoneOffsetMs(new Date(ms), tz)) % 60_000) + 60_000) % 60_000) / 1000));
    return `${utcToZonedLocal(new Date(ms), tz)}:${seconds.padStart(2, '0')}`;
  }

  it('agrees with Intl minute by minute across offset changes, half-hour ones and odd historic ones', () => {
    const cases: [string, string][] = [
      [BERLIN, '2024-03-31T00:00:00Z'],
      [BERLIN, '2024-10-27T00:00:00Z'],
      ['Australia/Lord_Howe', '2024-04-06T14:00:00Z'], // DST of 30 minutes
      ['America/St_Johns', '2024-11-03T02:00:00Z'],
      ['Asia/Kathmandu', '1985-12-31T18:00:00Z'], // +5:30 to +5:45
      [VN, '1906-06-30T16:00:00Z'], // local mean time +7:06:40 ends at an odd second
      [VN, '1975-06-12T16:00:00Z'],
      ['Africa/Monrovia', '1972-01-06T23:00:00Z'], // -0:44:30 to UTC at 00:44:30 UTC, inside a quarter hour
      ['Europe/Amsterdam', '1937-06-30T22:00:00Z'], // +0:19:32 to +0:20 at 23:40:28 UTC
    ];
    for (const [tz, from] of cases) {
      const start = Date.parse(from);
      for (let ms = start; ms < start + 4 * HOUR; ms += 60_000 + 7_000) {
        expect(ourWall(ms, tz), `${tz} ${new Date(ms).toISOString()}`).toBe(intlWall(ms, tz));
      }
    }
  });
});
