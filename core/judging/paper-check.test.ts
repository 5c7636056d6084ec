import { describe, expect, it } from 'vitest';
import { countedSheets, type StoredSheet } from './counted-scores.ts';
import { mayCheckPaper, paperCheckState, paperReceiptProblems, type PaperCheckInput } from './paper-check.ts';
import { rubricFromContest } from './rubric.ts';

const SECRETARY = 11;
const SECOND = 12;
const typed = {
  version: 2,
  enteredBy: SECRETARY,
  checkedBy: null,
  rejectedBy: null,
  rejectReason: null,
  complete: true,
};
const input = (over: Partial<PaperCheckInput> = {}): PaperCheckInput => ({
  round: { name: 'Sơ khảo', state: 'open' },
  juror: 'Giám khảo Giấy',
  entry: 'P-417',
  sheet: typed,
  checkerId: SECOND,
  seenVersion: 2,
  check: { decision: 'confirm' },
  ...over,
});
const refusal = (c: PaperCheckInput) => {
  const v = mayCheckPaper(c);
  return v.ok ? null : v.code;
};

describe('paperCheckState', () => {
  it('is pending until a second person confirms it or sends it back', () => {
    expect(paperCheckState(typed)).toBe('pending');
    expect(paperCheckState({ checkedBy: SECOND, rejectedBy: null })).toBe('confirmed');
    expect(paperCheckState({ checkedBy: null, rejectedBy: SECOND })).toBe('rejected');
  });
});

describe('mayCheckPaper', () => {
  it('lets a second person confirm the version they compared', () => {
    expect(mayCheckPaper(input())).toEqual({ ok: true });
    expect(refusal(input({ check: { decision: 'reject', reason: 'Điểm tiêu chí 2 ghi 7, nhập 8' } }))).toBeNull();
  });

  it('refuses the person who typed it, whatever they decide', () => {
    expect(refusal(input({ checkerId: SECRETARY }))).toBe('judging.paperSelfCheck');
    expect(refusal(input({ checkerId: SECRETARY, check: { decision: 'reject', reason: 'Sai điểm ở dòng hai' } }))).toBe(
      'judging.paperSelfCheck',
    );
    // A sheet whose typist's account is gone cannot be checked (nobody can show they are a second person).
    expect(refusal(input({ sheet: { ...typed, enteredBy: null } }))).toBe('judging.paperSelfCheck');
  });

  it('refuses outside an open round, before anything is typed, and on a version typed since', () => {
    expect(refusal(input({ round: { name: 'Sơ khảo', state: 'locked' } }))).toBe('judging.roundLocked');
    expect(refusal(input({ round: { name: 'Sơ khảo', state: 'draft' } }))).toBe('judging.roundNotOpen');
    expect(refusal(input({ sheet: null }))).toBe('judging.paperNotTyped');
    const changed = mayCheckPaper(input({ seenVersion: 1 }));
    expect(changed).toEqual({
      ok: false,
      code: 'judging.paperChanged',
      params: { juror: 'Giám khảo Giấy', entry: 'P-417', stored: '2', seen: '1' },
    });
  });

  it('checks once: a confirmed or rejected version is not checked again', () => {
    expect(refusal(input({ sheet: { ...typed, checkedBy: 13 } }))).toBe('judging.paperAlreadyChecked');
    expect(refusal(input({ sheet: { ...typed, rejectedBy: 13, rejectReason: 'Sai điểm ở dòng hai' } }))).toBe(
      'judging.paperAlreadyChecked',
    );
  });

  it('needs a reason to send back, and a complete sheet to confirm', () => {
    expect(refusal(input({ check: { decision: 'reject', reason: ' sai ' } }))).toBe('judging.reasonRequired');
    expect(refusal(input({ sheet: { ...typed, complete: false } }))).toBe('judging.paperIncomplete');
    expect(
      refusal(
        input({ sheet: { ...typed, complete: false }, check: { decision: 'reject', reason: 'Thiếu tiêu chí 3' } }),
      ),
    ).toBeNull();
  });
});

describe('paperReceiptProblems', () => {
  it('names each entry not typed, incomplete, waiting for its check or sent back', () => {
    const problems = paperReceiptProblems([
      { entryId: 1, label: 'P-101', sheet: null },
      { entryId: 2, label: 'P-102', sheet: { ...typed, complete: false } },
      { entryId: 3, label: 'P-103', sheet: typed },
      { entryId: 4, label: 'P-104', sheet: { ...typed, rejectedBy: SECOND, rejectReason: 'Tiêu chí 2 ghi 7' } },
      { entryId: 5, label: 'P-105', sheet: { ...typed, checkedBy: SECOND } },
    ]);
    expect(problems.map((p) => [p.code, p.entryId])).toEqual([
      ['paper.notTyped', 1],
      ['paper.incomplete', 2],
      ['paper.pendingCheck', 3],
      ['paper.rejected', 4],
    ]);
    expect(problems[3]!.message.vi).toBe(
      'Tác phẩm P-104: bị trả lại khi đối chiếu (Tiêu chí 2 ghi 7). Hãy sửa theo phiếu đã ký rồi nhập lại.',
    );
    expect(problems[2]!.message.en).toContain('waiting for a second person');
  });
});

describe('which paper sheets count', () => {
  const rubric = rubricFromContest([
    { name: 'Nội dung', nameEn: 'Content', weight: 50, scaleMax: 10 },
    { name: 'Hình ảnh', nameEn: 'Images', weight: 50, scaleMax: 10 },
  ]);
  const content = { values: { c1: 8, c2: 6 }, comments: {}, abstain: null, note: '' };
  const paper = (checkedBy: number | null): StoredSheet => ({
    jurorId: 5,
    entryId: 9,
    content,
    source: 'paper',
    enteredBy: SECRETARY,
    checkedBy,
  });
  const facts = {
    rubric,
    inRound: () => true,
    assigned: () => true,
    block: () => null,
    submitted: () => true,
  };
  it('counts a confirmed paper sheet and leaves out one pending or rejected (checkedBy empty)', () => {
    expect(countedSheets([paper(SECOND)], facts).counted).toHaveLength(1);
    expect(countedSheets([paper(null)], facts).excluded).toEqual([{ jurorId: 5, entryId: 9, why: 'paper_unchecked' }]);
    expect(countedSheets([paper(SECRETARY)], facts).excluded[0]!.why).toBe('paper_unchecked');
  });
});
