import { describe, expect, it } from 'vitest';
import { publishProblem, tieDecisionProblem } from './publication.ts';
import { pickWinners } from './results.ts';

const end = '2026-12-08T00:00:00.000Z';
const after = new Date('2026-12-08T00:00:01Z');
const tie = pickWinners(
  [
    { entry: 'A', score: 5, reachedAt: 10 },
    { entry: 'B', score: 5, reachedAt: 20 },
    { entry: 'C', score: 2, reachedAt: 5 },
  ],
  1,
  'committee',
);

describe('tieDecisionProblem', () => {
  const base = { votingEndsAt: end, now: after, publishedAt: null, undecided: tie, record: 'Biên bản họp số 12/BB' };

  it('accepts one of the tied entries with a written reason once voting is over', () => {
    expect(tie.kind).toBe('committeeNeeded');
    expect(tieDecisionProblem({ ...base, chosen: ['B'] })).toBeNull();
  });

  it('refuses while voting runs, without a tie, and after publication', () => {
    expect(tieDecisionProblem({ ...base, now: new Date('2026-12-07T23:00:00Z'), chosen: ['B'] })?.code).toBe(
      'results.votingOpen',
    );
    const clear = pickWinners([{ entry: 'A', score: 3, reachedAt: 1 }], 1, 'committee');
    expect(tieDecisionProblem({ ...base, undecided: clear, chosen: ['A'] })?.code).toBe('tie.notNeeded');
    expect(tieDecisionProblem({ ...base, publishedAt: end, chosen: ['B'] })?.code).toBe('results.alreadyPublished');
  });

  it('refuses an entry outside the tie, the wrong number, a repeat, and a reason too short', () => {
    for (const chosen of [['C'], ['A', 'B'], [], ['A', 'A']]) {
      const p = tieDecisionProblem({ ...base, chosen });
      expect(p?.code, chosen.join()).toBe('tie.invalidChoice');
      expect(p?.params).toEqual({ places: 1, entries: 'A, B' });
    }
    expect(tieDecisionProblem({ ...base, chosen: ['A'], record: ' ngắn ' })?.code).toBe('tie.reasonRequired');
  });
});

describe('publishProblem', () => {
  const decided = pickWinners([{ entry: 'A', score: 3, reachedAt: 1 }], 1, 'earliest_to_final');
  const base = { votingEndsAt: end, now: after, publishedAt: null, quarantined: 0, outcome: decided };

  it('allows a decided result, or no votes at all, once voting is over', () => {
    expect(publishProblem(base)).toBeNull();
    expect(publishProblem({ ...base, outcome: { kind: 'noVotes' } })).toBeNull();
  });

  it('refuses before the end, with votes under review, with an undecided tie, and twice', () => {
    expect(publishProblem({ ...base, now: new Date('2026-12-07T00:00:00Z') })?.code).toBe('results.votingOpen');
    expect(publishProblem({ ...base, votingEndsAt: null })?.code).toBe('results.votingOpen');
    expect(publishProblem({ ...base, quarantined: 3 })).toEqual({
      code: 'results.quarantinePending',
      params: { count: 3 },
    });
    expect(publishProblem({ ...base, outcome: tie })).toEqual({
      code: 'results.committeeNeeded',
      params: { entries: 'A, B' },
    });
    expect(publishProblem({ ...base, publishedAt: end })?.code).toBe('results.alreadyPublished');
  });
});
