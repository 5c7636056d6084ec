import { describe, expect, it } from 'vitest';
import { entryDraftSchema, missingForSubmission, type EntryDraft } from './entry.ts';
import {
  buildChecklist,
  decisionProblem,
  entrantStatus,
  extendProblem,
  fixDeadlineValid,
  fixWindowOpen,
  missingAuthorDetails,
  recordingRule,
  reviewInputSchema,
  roundOutcome,
  type ReviewDecision,
  type RoundDecision,
} from './review.ts';

const NOW = new Date('2024-06-26T03:00:00Z');
const hours = (h: number) => new Date(NOW.getTime() + h * 3600_000).toISOString();
const allOk = {
  onTheme: { ok: true, note: '' },
  lawfulRespectful: { ok: true, note: '' },
  originalRights: { ok: true, note: '' },
};
const goodFacts = { technicalPassed: true, missing: [] };

function completeDraftForTest(): EntryDraft {
  return entryDraftSchema.parse({
    title: 'Một cửa điện tử',
    form: 'report',
    synopsis: 'Phóng sự về Bộ phận Một cửa.',
    party: { kind: 'person' },
    authors: [
      {
        fullName: 'Trần Thị Bình',
        position: 'Công chức',
        unitName: 'UBND xã Vĩnh Hà',
        address: 'Thôn 1, xã Vĩnh Hà',
        phone: '0912345678',
      },
    ],
    originalityDeclared: true,
    consentGiven: true,
  });
}

let seq = 0;
function d(reviewerId: number, decision: ReviewDecision, extra: Partial<RoundDecision> = {}): RoundDecision {
  return {
    reviewerId,
    decision,
    isFinal: false,
    reason: `Lý do số ${++seq} đủ dài`,
    fixDeadline: decision === 'return' ? hours(48) : null,
    at: hours(seq / 100),
    ...extra,
  };
}

describe('the checklist', () => {
  it("takes the reviewer's ticks for what a person judges and the server's facts for the file and the authors", () => {
    const rows = buildChecklist(
      {
        onTheme: { ok: true, note: 'Đúng chủ đề dịch vụ công' },
        originalRights: { ok: false, note: 'Nhạc nền có bản quyền' },
      },
      goodFacts,
    );
    expect(rows.map((r) => [r.item, r.source, r.ok])).toEqual([
      ['onTheme', 'reviewer', true],
      ['lawfulRespectful', 'reviewer', null],
      ['originalRights', 'reviewer', false],
      ['technicalPassed', 'computed', true],
      ['authorDetailsComplete', 'computed', true],
    ]);
    expect(rows[2]!.note).toBe('Nhạc nền có bản quyền');
  });

  it('marks the author details incomplete from what core/entry.ts finds missing about the authors only (R8)', () => {
    const draft = completeDraftForTest();
    draft.authors[0]!.address = '';
    draft.synopsis = '';
    const missing = missingForSubmission(draft, ['report']);
    expect(missing.map((m) => m.field)).toEqual(['synopsis', 'authors.0.address']);
    expect(missingAuthorDetails(missing).map((m) => m.field)).toEqual(['authors.0.address']);
    const row = buildChecklist(allOk, { technicalPassed: false, missing }).filter((r) => r.source === 'computed');
    expect(row.map((r) => r.ok)).toEqual([false, false]);
  });
});

