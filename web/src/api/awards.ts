import type { Allocation, Exclusion } from '@core/awards/allocation.ts';
import type { PlaceChange } from '@core/awards/allocation-changes.ts';
import type { AllocationState, AllocationStep } from '@core/awards/allocation-state.ts';
import type { CommitteeDecision, UnusedReason } from '@core/awards/committee-decisions.ts';
import type { RankedEntry } from '@core/awards/ranking.ts';
import type { VoteWait } from '@core/awards/vote-source.ts';
import type { VoteSource } from '@core/voting/settings.ts';
import { api, enc } from './client.ts';

export interface AwardEntry {
  code: string;
  title: string;
  unitName: string | null;
  groupName: string;
  authors: { fullName: string; unitName: string }[];
}

export interface AllocationView {
  contest: { id: number; slug: string; name: string; timeZone: string };
  facts: {
    finalRound: { id: number; name: string; state: 'draft' | 'open' | 'locked' } | null;
    judgingLocked: boolean;
    hasVotePrize: boolean;
    voteSource: VoteSource | null;
    votingClosed: boolean;
    voteWait: VoteWait | null;
  };
  mayDecide: boolean;
  mayAllocate: boolean;
  stored: { version: number; state: AllocationState; allocation: Allocation } | null;
  current: Allocation | null;
  changes: PlaceChange[];
  excludedWinners: (Exclusion & { prizeIndex: number })[];
  excluded: Exclusion[];
  juryRanking: RankedEntry[];
  voteRanking: RankedEntry[];
  steps: Record<
    AllocationStep,
    { allowed: boolean; mayRole: boolean; refusal: { code: string; vi: string; en: string } | null }
  >;
  versions: {
    version: number;
    state: AllocationState;
    proposedAt: string;
    proposedBy: string | null;
    approvedAt: string | null;
    approvedBy: string | null;
    announcedAt: string | null;
    announcedBy: string | null;
    amendsVersion: number | null;
    reason: string | null;
  }[];
  decisions: {
    id: number;
    kind: 'breakTie' | 'revoke' | 'reopen' | 'amend';
    reason: string;
    decidedAt: string;
    decidedBy: string | null;
    decision: CommitteeDecision | null;
    unused: UnusedReason | null;
  }[];
  entries: Record<string, AwardEntry>;
}

const base = (slug: string) => `/api/contests/${enc(slug)}/awards`;

export const getAllocation = (slug: string) => api<AllocationView>(`${base(slug)}/allocation`);

export const allocationStepCall = (slug: string, step: 'propose' | 'approve' | 'announce') =>
  api(`${base(slug)}/allocation/${step}`, { method: 'POST', json: {} });

export const reasonedStep = (slug: string, step: 'reopen' | 'amend', reason: string) =>
  api(`${base(slug)}/allocation/${step}`, { method: 'POST', json: { reason } });

export const decideTie = (slug: string, tieId: string, order: number[], reason: string) =>
  api(`${base(slug)}/ties/${enc(tieId)}/decision`, { method: 'POST', json: { order, reason } });

export const revokePrize = (slug: string, entryId: number, prizeIndex: number, reason: string) =>
  api(`${base(slug)}/revocations`, { method: 'POST', json: { entryId, prizeIndex, reason } });
