/**
 * How a vote's status may change, and the staff's batch decisions on quarantined votes. The integrity checks only
 * move counted votes to quarantine; staff count or invalidate, and may correct their own decision, until the results
 * are final. Each change is a line of the vote log and an audit record.
 */
import { problem, type VotingProblem } from './messages.ts';
import type { ReasonCode } from './reasons.ts';
import type { VoteStatus } from './vote-log.ts';

export type ChangedBy = 'integrity' | 'staff';

export function transitionAllowed(from: VoteStatus, to: VoteStatus, by: ChangedBy): boolean {
  if (from === to) return false;
  if (by === 'integrity') return from === 'counted' && to === 'quarantined';
  return to === 'counted' || to === 'invalidated';
}

/** What staff may give as the public reason of an invalidation; their own words go to the audit log. */
export const INVALIDATION_REASONS = [
  'staff_fraud',
  'staff_same_person',
  'staff_entry_withdrawn',
  'staff_other',
] as const satisfies readonly ReasonCode[];
export type InvalidationReason = (typeof INVALIDATION_REASONS)[number];

export const NOTE_MIN_CHARS = 10;

export type StaffDecision = { to: 'counted' } | { to: 'invalidated'; reason: InvalidationReason };

export interface StatusChange {
  voteId: number;
  from: VoteStatus;
  to: VoteStatus;
  reasons: ReasonCode[];
}

/**
 * A batch decision, all or nothing: every vote must be able to make the move (otherwise someone else has just handled
 * some of them and the list is stale). Invalidating needs a note of at least 10 characters for the audit log.
 */
export function planStaffDecision(
  votes: readonly { id: number; status: VoteStatus }[],
  decision: StaffDecision,
  note: string,
  resultsFinal: boolean,
): { ok: true; changes: StatusChange[] } | { ok: false; problem: VotingProblem } {
  if (resultsFinal) return { ok: false, problem: problem('quarantine.resultsFinal') };
  if (decision.to === 'invalidated' && [...note.trim()].length < NOTE_MIN_CHARS) {
    return { ok: false, problem: problem('quarantine.reasonRequired', { min: NOTE_MIN_CHARS }) };
  }
  const stuck = votes.filter((v) => !transitionAllowed(v.status, decision.to, 'staff'));
  if (stuck.length > 0) return { ok: false, problem: problem('quarantine.notAllowed', { count: stuck.length }) };
  const reasons: ReasonCode[] = decision.to === 'counted' ? ['staff_counted'] : [decision.reason];
  return { ok: true, changes: votes.map((v) => ({ voteId: v.id, from: v.status, to: decision.to, reasons })) };
}
