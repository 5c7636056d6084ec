/**
 * Worked tables: every expected figure below was computed by hand, the arithmetic written next to it.
 * Unless said otherwise the rubric is the demo's: Nội dung 40 %, Sáng tạo 30 %, Kỹ thuật 30 %, each 0–10 in steps
 * of 0.5, so a juror's total is 0.4·c1 + 0.3·c2 + 0.3·c3; a sheet giving x on every criterion totals x.
 */
import { describe, expect, it } from 'vitest';
import { combine, jurorTotal, totalFormula, type JurorSheet } from './aggregate.ts';
import { countedSheets, type StoredSheet } from './counted-scores.ts';
import { DEFAULT_RANKING_METHOD, type RankingMethod } from './ranking-method.ts';
import { rankEntries, shortlist, type ChairTieDecision, type Ranking, type RankingInput } from './ranking.ts';
import type { Criterion, RoundRubric } from './rubric.ts';
import { sheetContentSchema } from './score-sheet.ts';

const c = (key: string, name: string, weight: number, over: Partial<Criterion> = {}): Criterion => ({
  key,
  name,
  weight,
  min: 0,
  max: 10,
  step: 0.5,
  comment: { when: 'never' },
  ...over,
});
const DEMO: RoundRubric = { criteria: [c('c1', 'Nội dung', 40), c('c2', 'Sáng tạo', 30), c('c3', 'Kỹ thuật', 30)] };
const TWO: RoundRubric = { criteria: [c('c1', 'Nội dung', 50), c('c2', 'Kỹ thuật', 50)] };
const ONE: RoundRubric = { criteria: [c('c1', 'Tổng', 100, { step: 0.1 })] };

/** A sheet with these criterion values, in rubric order. */
function s(rubric: RoundRubric, jurorId: number, entryId: number, values: number[]): JurorSheet {
  return {
    jurorId,
    entryId,
    abstained: false,
    values: Object.fromEntries(rubric.criteria.map((k, i) => [k.key, values[i]!])),
  };
}
/** The demo rubric with x on every criterion: the total is x. */
const flat = (jurorId: number, entryId: number, x: number) => s(DEMO, jurorId, entryId, [x, x, x]);
const abstain = (jurorId: number, entryId: number): JurorSheet => ({ jurorId, entryId, abstained: true, values: {} });

function rank(
  over: Partial<RankingInput> & Pick<RankingInput, 'sheets'>,
  method: Partial<RankingMethod> = {},
): Ranking {
  const entryIds = over.entryIds ?? [...new Set(over.sheets.map((x) => x.entryId))];
  return rankEntries({
    rubric: DEMO,
    ...over,
    entryIds,
    method: { ...DEFAULT_RANKING_METHOD, tieOrder: [], ...method },
  });
}
const row = (r: Ranking, entryId: number) => r.rows.find((x) => x.entryId === entryId)!;
const order = (r: Ranking) => r.rows.map((x) => [x.entryId, x.rank, x.value]);

describe("a juror's total: the weighted mean of the criteria", () => {
  it('on the common scale of the criteria', () => {
    const f = totalFormula(DEMO);
    // 0.4·8 + 0.3·6 + 0.3·9 = 3.2 + 1.8 + 2.7 = 7.7
    expect(jurorTotal(f, { c1: 8, c2: 6, c3: 9 })).toBeCloseTo(7.7, 12);
    // 0.4·10 + 0.3·5 + 0.3·7.5 = 4 + 1.5 + 2.25 = 7.75
    expect(jurorTotal(f, { c1: 10, c2: 5, c3: 7.5 })).toBeCloseTo(7.75, 12);
    expect(jurorTotal(f, { c1: 10, c2: 5 })).toBeNull();
  });

  it('on 0–100 when the criteria have different scales, each counted as the share of its scale reached', () => {
    const mixed: RoundRubric = { criteria: [c('a', 'A', 50), c('b', 'B', 50, { max: 20 })] };
    // 100 · (0.5 · 8/10 + 0.5 · 10/20) = 100 · (0.4 + 0.25) = 65
    expect(jurorTotal(totalFormula(mixed), { a: 8, b: 10 })).toBeCloseTo(65, 12);
    const shifted: RoundRubric = { criteria: [c('a', 'A', 25, { min: 1, max: 5, step: 1 }), c('b', 'B', 75)] };
    // 100 · (0.25 · (3−1)/(5−1) + 0.75 · 4/10) = 100 · (0.125 + 0.3) = 42.5
    expect(jurorTotal(totalFormula(shifted), { a: 3, b: 4 })).toBeCloseTo(42.5, 12);
  });
});

