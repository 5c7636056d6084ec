import { describe, expect, it } from 'vitest';
import { fixWindowOpen, outcomeNotice } from './review-outcome.ts';

const now = new Date('2026-12-02T10:00:00Z');
const returned = (fixDeadline: string | null) => ({
  status: 'returned' as const,
  reason: 'Âm thanh bị rè ở phút thứ 3',
  fixDeadline,
});

describe('review outcome on the entry page', () => {
  it('keeps the fix window open until the deadline only', () => {
    expect(fixWindowOpen(returned('2026-12-05T10:00:00Z'), now)).toBe(true);
    expect(fixWindowOpen(returned('2026-12-02T10:00:00Z'), now)).toBe(false);
    expect(fixWindowOpen(returned(null), now)).toBe(false);
    expect(fixWindowOpen({ status: 'approved', reason: null, fixDeadline: null }, now)).toBe(false);
    expect(fixWindowOpen(null, now)).toBe(false);
  });

  it('tells the entrant the outcome, its reason and the deadline', () => {
    expect(outcomeNotice(null, now)).toBeNull();
    expect(outcomeNotice({ status: 'pending', reason: null, fixDeadline: null }, now)).toEqual({
      key: 'pending',
      kind: 'info',
    });
    expect(outcomeNotice({ status: 'disputed', reason: null, fixDeadline: null }, now)).toEqual({
      key: 'pending',
      kind: 'info',
    });
    expect(outcomeNotice({ status: 'approved', reason: null, fixDeadline: null }, now)).toEqual({
      key: 'approved',
      kind: 'success',
      reason: null,
    });
    expect(outcomeNotice({ status: 'rejected', reason: 'Sao chép', fixDeadline: null }, now)).toEqual({
      key: 'rejected',
      kind: 'error',
      reason: 'Sao chép',
    });
    expect(outcomeNotice(returned('2026-12-05T10:00:00Z'), now)).toMatchObject({
      key: 'returned',
      deadline: '2026-12-05T10:00:00Z',
      reason: 'Âm thanh bị rè ở phút thứ 3',
    });
    expect(outcomeNotice(returned('2026-12-01T10:00:00Z'), now)).toMatchObject({ key: 'returnedLate' });
  });
});