describe('what a decision needs', () => {
  const checklist = buildChecklist(allOk, goodFacts);

  it('needs a reason of at least 10 characters to reject or return, counted in letters after NFC', () => {
    expect(decisionProblem({ decision: 'reject', reason: '  ngắn  ', fixDeadline: null }, checklist, NOW)).toEqual({
      code: 'review.reasonRequired',
      min: 10,
    });
    expect(decisionProblem({ decision: 'return', reason: '', fixDeadline: hours(24) }, checklist, NOW)?.code).toBe(
      'review.reasonRequired',
    );
    // Ten letters written with combining marks are still ten letters.
    expect(
      decisionProblem({ decision: 'reject', reason: 'Sai chủ đề'.normalize('NFD'), fixDeadline: null }, checklist, NOW),
    ).toBeNull();
    expect(decisionProblem({ decision: 'approve', reason: '', fixDeadline: null }, checklist, NOW)).toBeNull();
  });

  it('needs a return deadline at least an hour ahead and at most 14 days', () => {
    const r = (fixDeadline: string | null) =>
      decisionProblem({ decision: 'return', reason: 'Thiếu phụ đề tiếng Việt', fixDeadline }, checklist, NOW);
    expect(r(null)?.code).toBe('review.deadlineInvalid');
    expect(r(hours(-1))?.code).toBe('review.deadlineInvalid');
    expect(r(hours(0.5))?.code).toBe('review.deadlineInvalid');
    expect(r(hours(1))).toBeNull();
    expect(r(hours(14 * 24))).toBeNull();
    expect(r(hours(14 * 24 + 1))).toEqual({ code: 'review.deadlineInvalid', minMinutes: 60, maxDays: 14 });
    expect(fixDeadlineValid('not a date', NOW)).toBe(false);
  });

  it('approves only when every item, judged or computed, is met', () => {
    expect(
      decisionProblem(
        { decision: 'approve', reason: '', fixDeadline: null },
        buildChecklist({ onTheme: { ok: true, note: '' } }, goodFacts),
        NOW,
      ),
    ).toEqual({ code: 'review.checklistIncomplete', items: ['lawfulRespectful', 'originalRights'] });
    expect(
      decisionProblem(
        { decision: 'approve', reason: '', fixDeadline: null },
        buildChecklist(allOk, { technicalPassed: false, missing: [] }),
        NOW,
      ),
    ).toEqual({ code: 'review.checklistIncomplete', items: ['technicalPassed'] });
    // Rejecting or returning an entry that fails an item is exactly what the checklist is for.
    expect(
      decisionProblem(
        { decision: 'reject', reason: 'Vi phạm bản quyền âm nhạc', fixDeadline: null },
        buildChecklist({}, goodFacts),
        NOW,
      ),
    ).toBeNull();
  });

  it('parses a request with defaults and refuses an unknown decision or a deadline without a zone', () => {
    expect(reviewInputSchema.parse({ decision: 'approve' })).toEqual({
      decision: 'approve',
      reason: '',
      note: '',
      checklist: {},
    });
    expect(reviewInputSchema.safeParse({ decision: 'maybe' }).success).toBe(false);
    expect(reviewInputSchema.safeParse({ decision: 'return', fixDeadline: '2024-06-28T17:00' }).success).toBe(false);
    expect(reviewInputSchema.safeParse({ decision: 'return', fixDeadline: '2024-06-28T17:00:00+07:00' }).success).toBe(
      true,
    );
  });
});

describe('the outcome of a round', () => {
  it('with one review required, the first decision stands', () => {
    expect(roundOutcome([], 1)).toEqual({ status: 'pending', deciding: null });
    for (const [decision, status] of [
      ['approve', 'approved'],
      ['reject', 'rejected'],
      ['return', 'returned'],
    ] as const) {
      const only = d(1, decision);
      expect(roundOutcome([only], 1)).toEqual({ status, deciding: only });
    }
  });

  it('with two required, one decision is not enough; two that agree decide, the later one speaking', () => {
    const first = d(1, 'return', { fixDeadline: hours(24) });
    const second = d(2, 'return', { fixDeadline: hours(72) });
    expect(roundOutcome([first], 2).status).toBe('pending');
    expect(roundOutcome([first, second], 2)).toEqual({ status: 'returned', deciding: second });
    expect(roundOutcome([d(1, 'approve'), d(2, 'approve')], 2).status).toBe('approved');
  });

  it("with two required, a disagreement is disputed until the organizer's final word settles it", () => {
    const a = d(1, 'approve');
    const b = d(2, 'reject');
    expect(roundOutcome([a, b], 2)).toEqual({ status: 'disputed', deciding: null });
    const final = d(1, 'return', { isFinal: true });
    expect(roundOutcome([a, b, final], 2)).toEqual({ status: 'returned', deciding: final });
  });

  it('counts one decision per reviewer, so one person cannot make the two agreeing reviews', () => {
    expect(roundOutcome([d(1, 'approve'), d(1, 'approve')], 2).status).toBe('pending');
  });

  it('shows the entrant a dispute as still pending', () => {
    expect(entrantStatus('disputed')).toBe('pending');
    expect(entrantStatus('returned')).toBe('returned');
    expect(entrantStatus(null)).toBeNull();
  });
});