describe('a juror who scores everything high: normalization changes the order', () => {
  // Entries 1, 2, 3; each scored by two of three jurors. Juror 13 is generous.
  //   juror 11: e1 6,  e2 8         mean 7,   sd 1    → z: e1 −1, e2 +1
  //   juror 12: e2 7,  e3 5         mean 6,   sd 1    → z: e2 +1, e3 −1
  //   juror 13: e1 10, e3 9         mean 9.5, sd 0.5  → z: e1 +1, e3 −1
  const sheets = [flat(11, 1, 6), flat(11, 2, 8), flat(12, 2, 7), flat(12, 3, 5), flat(13, 1, 10), flat(13, 3, 9)];

  it('raw means put the entry the generous juror saw first', () => {
    // e1 (6+10)/2 = 8; e2 (8+7)/2 = 7.5; e3 (5+9)/2 = 7
    expect(order(rank({ sheets }))).toEqual([
      [1, 1, 8],
      [2, 2, 7.5],
      [3, 3, 7],
    ]);
  });

  it('z-scores mapped back to the scale put it second', () => {
    // All six totals: 6, 8, 7, 5, 10, 9 → pooled mean 45/6 = 7.5;
    // deviations −1.5, .5, −.5, −2.5, 2.5, 1.5 → squares sum 17.5 → pooled sd √(17.5/6) = 1.707825…
    // z = +1 → 7.5 + 1.707825 = 9.207825; z = −1 → 7.5 − 1.707825 = 5.792175.
    // e1: (5.792175 + 9.207825)/2 = 7.5; e2: both 9.207825 → 9.21; e3: both 5.792175 → 5.79
    const r = rank({ sheets }, { normalization: 'z_score' });
    expect(order(r)).toEqual([
      [2, 1, 9.21],
      [1, 2, 7.5],
      [3, 3, 5.79],
    ]);
    expect(r.normalization!.pooledMean).toBeCloseTo(7.5, 12);
    expect(r.normalization!.pooledSd).toBeCloseTo(Math.sqrt(17.5 / 6), 12);
    expect(r.normalization!.jurors.map((j) => [j.jurorId, j.count, j.mean, j.sd])).toEqual([
      [11, 2, 7, 1],
      [12, 2, 6, 1],
      [13, 2, 9.5, 0.5],
    ]);
    const e1 = row(r, 1).scores;
    expect(e1.map((x) => x.jurorId)).toEqual([11, 13]);
    expect(e1[0]!.total).toBeCloseTo(6, 12);
    expect(e1[0]!.normalized).toBeCloseTo(5.792175, 6);
    expect(e1[1]!.normalized).toBeCloseTo(9.207825, 6);
    expect(e1.every((x) => x.clamped === false && x.use === 'counted')).toBe(true);
  });

  it('a juror whose totals do not vary counts as the pooled mean', () => {
    //   juror 11: e1 6, e2 8, e3 7   mean 7, sd √(2/3) = 0.816497
    //   juror 14: e1 8, e2 8, e3 8   sd 0 → z = 0 → the pooled mean
    // Pooled: 6, 8, 7, 8, 8, 8 → mean 7.5; squares 2.25 + .25 + .25 + .25 + .25 + .25 = 3.5 → sd √(3.5/6) = 0.763763
    // Juror 11, e1: z = (6−7)/0.816497 = −1.224745 → 7.5 − 0.763763·1.224745 = 7.5 − √0.875 = 6.564586
    //   e1 (6.564586 + 7.5)/2 = 7.032293 → 7.03; e2 (8.435414 + 7.5)/2 = 7.967707 → 7.97; e3 (7.5 + 7.5)/2 = 7.5
    const r = rank(
      { sheets: [flat(11, 1, 6), flat(11, 2, 8), flat(11, 3, 7), flat(14, 1, 8), flat(14, 2, 8), flat(14, 3, 8)] },
      { normalization: 'z_score' },
    );
    expect(order(r)).toEqual([
      [2, 1, 7.97],
      [3, 2, 7.5],
      [1, 3, 7.03],
    ]);
    for (const e of [1, 2, 3]) expect(row(r, e).scores.find((x) => x.jurorId === 14)!.normalized).toBeCloseTo(7.5, 12);
  });

  it('holds a normalized value to the scale and says so', () => {
    //   juror 1: e1 10, e2 0, e3 0, e4 0   mean 2.5, sd √((56.25 + 3·6.25)/4) = √18.75 = 4.330127
    //   juror 2: 9 on all four             sd 0 → the pooled mean
    // Pooled: 10, 0, 0, 0, 9, 9, 9, 9 → mean 46/8 = 5.75; squares 18.0625 + 3·33.0625 + 4·10.5625 = 159.5
    //   → sd √(159.5/8) = 4.465143
    // Juror 1, e1: z = 7.5/4.330127 = 1.732051 → 5.75 + 4.465143·1.732051 = 13.483854 → held to 10
    // Juror 1, e2: z = −0.577350 → 5.75 − 2.577951 = 3.172049
    // e1: (10 + 5.75)/2 = 7.875 → 7.88; e2: (3.172049 + 5.75)/2 = 4.461024 → 4.46
    const sheets = [1, 2, 3, 4].flatMap((e) => [flat(1, e, e === 1 ? 10 : 0), flat(2, e, 9)]);
    const r = rank({ sheets }, { normalization: 'z_score' });
    const e1 = row(r, 1).scores[0]!;
    expect([e1.normalized, e1.clamped]).toEqual([10, true]);
    expect(row(r, 1).value).toBe(7.88);
    expect(row(r, 2).scores[0]!.normalized).toBeCloseTo(3.172049, 6);
    expect(row(r, 2).scores[0]!.clamped).toBe(false);
    expect(row(r, 2).value).toBe(4.46);
  });
});

