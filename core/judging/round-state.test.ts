import { describe, expect, it } from 'vitest';
import { problem } from './messages.ts';
import { lockRound, mayDecideTie, openRound, reopenRound, reopenSheet, blockReasonOk } from './round-state.ts';

const chair = { isChair: true, isOrganizer: false };
const organizer = { isChair: false, isOrganizer: true };
const juror = { isChair: false, isOrganizer: false };
const REASON = 'Giám khảo nhập nhầm điểm tác phẩm P-417.';

describe('a round: draft → open → locked, reopened by the chair', () => {
  it('opens a draft round with nothing left to fix, by the chair or the organizer', () => {
    expect(openRound({ name: 'Sơ khảo', state: 'draft', actor: chair, problems: [] })).toEqual({
      ok: true,
      to: 'open',
      warnings: [],
    });
    expect(openRound({ name: 'Sơ khảo', state: 'draft', actor: organizer, problems: [] })).toMatchObject({ ok: true });
    expect(openRound({ name: 'Sơ khảo', state: 'draft', actor: juror, problems: [] })).toMatchObject({
      code: 'judging.chairOnly',
    });
  });

  it('refuses to open with problems left, listing them, or a round opened before', () => {
    const problems = [problem('round.noJurors')];
    expect(openRound({ name: 'Sơ khảo', state: 'draft', actor: chair, problems })).toEqual({
      ok: false,
      code: 'judging.cannotOpen',
      params: { round: 'Sơ khảo', count: 1 },
      problems,
    });
    expect(openRound({ name: 'Sơ khảo', state: 'locked', actor: chair, problems: [] })).toMatchObject({
      code: 'judging.openRefused',
    });
  });

  it('locks an open round and warns about jurors whose drafts will not count', () => {
    const r = lockRound({
      name: 'Sơ khảo',
      state: 'open',
      actor: chair,
      jurors: [
        { jurorId: 1, submitted: true },
        { jurorId: 2, submitted: false },
      ],
      jurorLabel: (j) => (j === 2 ? 'Bà Lê Thị Hoa' : 'x'),
    });
    expect(r.ok && r.to).toBe('locked');
    expect(r.ok && r.warnings.map((w) => w.message.vi)).toEqual([
      'Giám khảo Bà Lê Thị Hoa chưa nộp phiếu chấm; điểm nháp của người này sẽ không được tính.',
    ]);
    expect(lockRound({ name: 'x', state: 'locked', actor: chair, jurors: [], jurorLabel: String })).toMatchObject({
      code: 'judging.lockRefused',
    });
  });

  it('reopens a locked round for the chair only, with a reason, while the next round has not opened', () => {
    const base = { name: 'Sơ khảo', state: 'locked' as const, actor: chair, reason: REASON, next: null };
    expect(reopenRound(base)).toEqual({ ok: true, to: 'open', warnings: [] });
    expect(reopenRound({ ...base, actor: organizer })).toMatchObject({ code: 'judging.chairOnly' });
    expect(reopenRound({ ...base, reason: 'nhầm' })).toMatchObject({
      code: 'judging.reasonRequired',
      params: { min: 10 },
    });
    expect(reopenRound({ ...base, state: 'open' })).toMatchObject({ code: 'judging.reopenRefused' });
    expect(reopenRound({ ...base, next: { name: 'Chung khảo', state: 'draft' } })).toMatchObject({ ok: true });
    expect(reopenRound({ ...base, next: { name: 'Chung khảo', state: 'open' } })).toEqual({
      ok: false,
      code: 'judging.laterRoundStarted',
      params: { round: 'Sơ khảo', next: 'Chung khảo' },
      problems: [],
    });
  });
});

describe("a juror's sheet", () => {
  const base = {
    roundName: 'Sơ khảo',
    roundState: 'open' as const,
    actor: chair,
    submitted: true,
    jurorLabel: 'Ông A',
    reason: REASON,
  };

  it('is given back by the chair, with a reason, while the round is open', () => {
    expect(reopenSheet(base)).toEqual({ ok: true });
    expect(reopenSheet({ ...base, actor: organizer })).toMatchObject({ code: 'judging.chairOnly' });
    expect(reopenSheet({ ...base, roundState: 'locked' })).toMatchObject({ code: 'judging.roundLocked' });
    expect(reopenSheet({ ...base, submitted: false })).toMatchObject({
      code: 'judging.sheetNotSubmitted',
      params: { juror: 'Ông A', round: 'Sơ khảo' },
    });
    expect(reopenSheet({ ...base, reason: '   ' })).toMatchObject({ code: 'judging.reasonRequired' });
  });

  it('a declared conflict and a recusal need a reason', () => {
    expect(blockReasonOk('Tác giả là em ruột tôi.')).toEqual({ ok: true });
    expect(blockReasonOk('người nhà')).toMatchObject({ code: 'judging.reasonRequired' });
  });
});

describe('mayDecideTie', () => {
  const tied = [
    { entryId: 1, label: 'P-101' },
    { entryId: 3, label: 'P-103' },
  ];
  const base = {
    roundName: 'Chung khảo',
    roundState: 'locked' as const,
    actor: chair,
    tied,
    order: [3, 1],
    chairBlock: () => null,
    reason: 'Thông điệp gần gũi người dân hơn.',
  };

  it('lets the chair order exactly the tied entries of a locked round, with a reason', () => {
    expect(mayDecideTie(base)).toEqual({ ok: true });
    expect(mayDecideTie({ ...base, roundState: 'open' })).toMatchObject({ code: 'judging.tieNeedsLock' });
    expect(mayDecideTie({ ...base, actor: organizer })).toMatchObject({ code: 'judging.chairOnly' });
    expect(mayDecideTie({ ...base, reason: '' })).toMatchObject({ code: 'judging.reasonRequired' });
  });

  it('refuses an order of other entries, naming the tied ones', () => {
    for (const order of [[3], [3, 1, 2], [3, 2], [3, 3]])
      expect(mayDecideTie({ ...base, order }), JSON.stringify(order)).toMatchObject({
        code: 'judging.tieDecisionMismatch',
        params: { entries: 'P-101, P-103' },
      });
  });

  it('refuses a chair blocked from one of the tied entries', () => {
    expect(mayDecideTie({ ...base, chairBlock: (e: number) => (e === 3 ? 'same_unit' : null) })).toMatchObject({
      code: 'judging.chairConflicted',
      params: { entry: 'P-103' },
    });
  });
});
