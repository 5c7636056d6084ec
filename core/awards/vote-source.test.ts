import { describe, expect, it } from 'vitest';
import { resolveVotingSettings, type PrizeSource } from '../voting/settings.ts';
import { allocatePrizes } from './allocation.ts';
import { voteRuleText } from './messages.ts';
import { rankingProblem } from './ranking.ts';
import { planPrizes, ranked, table } from './test-fixtures.ts';
import { prizeVote, type FanpageFigures, type PrizeVoteInput } from './vote-source.ts';

// Ten entries, 101 best, no ties: the jury prizes go to 101–107, and 108–110 win nothing from the jury.
const JURY = ranked([
  [101, 95],
  [102, 90],
  [103, 85],
  [104, 80],
  [105, 75],
  [106, 70],
  [107, 65],
  [108, 60],
  [109, 55],
  [110, 50],
]);

/** Fanpage figures [entry, reactions, shares, comments]; confirmed unless the fourth element says otherwise. */
function figures(rows: readonly (readonly [number, number, number, number, boolean?])[]): FanpageFigures[] {
  return rows.map(([entryId, reactions, shares, comments, confirmed]) => ({
    entryId,
    code: `E${entryId}`,
    reactions,
    shares,
    comments,
    confirmed: confirmed ?? true,
  }));
}

// Platform: 108 leads (500 votes), 101 second. Fanpage (reactions + shares): 109 leads (400 + 300), 101 second.
const PLATFORM = [
  { entryId: 108, counted: 500, reachedFinalAt: 1_000 },
  { entryId: 101, counted: 450, reachedFinalAt: 2_000 },
  { entryId: 109, counted: 10, reachedFinalAt: 3_000 },
];
const FANPAGE = figures([
  [109, 400, 300, 50],
  [101, 350, 100, 900],
  [108, 20, 5, 0],
]);

function input(prizeSource: PrizeSource | undefined, over: Partial<PrizeVoteInput['fanpage']> = {}): PrizeVoteInput {
  return {
    settings: resolveVotingSettings(prizeSource ? { prizeSource } : {}),
    windowEnded: true,
    platform: { counts: PLATFORM, quarantined: 0 },
    fanpage: { rows: FANPAGE, final: true, decision: null, ...over },
  };
}

function allocate(v: ReturnType<typeof prizeVote>, openToJuryWinners?: boolean, jury = JURY) {
  return allocatePrizes({
    prizes: planPrizes(openToJuryWinners),
    juryRanking: jury,
    voteRanking: v.ranking,
    voteSource: v.source,
    excluded: [],
    decisions: [],
  });
}

describe('the count that decides the most-voted prize', () => {
  it('is the fanpage by default (both shown, the fanpage deciding): its confirmed scores by the formula', () => {
    const v = prizeVote(input(undefined));
    expect(v.source).toBe('fanpage');
    expect(v.waitingFor).toBeNull();
    // Default formula: reactions + shares, comments not counted.
    expect(v.ranking.map((r) => [r.entryId, r.score])).toEqual([
      [109, 700],
      [101, 450],
      [108, 25],
    ]);
    const a = allocate(v);
    expect(table(a).at(-1)).toBe('Giải bình chọn nhiều nhất: 109');
    expect(a.prizes.at(-1)!.voteSource).toBe('fanpage');
    expect(a.prizes[0]!.voteSource).toBeNull();
  });

  it('is the platform when the settings say so: counted votes, as before', () => {
    for (const s of [{ show: 'platform' }, { show: 'both', deciding: 'platform' }] as const) {
      const v = prizeVote(input(s));
      expect(v.source).toBe('platform');
      expect(table(allocate(v)).at(-1)).toBe('Giải bình chọn nhiều nhất: 108');
      expect(allocate(v).prizes.at(-1)!.voteSource).toBe('platform');
    }
  });

  it('is the fanpage alone when only the fanpage is shown', () => {
    const v = prizeVote(input({ show: 'fanpage' }));
    expect(v.source).toBe('fanpage');
    expect(table(allocate(v)).at(-1)).toBe('Giải bình chọn nhiều nhất: 109');
  });

  it('uses the contest’s formula (comments weighted here)', () => {
    const v = prizeVote({
      ...input(undefined),
      settings: resolveVotingSettings({ fanpageFormula: { reactions: 1, shares: 1, comments: 1 } }),
    });
    // 101: 350 + 100 + 900 = 1350 beats 109: 400 + 300 + 50 = 750.
    expect(table(allocate(v)).at(-1)).toBe('Giải bình chọn nhiều nhất: 101');
  });
});

