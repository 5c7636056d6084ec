/**
 * The life of an allocation: proposed (draft) → approved by the committee → announced. Before announcement a change
 * is a new proposal (an approved one is reopened first, with a reason); after it, only a recorded decision of the
 * committee amends the results. Each step is audited by the service that takes it.
 */
import { MIN_REASON_CHARS } from './committee-decisions.ts';
import type { AwardsErrorCode } from './messages.ts';

export const ALLOCATION_STATES = ['draft', 'approved', 'announced'] as const;
export type AllocationState = (typeof ALLOCATION_STATES)[number];

export const ALLOCATION_STEPS = ['propose', 'approve', 'reopen', 'announce', 'amend'] as const;
export type AllocationStep = (typeof ALLOCATION_STEPS)[number];

/** Who takes each step: Phòng Nội vụ prepares the awards (plan V.2), the committee decides. */
export const ALLOCATION_STEP_ROLES: Record<AllocationStep, readonly ('organizer' | 'secretariat')[]> = {
  propose: ['organizer', 'secretariat'],
  approve: ['organizer'],
  reopen: ['organizer'],
  announce: ['organizer'],
  amend: ['organizer'],
};

export interface AllocationFacts {
  /** The stored allocation's state, null when none was proposed. */
  state: AllocationState | null;
  judgingLocked: boolean;
  /** The vote result is final (true when the contest has no public-vote prize). */
  votingClosed: boolean;
  /** Voting has ended but the fanpage's figures, which decide the vote prize, are not all confirmed yet. */
  fanpagePending?: boolean;
  /** The allocation computed now has no tied or waiting place. */
  complete: boolean;
  openTies: number;
  /** Places that differ between the stored allocation and the one computed now from the same decisions. */
  changedPlaces: number;
  /** The reason given with the step, if any. */
  reason: string | null;
}

export type StepResult =
  { ok: true; next: AllocationState } | { ok: false; problem: AwardsErrorCode; params?: Record<string, number> };

const refuse = (problem: AwardsErrorCode, params?: Record<string, number>): StepResult => ({
  ok: false,
  problem,
  ...(params ? { params } : {}),
});

function hasReason(r: string | null): boolean {
  return (r ?? '').normalize('NFC').trim().length >= MIN_REASON_CHARS;
}

/** Whether `step` is allowed now and the state it leads to, or why not. */
export function allocationStep(step: AllocationStep, f: AllocationFacts): StepResult {
  switch (step) {
    case 'propose':
      if (f.state === 'approved') return refuse('awards.alreadyApproved');
      if (f.state === 'announced') return refuse('awards.announcedNeedsDecision');
      if (!f.judgingLocked) return refuse('awards.judgingNotLocked');
      if (!f.votingClosed) return refuse(f.fanpagePending ? 'awards.fanpageNotConfirmed' : 'awards.votingNotClosed');
      return { ok: true, next: 'draft' };
    case 'approve':
      if (f.state === null) return refuse('awards.noAllocation');
      if (f.state === 'approved') return refuse('awards.alreadyApproved');
      if (f.state === 'announced') return refuse('awards.alreadyAnnounced');
      if (!f.judgingLocked) return refuse('awards.judgingNotLocked');
      if (!f.votingClosed) return refuse(f.fanpagePending ? 'awards.fanpageNotConfirmed' : 'awards.votingNotClosed');
      if (f.changedPlaces > 0) return refuse('awards.changedSinceProposal');
      if (!f.complete) return refuse('awards.openTies', { count: f.openTies });
      return { ok: true, next: 'approved' };
    case 'reopen':
      if (f.state === null) return refuse('awards.noAllocation');
      if (f.state === 'draft') return refuse('awards.notApproved');
      if (f.state === 'announced') return refuse('awards.announcedNeedsDecision');
      if (!hasReason(f.reason)) return refuse('awards.reasonTooShort');
      return { ok: true, next: 'draft' };
    case 'announce':
      if (f.state === null) return refuse('awards.noAllocation');
      if (f.state === 'draft') return refuse('awards.notApproved');
      if (f.state === 'announced') return refuse('awards.alreadyAnnounced');
      if (f.changedPlaces > 0) return refuse('awards.changedSinceApproval');
      return { ok: true, next: 'announced' };
    case 'amend':
      if (f.state !== 'announced') return refuse('awards.notAnnounced');
      if (!hasReason(f.reason)) return refuse('awards.reasonTooShort');
      if (f.changedPlaces === 0) return refuse('awards.nothingToChange');
      if (!f.complete) return refuse('awards.openTies', { count: f.openTies });
      return { ok: true, next: 'announced' };
  }
}
