import { describe, expect, it } from 'vitest';
import {
  decisionTally,
  defaultFixDeadline,
  fixDeadlineBounds,
  reasonMissing,
  reviewBody,
  reviewersDisagree,
} from './review-form.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const d = (reviewerUserId: number, decision: 'approve' | 'reject' | 'return', isFinal = false) => ({
  reviewerUserId,
  decision,
  isFinal,
});

describe('review form helpers', () => {
  it('counts the reviewers of a round, the final word apart', () => {
    expect(decisionTally([], 2)).toEqual({ done: 0, required: 2, final: false });
    expect(decisionTally([d(1, 'approve'), d(2, 'reject')], 2)).toEqual({ done: 2, required: 2, final: false });
    expect(decisionTally([d(1, 'approve'), d(2, 'reject'), d(1, 'reject', true)], 2)).toEqual({
      done: 2,
      required: 2,
      final: true,
    });
  });

  it('sees a disagreement between reviewers, not with the final word', () => {
    expect(reviewersDisagree([d(1, 'approve'), d(2, 'approve')])).toBe(false);
    expect(reviewersDisagree([d(1, 'approve'), d(2, 'return')])).toBe(true);
    expect(reviewersDisagree([d(1, 'approve'), d(3, 'reject', true)])).toBe(false);
  });

  it('suggests 17:00 in the contest zone three days ahead, within the bounds the server takes', () => {
    // 02/12/2026 20:30 in Hà Nội is 13:30 UTC.
    const now = new Date('2026-12-02T13:30:00Z');
    expect(defaultFixDeadline(now, TZ)).toBe('2026-12-05T17:00');
    expect(fixDeadlineBounds(now, TZ)).toEqual({ min: '2026-12-02T21:30', max: '2026-12-16T20:30' });
  });

  it('needs a reason of 10 characters, counted as letters, to reject or return', () => {
    expect(reasonMissing('approve', '')).toBe(false);
    expect(reasonMissing('reject', 'Không ổn')).toBe(true);
    expect(reasonMissing('return', '  Âm thanh rè  ')).toBe(false);
    // "Ừ" decomposed is two code points in NFD; it is one letter either way.
    expect(reasonMissing('return', 'U\u031B\u0300'.repeat(9))).toBe(true);
  });

  it('sends the ticks of the judged items and the deadline as an instant only when returning', () => {
    const values = {
      decision: 'return' as const,
      reason: ' Thiếu phụ đề tiếng Việt ',
      note: '',
      ticks: { onTheme: true },
      fixDeadline: '2026-12-05T17:00',
    };
    expect(reviewBody(values, TZ)).toEqual({
      decision: 'return',
      reason: 'Thiếu phụ đề tiếng Việt',
      note: '',
      checklist: {
        onTheme: { ok: true, note: '' },
        lawfulRespectful: { ok: false, note: '' },
        originalRights: { ok: false, note: '' },
      },
      fixDeadline: '2026-12-05T10:00:00.000Z',
    });
    expect(reviewBody({ ...values, decision: 'approve' }, TZ).fixDeadline).toBeNull();
  });
});
