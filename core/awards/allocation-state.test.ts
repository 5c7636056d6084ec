import { describe, expect, it } from 'vitest';
import { allocatePrizes, type AllocationInput } from './allocation.ts';
import { allocationChanges, excludedWinners } from './allocation-changes.ts';
import { allocationStep, type AllocationFacts, type AllocationStep } from './allocation-state.ts';
import type { CommitteeDecision } from './committee-decisions.ts';
import { planPrizes, ranked, table } from './test-fixtures.ts';

const READY: AllocationFacts = {
  state: 'draft',
  judgingLocked: true,
  votingClosed: true,
  complete: true,
  openTies: 0,
  changedPlaces: 0,
  reason: null,
};
const REASON = 'Tác phẩm đạt giải Nhì đã rút khỏi cuộc thi.';

function step(s: AllocationStep, over: Partial<AllocationFacts>) {
  return allocationStep(s, { ...READY, ...over });
}

describe('allocation state machine', () => {
  it('goes draft → approved → announced', () => {
    expect(step('propose', { state: null })).toEqual({ ok: true, next: 'draft' });
    expect(step('approve', { state: 'draft' })).toEqual({ ok: true, next: 'approved' });
    expect(step('announce', { state: 'approved' })).toEqual({ ok: true, next: 'announced' });
  });

  it.each([
    ['propose', { state: null, judgingLocked: false }, 'awards.judgingNotLocked'],
    ['propose', { state: null, votingClosed: false }, 'awards.votingNotClosed'],
    ['propose', { state: null, votingClosed: false, fanpagePending: true }, 'awards.fanpageNotConfirmed'],
    ['approve', { votingClosed: false, fanpagePending: true }, 'awards.fanpageNotConfirmed'],
    ['propose', { state: 'approved' }, 'awards.alreadyApproved'],
    ['propose', { state: 'announced' }, 'awards.announcedNeedsDecision'],
    ['approve', { state: null }, 'awards.noAllocation'],
    ['approve', { state: 'approved' }, 'awards.alreadyApproved'],
    ['approve', { state: 'announced' }, 'awards.alreadyAnnounced'],
    ['approve', { judgingLocked: false }, 'awards.judgingNotLocked'],
    ['approve', { complete: false, openTies: 2 }, 'awards.openTies'],
    ['approve', { changedPlaces: 1 }, 'awards.changedSinceProposal'],
    ['reopen', { state: 'draft', reason: REASON }, 'awards.notApproved'],
    ['reopen', { state: 'approved', reason: 'rút' }, 'awards.reasonTooShort'],
    ['reopen', { state: 'announced', reason: REASON }, 'awards.announcedNeedsDecision'],
    ['announce', { state: 'draft' }, 'awards.notApproved'],
    ['announce', { state: 'announced' }, 'awards.alreadyAnnounced'],
    ['announce', { state: 'approved', changedPlaces: 1 }, 'awards.changedSinceApproval'],
    ['amend', { state: 'approved', reason: REASON, changedPlaces: 1 }, 'awards.notAnnounced'],
    ['amend', { state: 'announced', reason: null, changedPlaces: 1 }, 'awards.reasonTooShort'],
    ['amend', { state: 'announced', reason: REASON, changedPlaces: 0 }, 'awards.nothingToChange'],
    [
      'amend',
      { state: 'announced', reason: REASON, changedPlaces: 1, complete: false, openTies: 1 },
      'awards.openTies',
    ],
  ] as const)('%s with %o is refused: %s', (s, over, problem) => {
    const r = step(s, over as Partial<AllocationFacts>);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toBe(problem);
  });

  it('reopens an approved allocation with a reason; amends an announced one only with a reason and a change', () => {
    expect(step('reopen', { state: 'approved', reason: REASON })).toEqual({ ok: true, next: 'draft' });
    expect(step('amend', { state: 'announced', reason: REASON, changedPlaces: 2 })).toEqual({
      ok: true,
      next: 'announced',
    });
  });

  it('says how many ties are open', () => {
    expect(step('approve', { complete: false, openTies: 3 })).toEqual({
      ok: false,
      problem: 'awards.openTies',
      params: { count: 3 },
    });
  });
});

describe('a winner withdrawn after the results were announced', () => {
  const base: AllocationInput = {
    prizes: planPrizes(),
    juryRanking: ranked([
      [101, 95],
      [102, 90],
      [103, 85],
      [104, 80],
      [105, 75],
      [106, 70],
      [107, 65],
      [108, 60],
    ]),
    voteRanking: ranked([[108, 400]]),
    excluded: [],
    decisions: [],
  };
  const announced = allocatePrizes(base);
  const withdrawn = { ...base, excluded: [{ entryId: 102, reason: 'withdrawn' as const }] };

  it('is flagged, and recomputing moves everyone below up: the announced results show what would change', () => {
    expect(excludedWinners(announced, withdrawn.excluded)).toEqual([
      { entryId: 102, reason: 'withdrawn', prizeIndex: 1 },
    ]);
    const moved = allocatePrizes(withdrawn);
    expect(table(moved).slice(0, 4)).toEqual([
      'Giải Nhất: 101',
      'Giải Nhì: 103',
      'Giải Ba: 104 105',
      'Giải Khuyến khích: 106 107 108',
    ]);
    const changes = allocationChanges(announced, moved);
    expect(changes.map((c) => `${c.prizeIndex}.${c.place}`)).toEqual(['1.0', '2.0', '2.1', '3.0', '3.1', '3.2']);
    // Nothing may change without a decision: announcing again is refused, amending needs a reason.
    expect(step('announce', { state: 'announced', changedPlaces: changes.length }).ok).toBe(false);
    expect(step('amend', { state: 'announced', changedPlaces: changes.length, reason: REASON }).ok).toBe(true);
  });

  it('or the committee revokes the one prize and nobody moves', () => {
    const revoke: CommitteeDecision = { kind: 'revoke', entryId: 102, prizeIndex: 1, reason: REASON };
    const revoked = allocatePrizes({ ...withdrawn, decisions: [revoke] });
    const changes = allocationChanges(announced, revoked);
    expect(changes).toEqual([
      {
        prizeIndex: 1,
        place: 0,
        before: { kind: 'awarded', entryId: 102, rank: 2, score: 90, byCommittee: false },
        after: { kind: 'unawarded', reason: 'revoked', entryId: 102 },
      },
    ]);
    expect(excludedWinners(revoked, withdrawn.excluded)).toEqual([]);
  });
});
