import { describe, expect, it } from 'vitest';
import { votingState } from './voting-window.ts';

const phases = [
  { kind: 'submission', startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-11-30T00:00:00Z' },
  { kind: 'public_voting', startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-08T00:00:00Z' },
];

describe('votingState', () => {
  it('is open from the start of the phase, up to but not at its end', () => {
    expect(votingState(phases, new Date('2026-11-30T23:59:59Z')).kind).toBe('before');
    expect(votingState(phases, new Date('2026-12-01T00:00:00Z')).kind).toBe('open');
    expect(votingState(phases, new Date('2026-12-07T23:59:59Z')).kind).toBe('open');
    expect(votingState(phases, new Date('2026-12-08T00:00:00Z'))).toEqual({
      kind: 'after',
      startsAt: '2026-12-01T00:00:00Z',
      endsAt: '2026-12-08T00:00:00Z',
    });
  });

  it('says none when the contest has no voting phase', () => {
    expect(votingState(phases.slice(0, 1), new Date()).kind).toBe('none');
  });
});
