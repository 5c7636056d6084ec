import { describe, expect, it } from 'vitest';
import { rankingProblem } from './ranking.ts';
import { juryRanking, voteRanking } from './ranking-adapters.ts';

describe('juryRanking', () => {
  it('keeps ranked rows in place order, marks shared places as ties and leaves out insufficient ones', () => {
    const r = juryRanking([
      { entryId: 5, rank: 1, status: 'ranked', value: 9 },
      { entryId: 7, rank: 2, status: 'ranked', value: 8 },
      { entryId: 3, rank: 2, status: 'ranked', value: 8 },
      { entryId: 9, rank: 4, status: 'ranked', value: 6.5 },
      { entryId: 2, rank: null, status: 'insufficient', value: 9.5 },
    ]);
    expect(r).toEqual([
      { entryId: 5, rank: 1, score: 9, tiedWithNext: false },
      { entryId: 7, rank: 2, score: 8, tiedWithNext: true },
      { entryId: 3, rank: 2, score: 8, tiedWithNext: false },
      { entryId: 9, rank: 4, score: 6.5, tiedWithNext: false },
    ]);
    expect(rankingProblem(r)).toBeNull();
  });

  it('gives nothing for a round without ranked entries', () => {
    expect(juryRanking([{ entryId: 1, rank: null, status: 'insufficient', value: null }])).toEqual([]);
  });
});

describe('voteRanking', () => {
  const counts = [
    { entryId: 1, counted: 10, reachedFinalAt: 500 },
    { entryId: 2, counted: 12, reachedFinalAt: 900 },
    { entryId: 3, counted: 10, reachedFinalAt: 300 },
    { entryId: 4, counted: 0, reachedFinalAt: null },
    { entryId: 5, counted: 10, reachedFinalAt: 300 },
  ];

  it('orders equal counts by who reached them first; equal instants stay tied', () => {
    const r = voteRanking(counts, 'earliest_to_final');
    expect(r).toEqual([
      { entryId: 2, rank: 1, score: 12, tiedWithNext: false },
      { entryId: 3, rank: 2, score: 10, tiedWithNext: true },
      { entryId: 5, rank: 2, score: 10, tiedWithNext: false },
      { entryId: 1, rank: 4, score: 10, tiedWithNext: false },
    ]);
    expect(rankingProblem(r)).toBeNull();
  });

  it('leaves every equal count tied for the committee under the committee rule', () => {
    const r = voteRanking(counts, 'committee');
    expect(r.map((x) => [x.entryId, x.rank, x.tiedWithNext])).toEqual([
      [2, 1, false],
      [1, 2, true],
      [3, 2, true],
      [5, 2, false],
    ]);
    expect(rankingProblem(r)).toBeNull();
  });
});
