import { describe, expect, it } from 'vitest';
import type { Phase } from '../phases.ts';
import { assignBalanced, assignEveryone } from './assignment.ts';
import type { JurorSheet } from './aggregate.ts';
import { DEFAULT_RANKING_METHOD } from './ranking-method.ts';
import { rankEntries } from './ranking.ts';
import { openProblems, roundConfigSchema, roundEntries, type OpenFacts, type RoundConfig } from './round.ts';
import { rubricFromContest } from './rubric.ts';

const phases: Phase[] = [
  { kind: 'judging', startsAt: '2024-09-01T00:00:00+07:00', endsAt: '2024-10-01T00:00:00+07:00' },
];
const config = (over: Partial<RoundConfig> = {}): RoundConfig =>
  roundConfigSchema.parse({
    name: 'Sơ khảo',
    window: { startsAt: '2024-09-05T08:00:00+07:00', endsAt: '2024-09-20T17:00:00+07:00' },
    entrySet: { kind: 'all_approved' },
    rubric: rubricFromContest([
      { name: 'Nội dung', weight: 60, scaleMax: 10 },
      { name: 'Kỹ thuật', weight: 40, scaleMax: 10 },
    ]),
    assignment: { mode: 'everyone' },
    method: DEFAULT_RANKING_METHOD,
    ...over,
  });
const jurors = [
  { jurorId: 1, isChair: true },
  { jurorId: 2, isChair: false },
];
const facts = (over: Partial<OpenFacts> = {}): OpenFacts => ({
  config: config(),
  phases,
  now: new Date('2024-09-02T00:00:00+07:00'),
  timeZone: 'Asia/Ho_Chi_Minh',
  jurors,
  entryCount: 3,
  previous: null,
  assignment: assignEveryone({ jurorIds: [1, 2], entryIds: [1, 2, 3], blocked: () => false }, 1),
  ...over,
});
const codes = (xs: { code: string }[]) => xs.map((x) => x.code);

describe('roundConfigSchema', () => {
  it('needs a reason for a chosen list and accepts the three kinds of entry set', () => {
    expect(
      roundConfigSchema.safeParse({ ...config(), entrySet: { kind: 'chosen', entryIds: [1], reason: 'ngắn' } }).success,
    ).toBe(false);
    expect(config({ entrySet: { kind: 'top_n', n: 10, includeBoundaryTies: false } }).entrySet.kind).toBe('top_n');
    expect(
      config({ entrySet: { kind: 'chosen', entryIds: [4, 2], reason: 'Hai tác phẩm tiêu biểu của khối xã.' } })
        .entrySet,
    ).toMatchObject({ kind: 'chosen' });
  });
});

describe('openProblems', () => {
  it('is empty for a round ready to open', () => {
    expect(openProblems(facts())).toEqual([]);
  });

  it('checks the window against the judging phase and the clock, with dates in the contest zone', () => {
    const outside = openProblems(
      facts({
        config: config({ window: { startsAt: '2024-08-30T08:00:00+07:00', endsAt: '2024-09-20T17:00:00+07:00' } }),
      }),
    );
    expect(outside.map((p) => p.message.vi)).toEqual([
      'Thời gian vòng chấm (30/08/2024 08:00 – 20/09/2024 17:00) phải nằm trong giai đoạn chấm ' +
        'thi (01/09/2024 00:00 – 01/10/2024 00:00). Hãy sửa thời gian vòng chấm hoặc lịch cuộc thi.',
    ]);
    expect(codes(openProblems(facts({ now: new Date('2024-09-21T00:00:00+07:00') })))).toEqual(['round.windowOver']);
    expect(
      codes(
        openProblems(
          facts({
            config: config({ window: { startsAt: '2024-09-20T08:00:00+07:00', endsAt: '2024-09-10T08:00:00+07:00' } }),
          }),
        ),
      ),
    ).toEqual(['round.windowOrder']);
    expect(codes(openProblems(facts({ phases: [] })))).toEqual(['round.noJudgingPhase']);
  });

  it('needs jurors, exactly one chair, entries, and the previous round locked', () => {
    expect(
      codes(
        openProblems(
          facts({
            jurors: [],
            entryCount: 0,
            previous: { name: 'Sơ khảo', state: 'open' },
            assignment: assignEveryone({ jurorIds: [], entryIds: [], blocked: () => false }, 1),
          }),
        ),
      ),
    ).toEqual(['round.previousNotLocked', 'round.noJurors', 'round.noEntries']);
    expect(openProblems(facts({ jurors: [{ jurorId: 1, isChair: false }] }))[0]!.message.en).toBe(
      "The round needs exactly one jury chair (it has 0). Choose one of the round's jurors.",
    );
  });

  it('checks tie rules against the rubric, and the assignment against the minimum number of scores', () => {
    const c = config({
      assignment: { mode: 'balanced', perEntry: 1, seed: 1 },
      method: { ...DEFAULT_RANKING_METHOD, minScores: 2, tieOrder: [{ kind: 'criterion', key: 'c9' }] },
    });
    expect(codes(openProblems(facts({ config: c })))).toEqual(['round.tieCriterionUnknown', 'round.perEntryBelowMin']);
    const blocked = assignBalanced({ jurorIds: [1, 2], entryIds: [1], blocked: (j) => j === 2, perEntry: 2, seed: 1 });
    expect(codes(openProblems(facts({ assignment: blocked })))).toEqual(['assignment.tooFewEligible']);
  });
});

