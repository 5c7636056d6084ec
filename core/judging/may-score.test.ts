import { describe, expect, it } from 'vitest';
import type { Phase } from '../phases.ts';
import { judgingErrorMessage } from './messages.ts';
import { mayEnterPaper, mayScore, mayViewEntry, maySubmit, type EntryFacts, type ScoreContext } from './may-score.ts';

const phases: Phase[] = [
  { kind: 'public_voting', startsAt: '2024-08-01T00:00:00+07:00', endsAt: '2024-09-01T00:00:00+07:00' },
  { kind: 'judging', startsAt: '2024-09-01T00:00:00+07:00', endsAt: '2024-10-01T00:00:00+07:00' },
];
const ctx = (
  over: { now?: string; state?: ScoreContext['round']['state']; inRound?: boolean; submitted?: boolean } = {},
): ScoreContext => ({
  now: new Date(over.now ?? '2024-09-10T09:00:00+07:00'),
  phases,
  timeZone: 'Asia/Ho_Chi_Minh',
  round: {
    name: 'Sơ khảo',
    state: over.state ?? 'open',
    window: { startsAt: '2024-09-05T08:00:00+07:00', endsAt: '2024-09-20T17:00:00+07:00' },
  },
  juror: { inRound: over.inRound ?? true, submitted: over.submitted ?? false },
});
const entry = (over: Partial<EntryFacts> = {}): EntryFacts => ({
  label: 'P-417',
  inRound: true,
  assigned: true,
  block: null,
  ...over,
});

describe('mayScore', () => {
  it('lets an assigned juror score an entry of an open round inside its window', () => {
    expect(mayScore(ctx(), entry())).toEqual({ ok: true });
  });

  it('gives a reason for every refusal', () => {
    const cases: [ScoreContext, EntryFacts, string, Record<string, string>][] = [
      [ctx({ state: 'draft' }), entry(), 'judging.roundNotOpen', { round: 'Sơ khảo' }],
      [ctx({ state: 'locked' }), entry(), 'judging.roundLocked', { round: 'Sơ khảo' }],
      [
        ctx({ now: '2024-08-31T23:59:00+07:00' }),
        entry(),
        'judging.outsideJudgingPhase',
        { start: '01/09/2024 00:00', end: '01/10/2024 00:00' },
      ],
      [
        ctx({ now: '2024-09-05T07:59:00+07:00' }),
        entry(),
        'judging.beforeRoundWindow',
        { round: 'Sơ khảo', start: '05/09/2024 08:00', end: '20/09/2024 17:00' },
      ],
      [
        ctx({ now: '2024-09-20T17:00:00+07:00' }),
        entry(),
        'judging.afterRoundWindow',
        { round: 'Sơ khảo', end: '20/09/2024 17:00' },
      ],
      [ctx({ inRound: false }), entry(), 'judging.notRoundJuror', { round: 'Sơ khảo' }],
      [ctx({ submitted: true }), entry(), 'judging.sheetSubmitted', { round: 'Sơ khảo' }],
      [ctx(), entry({ inRound: false }), 'judging.entryNotInRound', { round: 'Sơ khảo', entry: 'P-417' }],
      [ctx(), entry({ block: 'same_unit', assigned: false }), 'judging.conflicted', { entry: 'P-417' }],
      [ctx(), entry({ block: 'declared' }), 'judging.conflicted', { entry: 'P-417' }],
      [ctx(), entry({ block: 'recused' }), 'judging.recused', { entry: 'P-417' }],
      [ctx(), entry({ assigned: false }), 'judging.notAssigned', { round: 'Sơ khảo', entry: 'P-417' }],
    ];
    for (const [c, e, code, params] of cases) expect(mayScore(c, e), code).toEqual({ ok: false, code, params });
  });

  it('refuses when the contest has no judging phase at all', () => {
    expect(mayScore({ ...ctx(), phases: phases.slice(0, 1) }, entry())).toMatchObject({
      code: 'judging.noJudgingPhase',
    });
  });

  it('reports the round before the entry: a locked round says locked, even for a conflicted entry', () => {
    expect(mayScore(ctx({ state: 'locked' }), entry({ block: 'declared' }))).toMatchObject({
      code: 'judging.roundLocked',
    });
    expect(mayScore(ctx({ submitted: true }), entry({ assigned: false }))).toMatchObject({
      code: 'judging.sheetSubmitted',
    });
  });

  it('never tells a conflicted juror in blind mode that the entry is from their unit', () => {
    const v = mayScore(ctx(), entry({ block: 'same_unit' }));
    if (v.ok) throw new Error('expected a refusal');
    const text = judgingErrorMessage(v.code, 'vi', v.params) + judgingErrorMessage(v.code, 'en', v.params);
    expect(text).not.toMatch(/đơn vị|unit/i);
  });
});

