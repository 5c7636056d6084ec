/**
 * Whether a viewer may see the other jurors' scores of an entry. A juror never sees them before submitting their own
 * sheet for the round (so that nobody anchors on another's figures); the contest chooses whether they see them once
 * they have submitted or only once the round is locked. The chair and the secretary, who run the round, see them as
 * they come. Anyone blocked from the entry (conflict, recusal) sees none of its scores until the round is locked and
 * the minutes are shared with the whole jury.
 */
import type { RoundState } from './round-state.ts';
import type { OthersScores } from './settings.ts';

export type Viewer = 'juror' | 'chair' | 'secretary' | 'organizer';

export type Visibility =
  { visible: true } | { visible: false; why: 'submit_first' | 'wait_for_lock' | 'blocked' | 'round_not_open' };

export function othersScoresVisible(f: {
  viewer: Viewer;
  setting: OthersScores;
  roundState: RoundState;
  /** The viewer, as a juror of the round, has submitted their sheet. */
  viewerSubmitted: boolean;
  /** The viewer is blocked from this entry. */
  viewerBlocked: boolean;
}): Visibility {
  if (f.roundState === 'draft') return { visible: false, why: 'round_not_open' };
  const locked = f.roundState === 'locked';
  if (f.viewerBlocked && !locked) return { visible: false, why: 'blocked' };
  if (f.viewer !== 'juror') return { visible: true };
  if (locked) return { visible: true };
  if (!f.viewerSubmitted) return { visible: false, why: 'submit_first' };
  return f.setting === 'after_own_submission' ? { visible: true } : { visible: false, why: 'wait_for_lock' };
}
