import { describe, expect, it } from 'vitest';
import type { Phase } from '../phases.ts';
import { votingMessage } from './messages.ts';
import { entryVotableProblem, talliesVisible, voteWindowProblem } from './vote-window.ts';

const VN = 'Asia/Ho_Chi_Minh';
const phases: Phase[] = [
  { kind: 'submission', startsAt: '2024-06-19T17:00:00.000Z', endsAt: '2024-06-25T17:00:00.000Z' },
  { kind: 'public_voting', startsAt: '2024-07-01T01:00:00.000Z', endsAt: '2024-07-10T17:00:00.000Z' },
];

describe('voteWindowProblem', () => {
  it('is open from the start (included) to the end (excluded)', () => {
    expect(voteWindowProblem(phases, new Date('2024-07-01T01:00:00.000Z'))).toBeNull();
    expect(voteWindowProblem(phases, new Date('2024-07-10T16:59:59.999Z'))).toBeNull();
  });

  it('before the start: not open, with both ends in the voter’s language', () => {
    const p = voteWindowProblem(phases, new Date('2024-07-01T00:59:59.999Z'))!;
    expect(p.code).toBe('vote.notOpen');
    expect(votingMessage(p.code, 'vi', p.params, VN)).toBe(
      'Chưa đến thời gian bình chọn: ' +
        'bình chọn mở từ 08:00 ngày 01/07/2024 (giờ Việt Nam) đến 00:00 ngày 11/07/2024 (giờ Việt Nam).',
    );
  });

  it('at and after the end: closed', () => {
    const p = voteWindowProblem(phases, new Date('2024-07-10T17:00:00.000Z'))!;
    expect(p.code).toBe('vote.closed');
    expect(votingMessage(p.code, 'en', p.params, VN)).toBe(
      'Voting closed at 00:00 on 11/07/2024 (Vietnam time). The results are published on the contest’s results page.',
    );
  });

  it('without a public_voting phase: unscheduled, whatever other phases are open', () => {
    expect(voteWindowProblem([phases[0]!], new Date('2024-06-20T00:00:00Z'))?.code).toBe('vote.unscheduled');
    expect(voteWindowProblem([], new Date())?.code).toBe('vote.unscheduled');
  });
});

describe('entryVotableProblem', () => {
  it('takes votes only for a published entry, with its own message for a withdrawn one', () => {
    expect(entryVotableProblem('published')).toBeNull();
    expect(entryVotableProblem('unpublished')?.code).toBe('vote.entryNotPublished');
    expect(entryVotableProblem('withdrawn')?.code).toBe('vote.entryWithdrawn');
  });
});

describe('talliesVisible', () => {
  it('live tallies always show; end-only tallies only once voting has closed', () => {
    const during = new Date('2024-07-05T00:00:00Z');
    expect(talliesVisible('live', phases, during)).toBe(true);
    expect(talliesVisible('at_end', phases, during)).toBe(false);
    expect(talliesVisible('at_end', phases, new Date('2024-07-10T17:00:00.000Z'))).toBe(true);
    expect(talliesVisible('at_end', [phases[0]!], during)).toBe(false);
  });
});