describe('who may record a decision now', () => {
  const pending = { submitted: true, status: 'pending' as const };

  it('lets each reviewer decide once per round on a pending entry', () => {
    expect(recordingRule(pending, 1, [], false)).toEqual({ ok: true, isFinal: false });
    expect(recordingRule(pending, 1, [d(1, 'approve')], false)).toEqual({ ok: false, code: 'review.alreadyDecided' });
    expect(recordingRule(pending, 2, [d(1, 'approve')], false)).toEqual({ ok: true, isFinal: false });
  });

  it('lets only the organizer decide a disputed entry, and that decision is final even if they reviewed it', () => {
    const disputed = { submitted: true, status: 'disputed' as const };
    expect(recordingRule(disputed, 3, [d(1, 'approve'), d(2, 'reject')], false)).toEqual({
      ok: false,
      code: 'review.finalByOrganizer',
    });
    expect(recordingRule(disputed, 1, [d(1, 'approve'), d(2, 'reject')], true)).toEqual({ ok: true, isFinal: true });
  });

  it('refuses a decided, returned or unsubmitted entry, telling a reviewer who already decided so', () => {
    expect(recordingRule({ submitted: true, status: 'approved' }, 2, [d(1, 'approve')], true)).toEqual({
      ok: false,
      code: 'review.notReviewable',
    });
    expect(recordingRule({ submitted: true, status: 'approved' }, 1, [d(1, 'approve')], true)).toEqual({
      ok: false,
      code: 'review.alreadyDecided',
    });
    expect(recordingRule({ submitted: false, status: 'returned' }, 1, [d(1, 'return')], true)).toEqual({
      ok: false,
      code: 'review.notReviewable',
    });
    expect(recordingRule({ submitted: false, status: null }, 1, [], true)).toEqual({
      ok: false,
      code: 'review.notReviewable',
    });
  });
});

describe('more time to fix a returned entry', () => {
  const returned = { status: 'draft', reviewStatus: 'returned', fixDeadline: hours(-5) };
  it('takes a later deadline between an hour and two weeks ahead, also once the old one has passed', () => {
    expect(extendProblem(returned, hours(48), NOW)).toBeNull();
    expect(extendProblem({ ...returned, fixDeadline: hours(24) }, hours(25), NOW)).toBeNull();
  });
  it('refuses a deadline no later than the one in force, or outside the bounds of any fix deadline', () => {
    expect(extendProblem({ ...returned, fixDeadline: hours(24) }, hours(24), NOW)).toEqual({
      code: 'review.deadlineNotLater',
      current: hours(24),
    });
    expect(extendProblem({ ...returned, fixDeadline: hours(24) }, hours(12), NOW)).toEqual({
      code: 'review.deadlineNotLater',
      current: hours(24),
    });
    expect(extendProblem(returned, hours(0.5), NOW)).toMatchObject({ code: 'review.deadlineInvalid' });
    expect(extendProblem(returned, hours(15 * 24), NOW)).toMatchObject({ code: 'review.deadlineInvalid' });
    expect(extendProblem(returned, 'ngày mai', NOW)).toMatchObject({ code: 'review.deadlineInvalid' });
  });
  it('applies only to an entry still back with its entrant', () => {
    expect(extendProblem({ ...returned, status: 'submitted', reviewStatus: 'pending' }, hours(48), NOW)).toEqual({
      code: 'review.notReturned',
    });
    expect(extendProblem({ ...returned, status: 'submitted', reviewStatus: 'rejected' }, hours(48), NOW)).toEqual({
      code: 'review.notReturned',
    });
    expect(extendProblem({ ...returned, reviewStatus: null }, hours(48), NOW)).toEqual({ code: 'review.notReturned' });
  });
});

describe('the fix window of a returned entry', () => {
  it('is open until the fix deadline and only while returned', () => {
    expect(fixWindowOpen('returned', hours(1), NOW)).toBe(true);
    expect(fixWindowOpen('returned', hours(0), NOW)).toBe(false);
    expect(fixWindowOpen('returned', null, NOW)).toBe(false);
    expect(fixWindowOpen('rejected', hours(1), NOW)).toBe(false);
    expect(fixWindowOpen('pending', hours(1), NOW)).toBe(false);
  });
});
