/**
 * Prize allocation (R14): the contest's prize structure filled from the final round's ranking and the public vote.
 *
 * - Jury prizes are filled in the structure's order (first, second, third ×2, consolation ×3) from the jury ranking;
 *   an entry wins at most one jury prize. Public-vote prizes are filled from the vote ranking, an entry winning at
 *   most one of them; whether one may go to a jury winner is the prize's `openToJuryWinners` (absent: yes).
 * - Withdrawn and disqualified entries are left out and those below move up; an entry with no valid vote cannot win
 *   a vote prize. Places no eligible entry is left for stay unawarded, with the reason.
 * - Entries tied across a prize boundary (two entries for the last third place, or for the last consolation place
 *   and nothing) are not ordered by the machine: the tie is reported with the places at stake, and the places stay
 *   open until the committee records the order with its reason. A tie wholly inside one prize needs nothing.
 * - A revocation recorded by the committee leaves the place unawarded without moving the others up.
 *
 * Pure: the same input gives the same allocation, so a stored decision is applied again on every recomputation and
 * a decision the facts no longer fit (the tie changed) is reported as unused rather than silently misapplied.
 */
import type { Prize } from '../contest.ts';
import type { VoteSource } from '../voting/settings.ts';
import type { BreakTie, CommitteeDecision, Revoke, UnusedReason } from './committee-decisions.ts';
import { rankingProblem, tieGroups, tieId, type EntryId, type RankedEntry } from './ranking.ts';

