/**
 * The voting rule as unique keys. A vote row carries a `ruleKey` and, under a fixed total, an `entryKey`; the
 * database holds UNIQUE (contest, voter, rule_key) and UNIQUE (contest, voter, entry_key), so a second vote in the
 * same scope and day fails in the database whatever the number of concurrent requests (ADR 0021).
 *
 * Key text: `<scope>@<period>`, where scope is `any` (one vote for any entry), `entry:<id>` or `slot:<n>`, and
 * period is the contest day `yyyy-MM-dd` or `all` (the whole window).
 */
import { type MessageParams, problem, type VotingProblem } from './messages.ts';
import type { VoteRule } from './settings.ts';
import { nextVoteOpensAt, voteDay } from './vote-day.ts';

export interface VoteKeys {
  ruleKey: string;
  /** Set under a fixed total, where each vote must go to a different entry. */
  entryKey: string | null;
}

export interface KeyContext {
  entryId: number | string;
  at: Date;
  timeZone: string;
  /** Under a fixed total: which of the voter's votes this is (1…total); see `freeSlot`. */
  slot?: number;
}

export function voteKeys(rule: VoteRule, c: KeyContext): VoteKeys {
  switch (rule.kind) {
    case 'per_person_per_day':
      return { ruleKey: `any@${voteDay(c.at, c.timeZone)}`, entryKey: null };
    case 'per_entry_per_day':
      return { ruleKey: `entry:${c.entryId}@${voteDay(c.at, c.timeZone)}`, entryKey: null };
    case 'total': {
      const slot = c.slot;
      if (slot === undefined || !Number.isInteger(slot) || slot < 1 || slot > rule.votes) {
        throw new RangeError(`slot must be 1…${rule.votes} under a total of ${rule.votes} votes`);
      }
      return { ruleKey: `slot:${slot}@all`, entryKey: `entry:${c.entryId}@all` };
    }
  }
}

/**
 * The lowest of the voter's slots not yet used (1…total), or null when all are used. Two racing requests may pick the
 * same slot; the unique key lets one through and the other retries with the next free slot.
 */
export function freeSlot(usedSlots: readonly number[], total: number): number | null {
  const used = new Set(usedSlots);
  for (let k = 1; k <= total; k++) if (!used.has(k)) return k;
  return null;
}

/** The slot a rule key holds (`slot:3@all` → 3), or null for the daily rules. */
export function slotOfKey(ruleKey: string): number | null {
  const m = /^slot:(\d+)@all$/.exec(ruleKey);
  return m ? Number(m[1]) : null;
}

export interface PastVote {
  entryId: number | string;
  at: Date;
}

/**
 * Whether the rule lets this voter cast this vote now, given the votes they have already cast (all of them, counted or
 * not: a quarantined or invalidated vote still used its turn). Null when it does. The database's unique keys are what
 * actually enforce the rule; this gives the refusal its message, before the insert or after a key conflict.
 */
export function ruleProblem(
  rule: VoteRule,
  past: readonly PastVote[],
  vote: { entryId: number | string; at: Date },
  timeZone: string,
  votingEndsAt: string | null,
): VotingProblem | null {
  const today = voteDay(vote.at, timeZone);
  const end: MessageParams = votingEndsAt ? { end: new Date(votingEndsAt) } : {};
  const next = nextVoteOpensAt(rule, vote.at, timeZone, votingEndsAt);
  const sameEntry = (p: PastVote) => String(p.entryId) === String(vote.entryId);
  switch (rule.kind) {
    case 'per_person_per_day':
      if (!past.some((p) => voteDay(p.at, timeZone) === today)) return null;
      return next ? problem('vote.alreadyToday', { next }) : problem('vote.alreadyTodayLastDay', end);
    case 'per_entry_per_day':
      if (!past.some((p) => sameEntry(p) && voteDay(p.at, timeZone) === today)) return null;
      return next ? problem('vote.alreadyEntryToday', { next }) : problem('vote.alreadyEntryTodayLastDay', end);
    case 'total':
      if (past.length >= rule.votes) return problem('vote.allUsed', { total: rule.votes });
      if (past.some(sameEntry)) return problem('vote.alreadyEntry', { left: rule.votes - past.length });
      return null;
  }
}
