import { describe, expect, it } from 'vitest';
import { mostVoted, pickWinners, type Ranked, tallyVotes } from './results.ts';
import { resolveVotingSettings } from './settings.ts';

const r = (entry: string, score: number, reachedAt: number | null = null): Ranked => ({ entry, score, reachedAt });

describe('tallyVotes', () => {
  it('counts each status per entry, includes entries without votes, and gathers reasons of the rest', () => {
    const t = tallyVotes(
      [
        { entry: 'A', at: 100, status: 'counted', reasons: [] },
        { entry: 'A', at: '1970-01-01T00:00:00.300Z', status: 'counted', reasons: ['staff_counted'] },
        { entry: 'A', at: 400, status: 'quarantined', reasons: ['device_shared'] },
        { entry: 'B', at: 200, status: 'invalidated', reasons: ['staff_fraud', 'regular_timing'] },
        { entry: 'B', at: 250, status: 'quarantined', reasons: ['device_shared'] },
      ],
      ['A', 'B', 'C'],
    );
    expect(t.entries).toEqual([
      { entry: 'A', counted: 2, quarantined: 1, invalidated: 0, reachedFinalAt: 300 },
      { entry: 'B', counted: 0, quarantined: 1, invalidated: 1, reachedFinalAt: null },
      { entry: 'C', counted: 0, quarantined: 0, invalidated: 0, reachedFinalAt: null },
    ]);
    expect(t.totals).toEqual({ counted: 2, quarantined: 2, invalidated: 1 });
    expect(t.reasons).toEqual({
      quarantined: { device_shared: 2 },
      invalidated: { staff_fraud: 1, regular_timing: 1 },
    });
  });
});

describe('pickWinners', () => {
  it('takes the most-voted entry when there is no tie', () => {
    expect(pickWinners([r('A', 10), r('B', 12), r('C', 3)], 1, 'earliest_to_final')).toEqual({
      kind: 'decided',
      winners: ['B'],
      tieBrokenBy: null,
      tied: [],
    });
  });

  it('says so when nobody has a vote', () => {
    expect(pickWinners([r('A', 0), r('B', 0)], 1, 'earliest_to_final')).toEqual({ kind: 'noVotes' });
  });

  it('earlier to reach the final count wins a tie', () => {
    expect(pickWinners([r('A', 10, 500), r('B', 10, 300), r('C', 9, 100)], 1, 'earliest_to_final')).toEqual({
      kind: 'decided',
      winners: ['B'],
      tieBrokenBy: 'earliest_to_final',
      tied: ['A', 'B'],
    });
  });

  it('applies the rule only across the last place: entries above it win outright', () => {
    const o = pickWinners([r('A', 20, 900), r('B', 10, 500), r('C', 10, 300), r('D', 10, 400)], 2, 'earliest_to_final');
    expect(o).toEqual({
      kind: 'decided',
      winners: ['A', 'C'],
      tieBrokenBy: 'earliest_to_final',
      tied: ['B', 'C', 'D'],
    });
  });

  it('calls the committee when the tied entries reached the count in the same instant', () => {
    expect(pickWinners([r('A', 10, 300), r('B', 10, 300)], 1, 'earliest_to_final')).toEqual({
      kind: 'committeeNeeded',
      winners: [],
      tied: ['A', 'B'],
      places: 1,
      staleDecision: false,
    });
  });

  it('under the committee rule, needs a decision and then follows it, naming its record', () => {
    const ranked = [r('A', 10, 300), r('B', 10, 500), r('C', 2, 1)];
    expect(pickWinners(ranked, 1, 'committee')).toMatchObject({ kind: 'committeeNeeded', tied: ['A', 'B'], places: 1 });
    const d = { tied: ['B', 'A'], chosen: ['B'], record: 'Biên bản họp Ban Tổ chức số 12/BB-BTC' };
    expect(pickWinners(ranked, 1, 'committee', d)).toEqual({
      kind: 'decided',
      winners: ['B'],
      tieBrokenBy: 'committee',
      tied: ['A', 'B'],
      record: 'Biên bản họp Ban Tổ chức số 12/BB-BTC',
    });
  });

  it('ignores a decision made for a tie that no longer exists (e.g. after a quarantine review)', () => {
    const ranked = [r('A', 10), r('B', 10), r('C', 10)];
    const d = { tied: ['A', 'B'], chosen: ['A'], record: 'x' };
    expect(pickWinners(ranked, 1, 'committee', d)).toMatchObject({ kind: 'committeeNeeded', staleDecision: true });
    expect(pickWinners(ranked, 1, 'committee', { tied: ['A', 'B', 'C'], chosen: ['D'], record: 'x' })).toMatchObject({
      kind: 'committeeNeeded',
    });
  });

  it('falls back to the committee for figures without times (the fanpage)', () => {
    expect(pickWinners([r('A', 10), r('B', 10)], 1, 'earliest_to_final')).toMatchObject({ kind: 'committeeNeeded' });
  });

  it('gives every place when there are fewer entries with votes than places', () => {
    expect(pickWinners([r('A', 3), r('B', 0)], 2, 'committee')).toEqual({
      kind: 'decided',
      winners: ['A'],
      tieBrokenBy: null,
      tied: [],
    });
  });
});

describe('mostVoted', () => {
  const tally = tallyVotes(
    [
      { entry: 'A', at: 1, status: 'counted', reasons: [] },
      { entry: 'A', at: 2, status: 'counted', reasons: [] },
      { entry: 'B', at: 3, status: 'counted', reasons: [] },
    ],
    ['A', 'B'],
  );
  const fanpage = [
    { entry: 'A', postUrl: 'https://www.facebook.com/p/1', reactions: 100, shares: 10, comments: 50 },
    { entry: 'B', postUrl: 'https://www.facebook.com/p/2', reactions: 90, shares: 30, comments: 5 },
  ];

  it('shows both counts side by side and follows the one that decides', () => {
    const s = resolveVotingSettings({ prizeSource: { show: 'both', deciding: 'fanpage' } });
    const m = mostVoted({ settings: s, places: 1, tally, fanpage, fanpageConfirmed: true });
    expect(m.shown).toEqual(['platform', 'fanpage']);
    expect(m.deciding).toBe('fanpage');
    expect(m.platform?.outcome).toMatchObject({ kind: 'decided', winners: ['A'] });
    expect(m.fanpage?.ranking).toEqual([r('B', 120), r('A', 110)]);
    expect(m.outcome).toMatchObject({ kind: 'decided', winners: ['B'] });
    expect(m.fanpage?.formula.vi).toBe(
      'Điểm fanpage = số lượt bày tỏ cảm xúc + số lượt chia sẻ (không tính số bình luận).',
    );
  });

  it('keeps the fanpage outcome pending until its figures are confirmed', () => {
    const s = resolveVotingSettings({ prizeSource: { show: 'fanpage' } });
    const m = mostVoted({ settings: s, places: 1, tally, fanpage, fanpageConfirmed: false });
    expect(m.platform).toBeUndefined();
    expect(m.outcome).toEqual({ kind: 'pending' });
  });

  it('uses the platform alone when so set', () => {
    const s = resolveVotingSettings({ prizeSource: { show: 'platform' } });
    const m = mostVoted({ settings: s, places: 1, tally, fanpage: [], fanpageConfirmed: false });
    expect(m.fanpage).toBeUndefined();
    expect(m.outcome).toMatchObject({ kind: 'decided', winners: ['A'] });
  });
});