describe('abstentions, recusals and too few scores', () => {
  it('lists an abstention and leaves it out of the figure and out of the juror’s normalization', () => {
    // e1: juror 1 8, juror 2 6, juror 3 abstains → (8 + 6)/2 = 7
    const sheets = [flat(1, 1, 8), flat(2, 1, 6), abstain(3, 1), flat(3, 2, 9), flat(3, 3, 7), flat(1, 2, 5)];
    const r = rank({ sheets }, { minScores: 2 });
    expect(row(r, 1)).toMatchObject({ value: 7, counted: 2, status: 'ranked' });
    expect(row(r, 1).scores.map((x) => [x.jurorId, x.use, x.total])).toEqual([
      [1, 'counted', 8],
      [2, 'counted', 6],
      [3, 'abstained', null],
    ]);
    // Juror 3's own mean and spread come from e2 9 and e3 7 only: mean 8, sd 1.
    const z = rank({ sheets }, { normalization: 'z_score', minScores: 1 });
    expect(z.normalization!.jurors.find((j) => j.jurorId === 3)).toEqual({ jurorId: 3, count: 2, mean: 8, sd: 1 });
  });

  it('leaves out the score of a juror recused after scoring, and says why in the explanation', () => {
    const content = (x: number) => sheetContentSchema.parse({ values: { c1: x, c2: x, c3: x } });
    const stored: StoredSheet[] = [1, 2, 3].map((j) => ({
      jurorId: j,
      entryId: 1,
      content: content(5 + j), // 6, 7, 8
      source: 'online',
      enteredBy: j,
      checkedBy: null,
    }));
    const { counted, excluded } = countedSheets(stored, {
      rubric: DEMO,
      inRound: () => true,
      assigned: () => true,
      block: (j) => (j === 3 ? 'recused' : null),
      submitted: () => true,
    });
    const r = rank({ sheets: counted, excluded, entryIds: [1] });
    // (6 + 7)/2 = 6.5: juror 3's 8 does not count.
    expect(row(r, 1)).toMatchObject({ value: 6.5, counted: 2 });
    expect(row(r, 1).excluded).toEqual([{ jurorId: 3, entryId: 1, why: 'recused' }]);
  });

  it('leaves out a sheet with a criterion unscored, saying so, rather than taking it for an abstention', () => {
    const partial: JurorSheet = { jurorId: 2, entryId: 1, abstained: false, values: { c1: 9, c2: 9 } };
    const r = rank({ sheets: [flat(1, 1, 6), partial] });
    expect(row(r, 1)).toMatchObject({ value: 6, counted: 1 });
    expect(row(r, 1).scores.map((x) => x.jurorId)).toEqual([1]);
    expect(row(r, 1).excluded).toEqual([{ jurorId: 2, entryId: 1, why: 'incomplete' }]);
  });

  it('flags an entry with fewer scores than the minimum instead of ranking it', () => {
    // minScores 3: e1 has 3 (mean 7), e2 has 2 (mean 9.5: higher, yet not ranked), e3 has 3 (mean 6), e4 none.
    const sheets = [
      ...[6, 7, 8].map((x, j) => flat(j + 1, 1, x)),
      flat(1, 2, 9),
      flat(2, 2, 10),
      abstain(3, 2),
      ...[5, 6, 7].map((x, j) => flat(j + 1, 3, x)),
    ];
    const r = rank({ sheets, entryIds: [1, 2, 3, 4] }, { minScores: 3 });
    expect(r.rows.map((x) => [x.entryId, x.status, x.rank, x.value])).toEqual([
      [1, 'ranked', 1, 7],
      [3, 'ranked', 2, 6],
      [2, 'insufficient', null, 9.5],
      [4, 'insufficient', null, null],
    ]);
    expect(shortlist(r, 1)).toEqual({ selected: [1], boundary: null, unranked: [2, 4] });
  });
});

