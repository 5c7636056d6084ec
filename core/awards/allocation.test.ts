import { describe, expect, it } from 'vitest';
import { prizeSchema } from '../contest.ts';
import { allocatePrizes, awardedPlaces, type AllocationInput } from './allocation.ts';
import { committeeDecisionSchema, type CommitteeDecision } from './committee-decisions.ts';
import { planPrizes, ranked, table } from './test-fixtures.ts';

const REASON = 'Ban Tổ chức họp ngày 05/12 xem lại hai tác phẩm và biểu quyết.';

function allocate(over: Partial<AllocationInput>) {
  return allocatePrizes({
    prizes: planPrizes(),
    juryRanking: [],
    voteRanking: [],
    excluded: [],
    decisions: [],
    ...over,
  });
}

// Ten entries, 101 best, no ties.
const CLEAR = ranked([
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

describe('allocation without ties', () => {
  it('fills the plan structure in order, each entry one jury prize, the vote prize to the most voted', () => {
    const a = allocate({
      juryRanking: CLEAR,
      voteRanking: ranked([
        [108, 900],
        [101, 700],
      ]),
    });
    expect(table(a)).toEqual([
      'Giải Nhất: 101',
      'Giải Nhì: 102',
      'Giải Ba: 103 104',
      'Giải Khuyến khích: 105 106 107',
      'Giải bình chọn nhiều nhất: 108',
    ]);
    expect(a.complete).toBe(true);
    expect(a.openTies).toEqual([]);
    expect(a.prizes[4]!.openToJuryWinners).toBe(true);
  });

  it('leaves places unawarded, saying why, when fewer entries are eligible than there are places', () => {
    const a = allocate({
      juryRanking: ranked([
        [101, 90],
        [102, 80],
        [103, 70],
        [104, 60],
      ]),
      excluded: [{ entryId: 102, reason: 'withdrawn' }],
      voteRanking: ranked([[104, 0]]),
    });
    expect(table(a)).toEqual([
      'Giải Nhất: 101',
      'Giải Nhì: 103',
      'Giải Ba: 104 —fewerEligibleEntries',
      'Giải Khuyến khích: —fewerEligibleEntries —fewerEligibleEntries —fewerEligibleEntries',
      'Giải bình chọn nhiều nhất: —noVotedEntry',
    ]);
    expect(a.complete).toBe(true);
  });

  it('moves a disqualified entry out and those below up', () => {
    const a = allocate({ juryRanking: CLEAR, excluded: [{ entryId: 101, reason: 'disqualified' }] });
    expect(table(a).slice(0, 4)).toEqual([
      'Giải Nhất: 102',
      'Giải Nhì: 103',
      'Giải Ba: 104 105',
      'Giải Khuyến khích: 106 107 108',
    ]);
  });
});

describe('ties at each prize boundary go to the committee', () => {
  it.each([
    {
      boundary: 'first / second',
      scores: [90, 90, 80, 70, 60, 50, 40],
      tied: [101, 102],
      table: ['Giải Nhất: tie(101,102)', 'Giải Nhì: tie(101,102)'],
      atStake: [
        { prizeIndex: 0, places: 1 },
        { prizeIndex: 1, places: 1 },
      ],
    },
    {
      boundary: 'second / third',
      scores: [95, 90, 90, 90, 60, 50, 40],
      tied: [102, 103, 104],
      table: ['Giải Nhất: 101', 'Giải Nhì: tie(102,103,104)', 'Giải Ba: tie(102,103,104) tie(102,103,104)'],
      atStake: [
        { prizeIndex: 1, places: 1 },
        { prizeIndex: 2, places: 2 },
      ],
    },
    {
      boundary: 'third / consolation',
      scores: [95, 90, 85, 80, 80, 60, 50],
      tied: [104, 105],
      table: [
        'Giải Nhất: 101',
        'Giải Nhì: 102',
        'Giải Ba: 103 tie(104,105)',
        'Giải Khuyến khích: tie(104,105) 106 107',
      ],
      atStake: [
        { prizeIndex: 2, places: 1 },
        { prizeIndex: 3, places: 1 },
      ],
    },
    {
      boundary: 'last consolation place / no prize',
      scores: [95, 90, 85, 80, 75, 70, 65, 65, 65],
      tied: [107, 108, 109],
      table: ['Giải Nhất: 101', 'Giải Nhì: 102', 'Giải Ba: 103 104', 'Giải Khuyến khích: 105 106 tie(107,108,109)'],
      atStake: [
        { prizeIndex: 3, places: 1 },
        { prizeIndex: null, places: 2 },
      ],
    },
  ])('$boundary', (c) => {
    const jury = ranked(c.scores.map((s, i) => [101 + i, s] as const));
    const a = allocate({ juryRanking: jury });
    expect(table(a).slice(0, c.table.length)).toEqual(c.table);
    expect(a.complete).toBe(false);
    expect(a.openTies).toHaveLength(1);
    const tie = a.openTies[0]!;
    expect(tie.entries.map((e) => e.entryId)).toEqual(c.tied);
    expect(tie.atStake).toEqual(c.atStake);
    expect(tie.tieId).toBe(`jury:${c.tied.join('-')}`);

    // The committee orders the tied entries, best first, and the places follow that order.
    const order = [...c.tied].reverse();
    const decided = allocate({
      juryRanking: jury,
      decisions: [{ kind: 'breakTie', tieId: tie.tieId, order, reason: REASON }],
    });
    expect(decided.complete).toBe(true);
    expect(decided.openTies).toEqual([]);
    const winners = awardedPlaces(decided).map((p) => p.entryId);
    const placed = order.filter((e) => winners.includes(e));
    expect(winners.filter((e) => c.tied.includes(e))).toEqual(placed);
    expect(decided.applied).toHaveLength(1);
  });

  it('needs no decision for a tie inside one prize', () => {
    const a = allocate({
      juryRanking: ranked([
        [101, 95],
        [102, 90],
        [103, 80],
        [104, 80],
        [105, 70],
      ]),
    });
    expect(table(a)[2]).toBe('Giải Ba: 103 104');
    expect(a.openTies).toEqual([]);
  });

  it('sends a tie for the most-voted prize to the committee too', () => {
    const a = allocate({
      juryRanking: CLEAR,
      voteRanking: ranked([
        [109, 500],
        [110, 500],
        [101, 10],
      ]),
    });
    expect(table(a)[4]).toBe('Giải bình chọn nhiều nhất: tie(109,110)');
    expect(a.openTies.map((t) => t.tieId)).toEqual(['vote:109-110']);
    const d = allocate({
      juryRanking: CLEAR,
      voteRanking: ranked([
        [109, 500],
        [110, 500],
        [101, 10],
      ]),
      decisions: [{ kind: 'breakTie', tieId: 'vote:109-110', order: [110, 109], reason: REASON }],
    });
    expect(table(d)[4]).toBe('Giải bình chọn nhiều nhất: 110*');
  });

  it('keeps a tie under a new id when a tied entry withdraws but two remain; reports the old decision unused', () => {
    const jury = ranked([
      [101, 95],
      [102, 90],
      [103, 85],
      [104, 80],
      [105, 75],
      [106, 70],
      [107, 65],
      [108, 65],
      [109, 65],
    ]);
    const decision: CommitteeDecision = {
      kind: 'breakTie',
      tieId: 'jury:107-108-109',
      order: [107, 108, 109],
      reason: REASON,
    };
    const a = allocate({ juryRanking: jury, excluded: [{ entryId: 107, reason: 'withdrawn' }], decisions: [decision] });
    expect(table(a)[3]).toBe('Giải Khuyến khích: 105 106 tie(108,109)');
    expect(a.openTies.map((t) => t.tieId)).toEqual(['jury:108-109']);
    expect(a.unused).toEqual([{ decision, reason: 'noSuchTie' }]);
  });

  it('resolves a tie that a withdrawal leaves wholly inside one prize without any decision', () => {
    const jury = ranked([
      [101, 95],
      [102, 90],
      [103, 85],
      [104, 80],
      [105, 75],
      [106, 70],
      [107, 65],
      [108, 65],
    ]);
    const a = allocate({ juryRanking: jury, excluded: [{ entryId: 101, reason: 'withdrawn' }] });
    expect(table(a)[3]).toBe('Giải Khuyến khích: 106 107 108');
    expect(a.complete).toBe(true);
  });

  it('refuses an order that does not list exactly the tied entries, and keeps the tie open', () => {
    const jury = ranked([
      [101, 90],
      [102, 90],
      [103, 80],
    ]);
    const bad: CommitteeDecision = { kind: 'breakTie', tieId: 'jury:101-102', order: [101, 103], reason: REASON };
    const a = allocate({ juryRanking: jury, decisions: [bad] });
    expect(a.complete).toBe(false);
    expect(a.unused).toEqual([{ decision: bad, reason: 'orderMismatch' }]);
  });

  it('applies the latest decision on a tie and reports the earlier one superseded', () => {
    const jury = ranked([
      [101, 90],
      [102, 90],
      [103, 80],
    ]);
    const first: CommitteeDecision = { kind: 'breakTie', tieId: 'jury:101-102', order: [101, 102], reason: REASON };
    const second: CommitteeDecision = { kind: 'breakTie', tieId: 'jury:101-102', order: [102, 101], reason: REASON };
    const a = allocate({ juryRanking: jury, decisions: [first, second] });
    expect(table(a).slice(0, 2)).toEqual(['Giải Nhất: 102*', 'Giải Nhì: 101*']);
    expect(a.unused).toEqual([{ decision: first, reason: 'superseded' }]);
    expect(a.applied).toEqual([second]);
  });
});

describe('the most-voted entry is also a jury winner', () => {
  const votes = ranked([
    [101, 900],
    [107, 800],
    [110, 300],
  ]);

  it('wins both when the vote prize is open to jury winners (the default)', () => {
    for (const prizes of [planPrizes(), planPrizes(true)]) {
      const a = allocate({ prizes, juryRanking: CLEAR, voteRanking: votes });
      expect(table(a)[0]).toBe('Giải Nhất: 101');
      expect(table(a)[4]).toBe('Giải bình chọn nhiều nhất: 101');
      expect(a.prizes[4]!.openToJuryWinners).toBe(true);
    }
  });

  it('passes the vote prize to the most voted entry without a jury prize when it is not open to them', () => {
    const a = allocate({ prizes: planPrizes(false), juryRanking: CLEAR, voteRanking: votes });
    // 101 won the first prize and 107 a consolation prize: 110 is the most voted entry with no jury prize.
    expect(table(a)[4]).toBe('Giải bình chọn nhiều nhất: 110');
    expect(a.prizes[4]!.openToJuryWinners).toBe(false);
  });

  it('waits for the committee when the most voted entry is in a jury tie that may leave it with no jury prize', () => {
    const jury = ranked([
      [101, 95],
      [102, 90],
      [103, 85],
      [104, 80],
      [105, 75],
      [106, 70],
      [107, 65],
      [108, 65],
    ]);
    const input = {
      prizes: planPrizes(false),
      juryRanking: jury,
      voteRanking: ranked([
        [108, 900],
        [110, 50],
      ]),
    };
    const a = allocate(input);
    expect(table(a)[4]).toBe('Giải bình chọn nhiều nhất: waits(jury:107-108)');
    expect(a.complete).toBe(false);

    const no = allocate({
      ...input,
      decisions: [{ kind: 'breakTie', tieId: 'jury:107-108', order: [107, 108], reason: REASON }],
    });
    expect(table(no).slice(3)).toEqual(['Giải Khuyến khích: 105 106 107*', 'Giải bình chọn nhiều nhất: 108']);
    const yes = allocate({
      ...input,
      decisions: [{ kind: 'breakTie', tieId: 'jury:107-108', order: [108, 107], reason: REASON }],
    });
    expect(table(yes).slice(3)).toEqual(['Giải Khuyến khích: 105 106 108*', 'Giải bình chọn nhiều nhất: 110']);
  });

  it('does not wait when a jury tie only decides which jury prize the most voted entry gets', () => {
    const jury = ranked([
      [101, 95],
      [102, 90],
      [103, 90],
      [104, 80],
      [105, 75],
    ]);
    // 102 and 103 share out the second and a third prize: either way both win a jury prize. 111 has none.
    const a = allocate({
      prizes: planPrizes(false),
      juryRanking: jury,
      voteRanking: ranked([
        [102, 900],
        [111, 20],
      ]),
    });
    expect(table(a)[4]).toBe('Giải bình chọn nhiều nhất: 111');
    expect(a.openTies.map((t) => t.tieId)).toEqual(['jury:102-103']);
  });
});

describe('a unit that won twice', () => {
  it('gets a prize for each of its entries: the plan limits entries per unit, not prizes', () => {
    // 101 and 104 are both entries of the same commune (the unit is not an input: nothing here depends on it).
    const a = allocate({ juryRanking: CLEAR, voteRanking: ranked([[104, 300]]) });
    const won = awardedPlaces(a).filter((p) => p.entryId === 101 || p.entryId === 104);
    expect(won.map((p) => `${p.prize.name} ${p.entryId}`)).toEqual([
      'Giải Nhất 101',
      'Giải Ba 104',
      'Giải bình chọn nhiều nhất 104',
    ]);
  });
});

describe('revocation after the results were announced', () => {
  it('leaves the place unawarded and moves nobody up, even once the entry is excluded', () => {
    const revoke: CommitteeDecision = { kind: 'revoke', entryId: 102, prizeIndex: 1, reason: REASON };
    const a = allocate({
      juryRanking: CLEAR,
      excluded: [{ entryId: 102, reason: 'disqualified' }],
      decisions: [revoke],
    });
    expect(table(a).slice(0, 3)).toEqual(['Giải Nhất: 101', 'Giải Nhì: —revoked(102)', 'Giải Ba: 103 104']);
    expect(a.applied).toEqual([revoke]);
    expect(a.complete).toBe(true);
  });

  it('reports a revocation of a prize the entry does not hold as unused', () => {
    const revoke: CommitteeDecision = { kind: 'revoke', entryId: 102, prizeIndex: 0, reason: REASON };
    const a = allocate({ juryRanking: CLEAR, decisions: [revoke] });
    expect(a.unused).toEqual([{ decision: revoke, reason: 'notAWinner' }]);
    expect(table(a)[1]).toBe('Giải Nhì: 102');
  });
});

describe('inputs', () => {
  it('refuses a ranking an adapter got wrong', () => {
    expect(() => allocate({ juryRanking: [...CLEAR, CLEAR[0]!] })).toThrow(/ranked twice/);
    expect(() =>
      allocate({
        juryRanking: [
          { entryId: 1, rank: 1, score: 9, tiedWithNext: true },
          { entryId: 2, rank: 2, score: 9, tiedWithNext: false },
        ],
      }),
    ).toThrow(/share a rank/);
  });

  it('reads stored prize structures with and without the vote prize rule', () => {
    const stored = JSON.parse(
      '[{"name":"Giải bình chọn nhiều nhất","kind":"public_vote","count":1,"amountVnd":1000000}]',
    ) as unknown[];
    expect(prizeSchema.parse(stored[0]).openToJuryWinners).toBeUndefined();
    expect(prizeSchema.parse({ ...(stored[0] as object), openToJuryWinners: false }).openToJuryWinners).toBe(false);
  });
});

describe('recording a committee decision', () => {
  it('needs a reason of at least 10 characters, stored in NFC, and a well-formed tie id', () => {
    const ok = committeeDecisionSchema.parse({
      kind: 'breakTie',
      tieId: 'jury:107-108',
      order: [108, 107],
      reason: '  Biểu quyết 5/7 thành viên  '.normalize('NFD'),
    });
    expect(ok.reason).toBe('Biểu quyết 5/7 thành viên');
    const short = committeeDecisionSchema.safeParse({ kind: 'revoke', entryId: 1, prizeIndex: 0, reason: 'rút' });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toBe('awards.reasonTooShort');
    for (const tieId of ['jury:107', 'final:1-2', 'jury:1-2;drop'])
      expect(
        committeeDecisionSchema.safeParse({ kind: 'breakTie', tieId, order: [1, 2], reason: REASON }).success,
      ).toBe(false);
  });
});
