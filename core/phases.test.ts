import { describe, expect, it } from 'vitest';
import {
  isPhaseOpen,
  nextTransition,
  type Phase,
  PHASE_KINDS,
  phaseAt,
  phaseListSchema,
  sortPhases,
} from './phases.ts';

/** The plan's calendar in Vietnam time: production until the end of 20/06, submissions 20/06–25/06, and so on. */
const PLAN: Phase[] = [
  { kind: 'production', startsAt: '2024-03-15T00:00:00+07:00', endsAt: '2024-06-21T00:00:00+07:00' },
  { kind: 'submission', startsAt: '2024-06-20T00:00:00+07:00', endsAt: '2024-06-26T00:00:00+07:00' },
  { kind: 'review', startsAt: '2024-06-26T00:00:00+07:00', endsAt: '2024-07-10T00:00:00+07:00' },
  { kind: 'public_voting', startsAt: '2024-07-10T00:00:00+07:00', endsAt: '2024-08-10T00:00:00+07:00' },
  // A gap between voting and judging.
  { kind: 'judging', startsAt: '2024-09-01T00:00:00+07:00', endsAt: '2024-10-01T00:00:00+07:00' },
  { kind: 'awards', startsAt: '2024-10-01T00:00:00+07:00', endsAt: '2024-12-31T00:00:00+07:00' },
];

const at = (iso: string) => new Date(iso);
const kinds = (ps: readonly Phase[]) => ps.map((p) => p.kind);

describe('phaseAt', () => {
  it('is unscheduled when there are no phases', () => {
    expect(phaseAt([], at('2024-06-20T00:00:00Z'))).toEqual({ state: 'unscheduled', phase: null, open: [] });
  });

  it('is upcoming before the first phase starts', () => {
    const s = phaseAt(PLAN, at('2024-03-14T16:59:59Z'));
    expect(s.state).toBe('upcoming');
    expect(s.phase).toBeNull();
    expect(s.open).toEqual([]);
  });

  it('opens a phase at its start instant (start inclusive)', () => {
    const s = phaseAt(PLAN, at('2024-03-14T17:00:00Z')); // 15/03 00:00 in Vietnam
    expect(s.state).toBe('open');
    expect(s.phase?.kind).toBe('production');
  });

  it('closes a phase at its end instant (end exclusive)', () => {
    // Voting ends 10/08 00:00 in Vietnam; nothing else is open until judging.
    expect(phaseAt(PLAN, at('2024-08-09T16:59:59.999Z')).phase?.kind).toBe('public_voting');
    expect(phaseAt(PLAN, at('2024-08-09T17:00:00Z')).state).toBe('between');
  });

  it('hands over at a shared boundary to the phase that starts there', () => {
    const s = phaseAt(PLAN, at('2024-06-25T17:00:00Z')); // 26/06 00:00: submission ends, review starts
    expect(s.phase?.kind).toBe('review');
    expect(kinds(s.open)).toEqual(['review']);
  });

  it('when phases overlap, the one that started later is in force and both are listed', () => {
    // 20/06 in Vietnam: production (until the end of 20/06) and submission are both open.
    const s = phaseAt(PLAN, at('2024-06-20T03:00:00Z'));
    expect(s.state).toBe('open');
    expect(s.phase?.kind).toBe('submission');
    expect(kinds(s.open)).toEqual(['production', 'submission']);
  });

  it('picks the later-started phase whatever the stored order', () => {
    const s = phaseAt([...PLAN].reverse(), at('2024-06-20T03:00:00Z'));
    expect(s.phase?.kind).toBe('submission');
    expect(kinds(s.open)).toEqual(['production', 'submission']);
  });

  it('compares instants, not strings, when phases use different offsets', () => {
    const phases: Phase[] = [
      { kind: 'production', startsAt: '2024-06-01T00:00:00Z', endsAt: '2024-06-30T00:00:00Z' },
      // Starts at 2024-06-19T17:00Z, later than production although its text sorts earlier.
      { kind: 'submission', startsAt: '2024-06-20T00:00:00+07:00', endsAt: '2024-06-26T00:00:00+07:00' },
    ];
    expect(phaseAt(phases, at('2024-06-19T16:59:59Z')).phase?.kind).toBe('production');
    expect(phaseAt(phases, at('2024-06-19T17:00:00Z')).phase?.kind).toBe('submission');
  });

  it('is between in a gap after the first phase and before the last end', () => {
    const s = phaseAt(PLAN, at('2024-08-20T00:00:00Z'));
    expect(s).toEqual({ state: 'between', phase: null, open: [] });
  });

  it('is closed from the end of the last phase on', () => {
    expect(phaseAt(PLAN, at('2024-12-30T16:59:59Z')).phase?.kind).toBe('awards');
    expect(phaseAt(PLAN, at('2024-12-30T17:00:00Z')).state).toBe('closed');
    expect(phaseAt(PLAN, at('2030-01-01T00:00:00Z')).state).toBe('closed');
  });

  it('tells closed from upcoming by the latest end and earliest start, not the order of the list', () => {
    const phases: Phase[] = [
      { kind: 'submission', startsAt: '2024-06-10T00:00:00Z', endsAt: '2024-06-20T00:00:00Z' },
      { kind: 'production', startsAt: '2024-06-01T00:00:00Z', endsAt: '2024-06-05T00:00:00Z' },
    ];
    expect(phaseAt(phases, at('2024-06-07T00:00:00Z')).state).toBe('between');
    expect(phaseAt(phases, at('2024-05-31T23:59:59Z')).state).toBe('upcoming');
    expect(phaseAt(phases, at('2024-06-20T00:00:00Z')).state).toBe('closed');
  });
});