describe('roundEntries', () => {
  // The previous round: one juror, totals e1 9, e2 8, e3 7, e4 7, e5 6 → places 1, 2, 3, 3, 5.
  const rubric = config().rubric;
  const sheet = (entryId: number, x: number): JurorSheet => ({
    jurorId: 1,
    entryId,
    abstained: false,
    values: { c1: x, c2: x },
  });
  const prevIds = [1, 2, 3, 4, 5];
  const ranking = rankEntries({
    rubric,
    method: { ...DEFAULT_RANKING_METHOD, tieOrder: [] },
    entryIds: prevIds,
    sheets: [9, 8, 7, 7, 6].map((x, i) => sheet(i + 1, x)),
  });
  const previous = { entryIds: prevIds, ranking };
  const label = (id: number) => `P-${100 + id}`;

  it('takes all approved entries', () => {
    expect(roundEntries({ kind: 'all_approved' }, { approved: [5, 3, 3, 9], previous: null })).toEqual({
      ok: true,
      entryIds: [3, 5, 9],
    });
  });

  it('takes the top N of the previous round, and stops at a tie across the boundary unless told to take it', () => {
    expect(roundEntries({ kind: 'top_n', n: 2, includeBoundaryTies: false }, { approved: [], previous })).toEqual({
      ok: true,
      entryIds: [1, 2],
    });
    const tie = roundEntries(
      { kind: 'top_n', n: 3, includeBoundaryTies: false },
      { approved: [], previous, entryLabel: label },
    );
    expect(!tie.ok && tie.problems.map((p) => p.message.vi)).toEqual([
      'Không chọn được đúng 3 tác phẩm: 2 tác phẩm đồng hạng 3 ở ranh giới (P-103, P-104) tranh 1 suất. ' +
        'Trưởng ban Giám khảo cần phân định, hoặc lấy cả các tác phẩm đồng hạng, hoặc chọn danh sách kèm lý do.',
    ]);
    expect(roundEntries({ kind: 'top_n', n: 3, includeBoundaryTies: true }, { approved: [], previous })).toEqual({
      ok: true,
      entryIds: [1, 2, 3, 4],
    });
  });

  it('refuses top N in a first round, or while the previous round has unranked entries', () => {
    const first = roundEntries({ kind: 'top_n', n: 2, includeBoundaryTies: false }, { approved: [1], previous: null });
    expect(!first.ok && codes(first.problems)).toEqual(['entries.noPreviousRound']);
    const thin = rankEntries({
      rubric,
      method: { ...DEFAULT_RANKING_METHOD, minScores: 1, tieOrder: [] },
      entryIds: [1, 2, 6],
      sheets: [sheet(1, 9), sheet(2, 8)],
    });
    const r = roundEntries(
      { kind: 'top_n', n: 1, includeBoundaryTies: false },
      { approved: [], previous: { entryIds: [1, 2, 6], ranking: thin }, entryLabel: label },
    );
    expect(!r.ok && r.problems[0]!.message.en).toBe(
      "There are not enough scores to rank 1 of the previous round's entries (P-106). " +
        'Complete their scores, or let the jury chair choose the list with a reason.',
    );
  });

  it("takes the chair's list from the previous round's entries, refusing others", () => {
    const spec = { kind: 'chosen' as const, entryIds: [4, 1], reason: 'Chọn theo đề nghị của Ban Giám khảo.' };
    expect(roundEntries(spec, { approved: [], previous })).toEqual({ ok: true, entryIds: [1, 4] });
    const bad = roundEntries({ ...spec, entryIds: [1, 7, 8] }, { approved: [], previous, entryLabel: label });
    expect(!bad.ok && bad.problems[0]!.params.entries).toBe('P-107, P-108');
    // In a first round the list is chosen from the approved entries.
    expect(roundEntries({ ...spec, entryIds: [7] }, { approved: [7, 8], previous: null })).toEqual({
      ok: true,
      entryIds: [7],
    });
  });
});