export const EXCLUSION_REASONS = ['withdrawn', 'disqualified'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface Exclusion {
  entryId: EntryId;
  reason: ExclusionReason;
}

export interface AllocationInput {
  prizes: readonly Prize[];
  /** The final round's ranking, best first. */
  juryRanking: readonly RankedEntry[];
  /** Valid votes per entry, most first; empty when the contest has no public-vote prize. */
  voteRanking: readonly RankedEntry[];
  /** The count `voteRanking` is made from (core/awards/vote-source.ts); absent: the platform's votes. */
  voteSource?: VoteSource;
  excluded: readonly Exclusion[];
  /** The committee's decisions in the order recorded; a later one on the same tie or place replaces an earlier. */
  decisions: readonly CommitteeDecision[];
}

export type UnawardedReason =
  /** Fewer eligible entries than places. */
  | 'fewerEligibleEntries'
  /** No eligible entry with a valid vote is left for this vote prize. */
  | 'noVotedEntry'
  /** The committee revoked it; `entryId` held it. */
  | 'revoked';

export type PlaceOutcome =
  | { kind: 'awarded'; entryId: EntryId; rank: number; score: number; byCommittee: boolean }
  /** Open: entries tied across a boundary compete for it; the committee must order them. */
  | { kind: 'tied'; tieId: string; candidates: EntryId[] }
  /** A vote prize whose winner depends on how the committee breaks an earlier tie. */
  | { kind: 'waiting'; onTieId: string }
  | { kind: 'unawarded'; reason: UnawardedReason; entryId?: EntryId };

export interface PrizePlaces {
  prizeIndex: number;
  prize: Prize;
  places: PlaceOutcome[];
  /** For a vote prize, the rule applied (stated on the results); null for a jury prize. */
  openToJuryWinners: boolean | null;
  /** For a vote prize, the count that decided it (stated on the results); null for a jury prize. */
  voteSource: VoteSource | null;
}

export interface OpenTie {
  tieId: string;
  ranking: 'jury' | 'vote';
  entries: RankedEntry[];
  /**
   * What the tied entries share out, in order: so many places of a prize, and (prizeIndex null) how many of them
   * will get no prize at all.
   */
  atStake: { prizeIndex: number | null; places: number }[];
}

export interface Allocation {
  prizes: PrizePlaces[];
  openTies: OpenTie[];
  applied: CommitteeDecision[];
  unused: { decision: CommitteeDecision; reason: UnusedReason }[];
  /** No place is tied or waiting: the allocation can go to the committee for approval. */
  complete: boolean;
}

interface Slot {
  prizeIndex: number;
  place: number;
}

class Decisions {
  readonly ties = new Map<string, BreakTie>();
  readonly revokes = new Map<string, Revoke>();
  readonly unused = new Map<CommitteeDecision, UnusedReason>();
  readonly applied = new Set<CommitteeDecision>();

  constructor(readonly all: readonly CommitteeDecision[]) {
    for (const d of all) {
      const map: Map<string, CommitteeDecision> = d.kind === 'breakTie' ? this.ties : this.revokes;
      const key = d.kind === 'breakTie' ? d.tieId : `${d.entryId}:${d.prizeIndex}`;
      const earlier = map.get(key);
      if (earlier) this.unused.set(earlier, 'superseded');
      if (d.kind === 'breakTie') this.ties.set(key, d);
      else this.revokes.set(key, d);
    }
  }

  revoked(entryId: EntryId, prizeIndices: readonly number[]): boolean {
    return prizeIndices.some((p) => this.revokes.has(`${entryId}:${p}`));
  }
}

function sameEntries(order: readonly EntryId[], group: readonly RankedEntry[]): boolean {
  if (order.length !== group.length || new Set(order).size !== order.length) return false;
  return order.every((id) => group.some((g) => g.entryId === id));
}

function atStakeOf(slots: readonly Slot[], from: number, to: number): OpenTie['atStake'] {
  const out: OpenTie['atStake'] = [];
  for (let i = from; i < to; i++) {
    const p = i < slots.length ? slots[i]!.prizeIndex : null;
    const last = out[out.length - 1];
    if (last && last.prizeIndex === p) last.places++;
    else out.push({ prizeIndex: p, places: 1 });
  }
  return out;
}

/** Fills `slots` in order from runs of tied entries; returns the outcome of each slot. */
function fill(
  ranking: 'jury' | 'vote',
  groups: readonly RankedEntry[][],
  slots: readonly Slot[],
  decisions: Decisions,
  openTies: OpenTie[],
  emptyReason: UnawardedReason,
): PlaceOutcome[] {
  const out: PlaceOutcome[] = [];
  let pos = 0;
  for (const group of groups) {
    if (pos >= slots.length) break;
    const end = pos + group.length;
    const atStake = atStakeOf(slots, pos, end);
    let ordered = group;
    let byCommittee = false;
    if (atStake.length > 1) {
      const id = tieId(
        ranking,
        group.map((g) => g.entryId),
      );
      const d = decisions.ties.get(id);
      if (d && sameEntries(d.order, group)) {
        ordered = d.order.map((e) => group.find((g) => g.entryId === e)!);
        byCommittee = true;
        decisions.applied.add(d);
      } else {
        if (d) decisions.unused.set(d, 'orderMismatch');
        openTies.push({ tieId: id, ranking, entries: group, atStake });
        const candidates = group.map((g) => g.entryId);
        for (let i = pos; i < Math.min(end, slots.length); i++) out[i] = { kind: 'tied', tieId: id, candidates };
        pos = end;
        continue;
      }
    }
    ordered.forEach((r, k) => {
      if (pos + k < slots.length)
        out[pos + k] = {
          kind: 'awarded',
          entryId: r.entryId,
          rank: r.rank,
          score: r.score,
          byCommittee: byCommittee || r.orderedByCommittee === true,
        };
    });
    pos = end;
  }
  for (let i = 0; i < slots.length; i++) out[i] ??= { kind: 'unawarded', reason: emptyReason };
  return out;
}

/** Runs of tied entries, computed on the whole ranking and then thinned, so that a tie survives a withdrawal. */
function eligibleGroups(ranking: readonly RankedEntry[], keep: (r: RankedEntry) => boolean): RankedEntry[][] {
  return tieGroups(ranking)
    .map((g) => g.filter(keep))
    .filter((g) => g.length > 0);
}

function slotsOf(prizes: readonly Prize[], pick: (p: Prize) => boolean): Slot[] {
  const out: Slot[] = [];
  prizes.forEach((p, prizeIndex) => {
    if (pick(p)) for (let place = 0; place < p.count; place++) out.push({ prizeIndex, place });
  });
  return out;
}

/** Replaces awarded places with revoked ones where the committee so decided. */
function applyRevocations(slots: readonly Slot[], outcomes: PlaceOutcome[], decisions: Decisions): void {
  slots.forEach((s, i) => {
    const o = outcomes[i]!;
    if (o.kind !== 'awarded') return;
    const d = decisions.revokes.get(`${o.entryId}:${s.prizeIndex}`);
    if (!d || decisions.unused.has(d)) return;
    outcomes[i] = { kind: 'unawarded', reason: 'revoked', entryId: o.entryId };
    decisions.applied.add(d);
  });
}

export function allocatePrizes(input: AllocationInput): Allocation {
  for (const [name, r] of [
    ['jury', input.juryRanking],
    ['vote', input.voteRanking],
  ] as const) {
    const problem = rankingProblem(r);
    if (problem) throw new RangeError(`The ${name} ranking cannot be used: ${problem}`);
  }
  const decisions = new Decisions(input.decisions);
  const excluded = new Set(input.excluded.map((e) => e.entryId));
  const openTies: OpenTie[] = [];
  const outcome = new Map<number, PlaceOutcome[]>();

  // Jury prizes.
  const jurySlots = slotsOf(input.prizes, (p) => p.kind === 'jury');
  const juryPrizeIndices = [...new Set(jurySlots.map((s) => s.prizeIndex))];
  // A revoked winner keeps its position (nobody moves up) even when it has since been excluded.
  const juryGroups = eligibleGroups(
    input.juryRanking,
    (r) => !excluded.has(r.entryId) || decisions.revoked(r.entryId, juryPrizeIndices),
  );
  const juryOutcomes = fill('jury', juryGroups, jurySlots, decisions, openTies, 'fewerEligibleEntries');
  applyRevocations(jurySlots, juryOutcomes, decisions);
  jurySlots.forEach((s, i) => {
    const list = outcome.get(s.prizeIndex) ?? [];
    list[s.place] = juryOutcomes[i]!;
    outcome.set(s.prizeIndex, list);
  });

  const juryWinners = new Set(juryOutcomes.flatMap((o) => (o.kind === 'awarded' ? [o.entryId] : [])));
  // Entries of an open jury tie: certain to win a jury prize if every place at stake is a prize, else uncertain.
  const uncertain = new Map<EntryId, string>();
  for (const t of openTies) {
    const mayGetNothing = t.atStake.some((s) => s.prizeIndex === null);
    for (const e of t.entries) {
      if (mayGetNothing) uncertain.set(e.entryId, t.tieId);
      else juryWinners.add(e.entryId);
    }
  }

  // Public-vote prizes, one after the other, each from the entries not yet holding a vote prize.
  const voteWinners = new Set<EntryId>();
  let blockedBy: string | null = null;
  input.prizes.forEach((prize, prizeIndex) => {
    if (prize.kind !== 'public_vote') return;
    const slots = slotsOf([prize], () => true).map((s) => ({ ...s, prizeIndex }));
    const open = prize.openToJuryWinners ?? true;
    const finish = (places: PlaceOutcome[]) => {
      outcome.set(prizeIndex, places);
    };
    if (blockedBy) return finish(slots.map(() => ({ kind: 'waiting', onTieId: blockedBy! })));
    const groups = eligibleGroups(
      input.voteRanking,
      (r) =>
        r.score > 0 &&
        (!excluded.has(r.entryId) || decisions.revoked(r.entryId, [prizeIndex])) &&
        !voteWinners.has(r.entryId) &&
        (open || !juryWinners.has(r.entryId)),
    );
    if (!open) {
      let pos = 0;
      for (const g of groups) {
        if (pos >= slots.length) break;
        const waitingOn = g.map((r) => uncertain.get(r.entryId)).find((t) => t !== undefined);
        if (waitingOn) {
          blockedBy = waitingOn;
          return finish(slots.map(() => ({ kind: 'waiting', onTieId: waitingOn })));
        }
        pos += g.length;
      }
    }
    const tiesBefore = openTies.length;
    const places = fill('vote', groups, slots, decisions, openTies, 'noVotedEntry');
    applyRevocations(slots, places, decisions);
    for (const p of places) if (p.kind === 'awarded') voteWinners.add(p.entryId);
    if (openTies.length > tiesBefore) blockedBy = openTies[tiesBefore]!.tieId;
    finish(places);
  });

  for (const d of decisions.all) {
    if (decisions.applied.has(d) || decisions.unused.has(d)) continue;
    decisions.unused.set(d, d.kind === 'breakTie' ? 'noSuchTie' : 'notAWinner');
  }
  const prizes: PrizePlaces[] = input.prizes.map((prize, prizeIndex) => ({
    prizeIndex,
    prize,
    places: outcome.get(prizeIndex) ?? [],
    openToJuryWinners: prize.kind === 'public_vote' ? (prize.openToJuryWinners ?? true) : null,
    voteSource: prize.kind === 'public_vote' ? (input.voteSource ?? 'platform') : null,
  }));
  return {
    prizes,
    openTies,
    applied: decisions.all.filter((d) => decisions.applied.has(d)),
    unused: decisions.all.flatMap((d) => {
      const reason = decisions.unused.get(d);
      return reason ? [{ decision: d, reason }] : [];
    }),
    complete: prizes.every((p) => p.places.every((o) => o.kind === 'awarded' || o.kind === 'unawarded')),
  };
}

/** The awarded places in the structure's order: what results, certificates and payment lists are made from. */
export function awardedPlaces(a: Allocation): { prizeIndex: number; prize: Prize; place: number; entryId: EntryId }[] {
  return a.prizes.flatMap((p) =>
    p.places.flatMap((o, place) =>
      o.kind === 'awarded' ? [{ prizeIndex: p.prizeIndex, prize: p.prize, place, entryId: o.entryId }] : [],
    ),
  );
}
