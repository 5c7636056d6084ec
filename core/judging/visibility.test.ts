import { describe, expect, it } from 'vitest';
import { othersScoresVisible } from './visibility.ts';

const base = {
  viewer: 'juror' as const,
  setting: 'after_own_submission' as const,
  roundState: 'open' as const,
  viewerSubmitted: false,
  viewerBlocked: false,
};

describe("othersScoresVisible: a juror sees the others' scores only after submitting their own", () => {
  it('hides them from a juror who has not submitted', () => {
    expect(othersScoresVisible(base)).toEqual({ visible: false, why: 'submit_first' });
  });

  it('shows them once the juror submitted, or only once the round is locked, as the contest chose', () => {
    expect(othersScoresVisible({ ...base, viewerSubmitted: true })).toEqual({ visible: true });
    expect(othersScoresVisible({ ...base, viewerSubmitted: true, setting: 'after_round_locked' })).toEqual({
      visible: false,
      why: 'wait_for_lock',
    });
    expect(othersScoresVisible({ ...base, setting: 'after_round_locked', roundState: 'locked' })).toEqual({
      visible: true,
    });
  });

  it('shows them to the chair and the secretary as they come, but not in a draft round', () => {
    expect(othersScoresVisible({ ...base, viewer: 'chair' })).toEqual({ visible: true });
    expect(othersScoresVisible({ ...base, viewer: 'secretary' })).toEqual({ visible: true });
    expect(othersScoresVisible({ ...base, viewer: 'organizer', roundState: 'draft' })).toEqual({
      visible: false,
      why: 'round_not_open',
    });
  });

  it('hides an entry’s scores from anyone blocked from it, even the chair, until the round is locked', () => {
    expect(othersScoresVisible({ ...base, viewerSubmitted: true, viewerBlocked: true })).toEqual({
      visible: false,
      why: 'blocked',
    });
    expect(othersScoresVisible({ ...base, viewer: 'chair', viewerBlocked: true })).toEqual({
      visible: false,
      why: 'blocked',
    });
    expect(othersScoresVisible({ ...base, viewerBlocked: true, roundState: 'locked' })).toEqual({ visible: true });
  });
});
