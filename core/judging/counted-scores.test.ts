import { describe, expect, it } from 'vitest';
import { countedSheets, mayCheckPaperSheet, type CountFacts, type StoredSheet } from './counted-scores.ts';
import type { RoundRubric } from './rubric.ts';
import { sheetContentSchema } from './score-sheet.ts';

const rubric: RoundRubric = {
  criteria: [{ key: 'c1', name: 'Nội dung', weight: 100, min: 0, max: 10, step: 1, comment: { when: 'never' } }],
};
const complete = sheetContentSchema.parse({ values: { c1: 7 } });
const row = (jurorId: number, entryId: number, over: Partial<StoredSheet> = {}): StoredSheet => ({
  jurorId,
  entryId,
  content: complete,
  source: 'online',
  enteredBy: jurorId,
  checkedBy: null,
  ...over,
});
const facts = (over: Partial<CountFacts> = {}): CountFacts => ({
  rubric,
  inRound: (e) => e !== 99,
  assigned: (j, e) => !(j === 4 && e === 1),
  block: (j, e) => (j === 3 && e === 1 ? 'declared' : null),
  submitted: (j) => j !== 2,
  ...over,
});

describe('countedSheets', () => {
  const SECRETARY = 70;
  const rows = [
    row(1, 1),
    row(2, 1), // not submitted
    row(3, 1), // declared a conflict after scoring
    row(4, 1), // not assigned
    row(1, 99), // entry not in the round
    row(5, 1, { content: sheetContentSchema.parse({ values: {} }) }), // incomplete
    row(6, 1, { source: 'paper', enteredBy: SECRETARY, checkedBy: null }),
    row(7, 1, { source: 'paper', enteredBy: SECRETARY, checkedBy: SECRETARY }),
    row(8, 1, { source: 'paper', enteredBy: SECRETARY, checkedBy: 71 }),
    row(9, 1, { content: sheetContentSchema.parse({ abstain: { reason: 'Không đủ chuyên môn.' } }) }),
  ];

  it('counts submitted, complete, assigned, unblocked sheets and checked paper ones; says why others do not', () => {
    const { counted, excluded } = countedSheets(rows, facts());
    expect(counted.map((s) => [s.jurorId, s.abstained])).toEqual([
      [1, false],
      [8, false],
      [9, true],
    ]);
    expect(excluded.map((x) => [x.jurorId, x.entryId, x.why])).toEqual([
      [2, 1, 'not_submitted'],
      [3, 1, 'declared'],
      [4, 1, 'not_assigned'],
      [1, 99, 'not_in_round'],
      [5, 1, 'incomplete'],
      [6, 1, 'paper_unchecked'],
      [7, 1, 'paper_unchecked'],
    ]);
  });

  it('counts drafts in a provisional ranking, never blocked scores', () => {
    const { counted } = countedSheets(rows, facts({ provisional: true }));
    expect(counted.map((s) => s.jurorId)).toEqual([1, 2, 8, 9]);
  });

  it('lets only a second person check a paper sheet', () => {
    expect(mayCheckPaperSheet({ source: 'paper', enteredBy: SECRETARY }, 71)).toBe(true);
    expect(mayCheckPaperSheet({ source: 'paper', enteredBy: SECRETARY }, SECRETARY)).toBe(false);
    expect(mayCheckPaperSheet({ source: 'online', enteredBy: 1 }, 71)).toBe(false);
  });
});
