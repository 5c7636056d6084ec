import { describe, expect, it } from 'vitest';
import { formatVoteInstant, nextVoteOpensAt, voteDay, zoneLabel } from './vote-day.ts';

const VN = 'Asia/Ho_Chi_Minh';

describe('voteDay', () => {
  it('is the calendar day in Vietnam: 16:59:59 UTC is still the same day, 17:00 UTC is the next', () => {
    expect(voteDay(new Date('2024-06-20T16:59:59.999Z'), VN)).toBe('2024-06-20');
    expect(voteDay(new Date('2024-06-20T17:00:00.000Z'), VN)).toBe('2024-06-21');
  });

  it('follows the contest zone, not UTC', () => {
    expect(voteDay(new Date('2024-06-20T23:30:00Z'), 'UTC')).toBe('2024-06-20');
    expect(voteDay(new Date('2024-06-20T23:30:00Z'), VN)).toBe('2024-06-21');
  });

  it('crosses a year boundary in Vietnam', () => {
    expect(voteDay(new Date('2024-12-31T17:00:00Z'), VN)).toBe('2025-01-01');
  });
});

describe('nextVoteOpensAt', () => {
  const daily = { kind: 'per_person_per_day' } as const;

  it('is the next midnight in Vietnam (17:00 UTC), even one second before it', () => {
    expect(nextVoteOpensAt(daily, new Date('2024-06-20T01:00:00Z'), VN, null)?.toISOString()).toBe(
      '2024-06-20T17:00:00.000Z',
    );
    expect(nextVoteOpensAt(daily, new Date('2024-06-20T16:59:59Z'), VN, null)?.toISOString()).toBe(
      '2024-06-20T17:00:00.000Z',
    );
    expect(nextVoteOpensAt(daily, new Date('2024-06-20T17:00:00Z'), VN, null)?.toISOString()).toBe(
      '2024-06-21T17:00:00.000Z',
    );
  });

  it('is the same for the per-entry rule', () => {
    expect(
      nextVoteOpensAt({ kind: 'per_entry_per_day' }, new Date('2024-06-20T01:00:00Z'), VN, null)?.toISOString(),
    ).toBe('2024-06-20T17:00:00.000Z');
  });

  it('is null when voting closes at or before that midnight', () => {
    expect(nextVoteOpensAt(daily, new Date('2024-06-20T01:00:00Z'), VN, '2024-06-20T17:00:00.000Z')).toBeNull();
    expect(nextVoteOpensAt(daily, new Date('2024-06-20T01:00:00Z'), VN, '2024-06-20T10:00:00.000Z')).toBeNull();
    expect(nextVoteOpensAt(daily, new Date('2024-06-20T01:00:00Z'), VN, '2024-06-20T17:00:01.000Z')).not.toBeNull();
  });

  it('is null under a fixed total, which never reopens', () => {
    expect(nextVoteOpensAt({ kind: 'total', votes: 3 }, new Date('2024-06-20T01:00:00Z'), VN, null)).toBeNull();
  });

  it('uses the local midnight of a zone with daylight saving', () => {
    // Berlin moves to summer time on 2024-03-31: midnight of 1 April is 22:00 UTC.
    expect(nextVoteOpensAt(daily, new Date('2024-03-31T12:00:00Z'), 'Europe/Berlin', null)?.toISOString()).toBe(
      '2024-03-31T22:00:00.000Z',
    );
  });
});

describe('formatVoteInstant', () => {
  const midnight = new Date('2024-06-20T17:00:00Z');

  it('writes the next opening as voters read it, in Vietnamese and English', () => {
    expect(formatVoteInstant(midnight, VN, 'vi')).toBe('00:00 ngày 21/06/2024 (giờ Việt Nam)');
    expect(formatVoteInstant(midnight, VN, 'en')).toBe('00:00 on 21/06/2024 (Vietnam time)');
  });

  it('names another zone by its name', () => {
    expect(zoneLabel('Asia/Bangkok', 'vi')).toBe('múi giờ Asia/Bangkok');
    expect(formatVoteInstant(midnight, 'UTC', 'en')).toBe('17:00 on 20/06/2024 (UTC time)');
  });
});