describe('across jurors', () => {
  // One entry per row of jurors' totals; jurors numbered from 1 in order.
  const table = (rows: number[][]) => rows.flatMap((totals, e) => totals.map((x, j) => flat(j + 1, e + 1, x)));

  it('trimmed mean with 3, 4 and 5 jurors drops one highest and one lowest; with 2 it takes the mean', () => {
    const r = rank(
      {
        sheets: table([
          [6, 7.5, 9], //         drop 6 and 9 → 7.5
          [5, 6, 8.5, 10], //     drop 5 and 10 → (6 + 8.5)/2 = 7.25
          [4, 6, 7, 8, 10], //    drop 4 and 10 → (6 + 7 + 8)/3 = 7
          [6, 7], //              too few to drop → (6 + 7)/2 = 6.5
        ]),
      },
      { aggregation: 'trimmed_mean' },
    );
    expect(order(r)).toEqual([
      [1, 1, 7.5],
      [2, 2, 7.25],
      [3, 3, 7],
      [4, 4, 6.5],
    ]);
    expect(row(r, 1).scores.map((x) => x.use)).toEqual(['dropped_low', 'counted', 'dropped_high']);
    expect(row(r, 3).scores.map((x) => x.use)).toEqual([
      'dropped_low',
      'counted',
      'counted',
      'counted',
      'dropped_high',
    ]);
    expect([row(r, 3).trim, row(r, 4).trim]).toEqual(['applied', 'too_few']);
    expect(row(r, 4).scores.map((x) => x.use)).toEqual(['counted', 'counted']);
  });

  it('trimmed mean drops one of equal extremes only, the first juror for the lowest', () => {
    // [7, 7, 7]: drop juror 1 (lowest) and juror 2 (highest) → 7
    expect(combine([7, 7, 7], 'trimmed_mean')).toEqual({
      value: 7,
      uses: ['dropped_low', 'dropped_high', 'counted'],
      trim: 'applied',
    });
    // [9, 5, 9, 5]: lowest first met is juror 2, highest juror 1 → (9 + 5)/2 = 7
    expect(combine([9, 5, 9, 5], 'trimmed_mean').uses).toEqual(['dropped_high', 'dropped_low', 'counted', 'counted']);
  });

  it('median: the middle value, or the mean of the two middle values for an even count', () => {
    const r = rank(
      {
        sheets: table([
          [10, 5, 8.5, 6], //   sorted 5, 6, 8.5, 10 → (6 + 8.5)/2 = 7.25
          [4, 10, 7.5, 8, 6], // sorted 4, 6, 7.5, 8, 10 → 7.5
          [9, 6], //            (6 + 9)/2 = 7.5
        ]),
      },
      { aggregation: 'median', tieOrder: [] },
    );
    expect(order(r)).toEqual([
      [2, 1, 7.5],
      [3, 1, 7.5],
      [1, 3, 7.25],
    ]);
  });
});