describe('maySubmit and mayViewEntry', () => {
  it('submitting follows the round, phase, window and juror rules', () => {
    expect(maySubmit(ctx())).toEqual({ ok: true });
    expect(maySubmit(ctx({ submitted: true }))).toMatchObject({ code: 'judging.sheetSubmitted' });
    expect(maySubmit(ctx({ now: '2024-09-21T09:00:00+07:00' }))).toMatchObject({ code: 'judging.afterRoundWindow' });
  });

  it('an entry can be watched once submitted and after the round locked, but never when blocked or unassigned', () => {
    expect(mayViewEntry(ctx({ submitted: true }), entry())).toEqual({ ok: true });
    expect(mayViewEntry(ctx({ state: 'locked', now: '2024-12-01T00:00:00+07:00' }), entry())).toEqual({ ok: true });
    expect(mayViewEntry(ctx({ state: 'draft' }), entry())).toMatchObject({ code: 'judging.roundNotOpen' });
    expect(mayViewEntry(ctx(), entry({ block: 'declared' }))).toMatchObject({ code: 'judging.conflicted' });
    expect(mayViewEntry(ctx(), entry({ assigned: false }))).toMatchObject({ code: 'judging.notAssigned' });
    expect(mayViewEntry(ctx({ inRound: false }), entry())).toMatchObject({ code: 'judging.notRoundJuror' });
  });
});

describe('mayEnterPaper', () => {
  const paper = (over: Parameters<typeof ctx>[0] = {}): ScoreContext => {
    const c = ctx(over);
    return { ...c, juror: { ...c.juror, mode: 'paper', label: 'Bà Lê Thị Hoa' } };
  };

  it('lets the secretary type a signed sheet after the window, until the round is locked', () => {
    const late = paper({ now: '2024-10-05T09:00:00+07:00' });
    expect(mayEnterPaper(late, entry())).toEqual({ ok: true });
    expect(mayEnterPaper(paper({ state: 'locked' }), entry())).toMatchObject({ code: 'judging.roundLocked' });
    expect(mayEnterPaper(paper({ state: 'draft' }), entry())).toMatchObject({ code: 'judging.roundNotOpen' });
  });

  it("keeps the juror's and the entry's rules", () => {
    expect(mayEnterPaper(paper({ submitted: true }), entry())).toMatchObject({ code: 'judging.paperReceived' });
    expect(mayEnterPaper(paper({ inRound: false }), entry())).toMatchObject({ code: 'judging.jurorNotInRound' });
    expect(mayEnterPaper(paper(), entry({ block: 'recused' }))).toMatchObject({ code: 'judging.recused' });
    expect(mayEnterPaper(paper(), entry({ assigned: false }))).toMatchObject({ code: 'judging.notAssigned' });
  });

  it('keeps a juror to one way of scoring in a round: online or on paper, never both', () => {
    expect(mayScore(paper(), entry())).toEqual({ ok: false, code: 'judging.paperJuror', params: { round: 'Sơ khảo' } });
    expect(mayEnterPaper(ctx(), entry())).toEqual({
      ok: false,
      code: 'judging.onlineJuror',
      params: { round: 'Sơ khảo', juror: '' },
    });
  });
});