describe('isPhaseOpen', () => {
  it('is true from the start (inclusive) to the end (exclusive) of that phase only', () => {
    expect(isPhaseOpen(PLAN, 'submission', at('2024-06-19T16:59:59Z'))).toBe(false);
    expect(isPhaseOpen(PLAN, 'submission', at('2024-06-19T17:00:00Z'))).toBe(true);
    expect(isPhaseOpen(PLAN, 'submission', at('2024-06-25T16:59:59Z'))).toBe(true);
    expect(isPhaseOpen(PLAN, 'submission', at('2024-06-25T17:00:00Z'))).toBe(false);
  });

  it('reports an overlapped phase as still open', () => {
    expect(isPhaseOpen(PLAN, 'production', at('2024-06-20T03:00:00Z'))).toBe(true);
  });

  it('is false for a phase the contest does not have', () => {
    expect(
      isPhaseOpen(
        PLAN.filter((p) => p.kind !== 'public_voting'),
        'public_voting',
        at('2024-07-20T00:00:00Z'),
      ),
    ).toBe(false);
  });
});

describe('nextTransition', () => {
  it('is the first start before anything has begun', () => {
    expect(nextTransition(PLAN, at('2024-01-01T00:00:00Z'))).toEqual({
      at: '2024-03-15T00:00:00+07:00',
      kind: 'production',
      edge: 'start',
    });
  });

  it('is the end of the phase in force from the instant it starts', () => {
    expect(nextTransition(PLAN, at('2024-03-14T17:00:00Z'))).toEqual({
      at: '2024-06-21T00:00:00+07:00',
      kind: 'production',
      edge: 'end',
    });
  });

  it('is the submission deadline while submissions are open, though production ends sooner', () => {
    expect(nextTransition([...PLAN].reverse(), at('2024-06-20T03:00:00Z'))).toEqual({
      at: '2024-06-26T00:00:00+07:00',
      kind: 'submission',
      edge: 'end',
    });
  });

  it('counts down to the next start in a gap', () => {
    expect(nextTransition(PLAN, at('2024-08-20T00:00:00Z'))).toEqual({
      at: '2024-09-01T00:00:00+07:00',
      kind: 'judging',
      edge: 'start',
    });
  });

  it('is null once the last phase has ended, and with no phases', () => {
    expect(nextTransition(PLAN, at('2024-12-30T17:00:00Z'))).toBeNull();
    expect(nextTransition([], at('2024-06-20T00:00:00Z'))).toBeNull();
  });

  it('is the last end during the last phase', () => {
    expect(nextTransition(PLAN, at('2024-11-01T00:00:00Z'))).toEqual({
      at: '2024-12-31T00:00:00+07:00',
      kind: 'awards',
      edge: 'end',
    });
  });
});