describe('ties', () => {
  // Two criteria, 50/50, so a total is (c1 + c2)/2. Entries 1–4, jurors 1 and 2.
  //   e1: (8, 6) → 7, (6, 8) → 7      mean 7    c1 (8+6)/2 = 7    c2 7
  //   e2: (9, 5) → 7, (7, 7) → 7      mean 7    c1 (9+7)/2 = 8    c2 6
  //   e3: (7, 7) → 7, (7, 7) → 7      mean 7    c1 7              c2 7
  //   e4: (8, 8) → 8, (9, 9) → 9      mean 8.5
  const sheets = [
    s(TWO, 1, 1, [8, 6]),
    s(TWO, 2, 1, [6, 8]),
    s(TWO, 1, 2, [9, 5]),
    s(TWO, 2, 2, [7, 7]),
    s(TWO, 1, 3, [7, 7]),
    s(TWO, 2, 3, [7, 7]),
    s(TWO, 1, 4, [8, 8]),
    s(TWO, 2, 4, [9, 9]),
  ];
  const decision = (entryIds: number[], value = 7, at = '2024-09-20T03:00:00Z'): ChairTieDecision => ({
    entryIds,
    value,
    reason: 'Tác phẩm có tính ứng dụng cao hơn cho người dân.',
    byUserId: 50,
    at,
  });
  const byTwo = (tieOrder: RankingMethod['tieOrder'], chairDecisions: ChairTieDecision[] = []) =>
    rank({ rubric: TWO, sheets, chairDecisions }, { tieOrder });

  it('without tie rules, tied entries share a place and the next place skips (1, 2, 2, 2, 5)', () => {
    const r = byTwo([]);
    expect(order(r)).toEqual([
      [4, 1, 8.5],
      [1, 2, 7],
      [2, 2, 7],
      [3, 2, 7],
    ]);
    expect(r.ties).toEqual([{ value: 7, entryIds: [1, 2, 3], steps: [], groups: [[1, 2, 3]], resolved: false }]);
    expect(row(r, 1).tie).toEqual({ index: 0, decidedBy: null });
  });

  it('a criterion first: the higher aggregate of its raw scores goes first, the rest stay tied', () => {
    const r = byTwo([{ kind: 'criterion', key: 'c1' }]);
    expect(order(r)).toEqual([
      [4, 1, 8.5],
      [2, 2, 7],
      [1, 3, 7],
      [3, 3, 7],
    ]);
    expect(r.ties[0]!.steps).toEqual([
      {
        rule: { kind: 'criterion', key: 'c1' },
        entryIds: [1, 2, 3],
        values: [
          { entryId: 1, value: 7 },
          { entryId: 2, value: 8 },
          { entryId: 3, value: 7 },
        ],
        groups: [[2], [1, 3]],
      },
    ]);
    expect([row(r, 2).tie!.decidedBy, row(r, 1).tie!.decidedBy]).toEqual([0, null]);
  });

  it('then the chair’s recorded decision for exactly the entries still tied', () => {
    const r = byTwo([{ kind: 'criterion', key: 'c1' }, { kind: 'chair' }], [decision([3, 1])]);
    expect(order(r)).toEqual([
      [4, 1, 8.5],
      [2, 2, 7],
      [3, 3, 7],
      [1, 4, 7],
    ]);
    expect(r.ties[0]!.resolved).toBe(true);
    expect(r.ties[0]!.steps[1]).toMatchObject({ rule: { kind: 'chair' }, entryIds: [1, 3], groups: [[3], [1]] });
    expect([row(r, 3).tie!.decidedBy, row(r, 1).tie!.decidedBy]).toEqual([1, 1]);
  });

  it('a different criterion can decide the other way', () => {
    // c2: e1 7, e2 6, e3 7 → e1 and e3 ahead of e2
    const r = byTwo([{ kind: 'criterion', key: 'c2' }]);
    expect(order(r).slice(1)).toEqual([
      [1, 2, 7],
      [3, 2, 7],
      [2, 4, 7],
    ]);
  });

  it('ignores a chair decision made for other entries or another tied figure, and uses the latest that fits', () => {
    const stale = [decision([1, 2, 3]), decision([3, 1], 7.5)];
    const r = byTwo([{ kind: 'criterion', key: 'c1' }, { kind: 'chair' }], stale);
    expect(r.ties[0]!.steps[1]).toMatchObject({ decision: null, groups: [[1, 3]] });
    expect([row(r, 1).rank, row(r, 3).rank]).toEqual([3, 3]);
    const latest = byTwo(
      [{ kind: 'criterion', key: 'c1' }, { kind: 'chair' }],
      [decision([3, 1], 7, '2024-09-20T03:00:00Z'), decision([1, 3], 7, '2024-09-21T03:00:00Z')],
    );
    expect([row(latest, 1).rank, row(latest, 3).rank]).toEqual([3, 4]);
  });

  it('the chair alone can order a whole tie', () => {
    const r = byTwo([{ kind: 'chair' }], [decision([2, 3, 1])]);
    expect(order(r).map((x) => x[0])).toEqual([4, 2, 3, 1]);
    expect(r.ties[0]!.steps).toHaveLength(1);
  });

  it('judges ties on totals rounded to the method’s decimals', () => {
    // One criterion 0–10 in steps of 0.1. e1: 7, 7.5, 7.5 → 22/3 = 7.3333…; e2: 7.3 three times → 7.3.
    const sheetsOne = [7, 7.5, 7.5]
      .map((x, j) => s(ONE, j + 1, 1, [x]))
      .concat([1, 2, 3].map((j) => s(ONE, j, 2, [7.3])));
    const two = rank({ rubric: ONE, sheets: sheetsOne }, { decimals: 2 });
    expect(order(two)).toEqual([
      [1, 1, 7.33],
      [2, 2, 7.3],
    ]);
    const one = rank({ rubric: ONE, sheets: sheetsOne }, { decimals: 1 });
    expect(order(one)).toEqual([
      [1, 1, 7.3],
      [2, 1, 7.3],
    ]);
    expect(one.rows[0]!.exact).toBeCloseTo(22 / 3, 12);
  });
});

describe('shortlist', () => {
  // One juror, totals 9, 8, 7, 7, 6 → places 1, 2, 3, 3, 5.
  const r = rank({ sheets: [9, 8, 7, 7, 6].map((x, i) => flat(1, i + 1, x)) });

  it('reports a tie across the boundary instead of choosing within it', () => {
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 3, 3, 5]);
    expect(shortlist(r, 3)).toEqual({
      selected: [1, 2],
      boundary: { rank: 3, entryIds: [3, 4], seats: 1 },
      unranked: [],
    });
  });

  it('takes the tied entries when they all fit', () => {
    expect(shortlist(r, 4)).toEqual({ selected: [1, 2, 3, 4], boundary: null, unranked: [] });
    expect(shortlist(r, 2).selected).toEqual([1, 2]);
    expect(shortlist(r, 10).selected).toEqual([1, 2, 3, 4, 5]);
  });
});