describe('when the deciding count is final', () => {
  it('waits for the window to end, whichever count decides', () => {
    expect(prizeVote({ ...input(undefined), windowEnded: false }).waitingFor).toBe('votingOpen');
    expect(prizeVote({ ...input({ show: 'platform' }), windowEnded: false }).waitingFor).toBe('votingOpen');
  });

  it('waits for the fanpage figures to be confirmed when the fanpage decides, ranking only confirmed ones', () => {
    const rows = figures([
      [109, 400, 300, 50, false],
      [101, 350, 100, 900],
    ]);
    const v = prizeVote(input(undefined, { rows, final: false }));
    expect(v.waitingFor).toBe('fanpageNotConfirmed');
    expect(v.ranking.map((r) => r.entryId)).toEqual([101]);
  });

  it('does not wait on platform votes held for review when the fanpage decides; it does when the platform does', () => {
    const held = (s?: PrizeSource) => prizeVote({ ...input(s), platform: { counts: PLATFORM, quarantined: 3 } });
    expect(held().waitingFor).toBeNull();
    expect(held({ show: 'platform' }).waitingFor).toBe('votesHeld');
  });

  it('does not wait on the fanpage when the platform decides', () => {
    expect(prizeVote(input({ show: 'both', deciding: 'platform' }, { final: false })).waitingFor).toBeNull();
  });
});

describe('a fanpage tie', () => {
  // 109 and 101 both score 700: the fanpage has no instant to separate them, whatever the tie rule.
  const TIED = figures([
    [109, 400, 300, 0],
    [101, 600, 100, 0],
    [108, 20, 5, 0],
  ]);

  it('goes to the committee, even under the earliest-to-the-final-count rule', () => {
    const v = prizeVote({
      ...input(undefined, { rows: TIED }),
      settings: resolveVotingSettings({ tieRule: 'earliest_to_final' }),
    });
    expect(v.ranking.map((r) => [r.entryId, r.rank, r.tiedWithNext])).toEqual([
      [101, 1, true],
      [109, 1, false],
      [108, 3, false],
    ]);
    const a = allocate(v);
    expect(table(a).at(-1)).toBe('Giải bình chọn nhiều nhất: tie(101,109)');
    expect(a.openTies).toEqual([expect.objectContaining({ tieId: 'vote:101-109', ranking: 'vote' })]);
    expect(a.complete).toBe(false);
  });

  it('follows the committee’s decision recorded with the voting results, shown as the committee’s', () => {
    const decision = { tied: ['E101', 'E109'], chosen: ['E109'], record: 'Biên bản họp Ban Tổ chức số 7' };
    const v = prizeVote(input(undefined, { rows: TIED, decision }));
    expect(rankingProblem(v.ranking)).toBeNull();
    expect(v.ranking.map((r) => [r.entryId, r.rank, r.tiedWithNext])).toEqual([
      [109, 1, false],
      [101, 2, false],
      [108, 3, false],
    ]);
    const a = allocate(v);
    expect(table(a).at(-1)).toBe('Giải bình chọn nhiều nhất: 109*');
    expect(a.complete).toBe(true);
  });

  it('leaves the tie to the committee when the recorded decision is about other entries', () => {
    const decision = { tied: ['E101', 'E108'], chosen: ['E108'], record: 'Biên bản cũ' };
    const v = prizeVote(input(undefined, { rows: TIED, decision }));
    expect(table(allocate(v)).at(-1)).toBe('Giải bình chọn nhiều nhất: tie(101,109)');
  });
});

describe('the most-voted entry also a jury winner', () => {
  // 101 won the first prize and leads the fanpage; 102 (second prize) leads the platform; 108 has no jury prize.
  const rows = figures([
    [101, 900, 0, 0],
    [108, 500, 0, 0],
    [102, 100, 0, 0],
  ]);
  const platform = [
    { entryId: 102, counted: 800, reachedFinalAt: 1 },
    { entryId: 109, counted: 300, reachedFinalAt: 2 },
  ];
  const cases = [
    [undefined, true, '101'],
    [undefined, false, '108'],
    [{ show: 'platform' }, true, '102'],
    [{ show: 'platform' }, false, '109'],
  ] as const;
  it.each(cases)('source %j, open to jury winners %s: %s', (source, open, winner) => {
    const v = prizeVote({
      ...input(source, { rows }),
      platform: { counts: platform, quarantined: 0 },
    });
    const a = allocate(v, open);
    expect(table(a).at(-1)).toBe(`Giải bình chọn nhiều nhất: ${winner}`);
    expect(table(a)[0]).toBe('Giải Nhất: 101');
  });
});

describe('the rule stated on the results', () => {
  it('names the count that decided, in Vietnamese and English', () => {
    const f = voteRuleText('Giải bình chọn', true, 'fanpage');
    expect(f.vi).toBe(
      'Giải bình chọn được trao cho tác phẩm có điểm cao nhất theo số liệu fanpage đã được xác nhận, ' +
        'kể cả tác phẩm đã đạt giải của Ban Giám khảo.',
    );
    expect(f.en).toContain('the highest score from the confirmed fanpage figures');
    const p = voteRuleText('Giải bình chọn', false, 'platform');
    expect(p.vi).toContain('nhiều phiếu bình chọn hợp lệ nhất trên nền tảng trong số các tác phẩm không đạt giải');
    expect(p.en).toContain('the most valid votes on the platform among those that won no jury prize');
    expect(f.vi).toBe(f.vi.normalize('NFC'));
  });
});