describe('sortPhases', () => {
  it('orders phases as the contest lives them and does not change its input', () => {
    const shuffled = [PLAN[4]!, PLAN[0]!, PLAN[5]!, PLAN[2]!, PLAN[1]!, PLAN[3]!];
    const copy = [...shuffled];
    expect(kinds(sortPhases(shuffled))).toEqual([...PHASE_KINDS]);
    expect(shuffled).toEqual(copy);
  });
});

describe('phaseListSchema', () => {
  it('accepts the plan calendar, overlap included', () => {
    expect(phaseListSchema.safeParse(PLAN).success).toBe(true);
    expect(phaseListSchema.safeParse([]).success).toBe(true);
  });

  it('rejects a phase declared twice, pointing at the second one', () => {
    const r = phaseListSchema.safeParse([PLAN[0], PLAN[1], { ...PLAN[0]!, startsAt: '2024-04-01T00:00:00+07:00' }]);
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', path: [2, 'kind'], message: 'phase.duplicate' }),
    ]);
  });

  it('rejects an end equal to the start', () => {
    const r = phaseListSchema.safeParse([
      { kind: 'submission', startsAt: '2024-06-20T00:00:00+07:00', endsAt: '2024-06-20T00:00:00+07:00' },
    ]);
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ path: [0, 'endsAt'], message: 'phase.endBeforeStart' }),
    ]);
  });

  it('rejects an end before the start', () => {
    const r = phaseListSchema.safeParse([
      PLAN[0],
      { kind: 'submission', startsAt: '2024-06-26T00:00:00+07:00', endsAt: '2024-06-20T00:00:00+07:00' },
    ]);
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ path: [1, 'endsAt'], message: 'phase.endBeforeStart' }),
    ]);
  });

  it('compares the instants, not the text, when offsets differ', () => {
    // The end reads later than the start but is 2024-06-19T17:00Z, one hour before it.
    const r = phaseListSchema.safeParse([
      { kind: 'submission', startsAt: '2024-06-19T18:00:00Z', endsAt: '2024-06-20T00:00:00+07:00' },
    ]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('phase.endBeforeStart');
  });

  it('reports every problem at once', () => {
    const r = phaseListSchema.safeParse([
      { kind: 'review', startsAt: '2024-07-01T00:00:00Z', endsAt: '2024-06-01T00:00:00Z' },
      { kind: 'review', startsAt: '2024-07-01T00:00:00Z', endsAt: '2024-08-01T00:00:00Z' },
    ]);
    expect(r.error?.issues.map((i) => i.message).sort()).toEqual(['phase.duplicate', 'phase.endBeforeStart']);
  });

  it('requires an explicit offset and a known phase kind', () => {
    expect(
      phaseListSchema.safeParse([
        { kind: 'submission', startsAt: '2024-06-20T00:00:00', endsAt: '2024-06-26T00:00:00' },
      ]).success,
    ).toBe(false);
    expect(
      phaseListSchema.safeParse([
        { kind: 'ceremony', startsAt: '2024-06-20T00:00:00Z', endsAt: '2024-06-26T00:00:00Z' },
      ]).success,
    ).toBe(false);
  });
});
