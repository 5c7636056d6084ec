/**
 * A contest's voting settings: how many votes a person has, when tallies show, which count decides the most-voted
 * prize, how the fanpage's figures become a score, how ties are broken, who may vote, how long voters' keyed hashes
 * are kept, and the integrity thresholds. Every field has a default, so a contest stored before voting existed, or a
 * partial object, parses to the plan's usual setting: one vote per verified person per day.
 */
import { z } from 'zod';

/**
 * - `per_person_per_day`: one vote a day, for any one entry (the day in the contest's time zone).
 * - `per_entry_per_day`: one vote a day for each entry (a voter may support several entries, each once a day).
 * - `total`: a fixed number of votes over the whole window, each for a different entry.
 */
export const voteRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('per_person_per_day') }),
  z.object({ kind: z.literal('per_entry_per_day') }),
  z.object({ kind: z.literal('total'), votes: z.number().int().min(1).max(50) }),
]);
export type VoteRule = z.infer<typeof voteRuleSchema>;
export type VoteRuleKind = VoteRule['kind'];

export const VOTE_SOURCES = ['platform', 'fanpage'] as const;
export type VoteSource = (typeof VOTE_SOURCES)[number];

/** Which count is shown, and when both are, which one decides the most-voted prize. */
export const prizeSourceSchema = z.discriminatedUnion('show', [
  z.object({ show: z.literal('platform') }),
  z.object({ show: z.literal('fanpage') }),
  z.object({ show: z.literal('both'), deciding: z.enum(VOTE_SOURCES) }),
]);
export type PrizeSource = z.infer<typeof prizeSourceSchema>;

const weight = z.number().int().min(0).max(100);

/** Score of a fanpage post = reactions × w1 + shares × w2 + comments × w3; stated in words on the results. */
export const fanpageFormulaSchema = z
  .object({ reactions: weight.default(1), shares: weight.default(1), comments: weight.default(0) })
  .refine((f) => f.reactions + f.shares + f.comments > 0, { message: 'voting.formulaAllZero' });
export type FanpageFormula = z.infer<typeof fanpageFormulaSchema>;

/**
 * - `earliest_to_final`: among tied entries, the one that reached the final count first wins.
 * - `committee`: the organizing committee decides, and its recorded decision is shown.
 */
export const TIE_RULES = ['earliest_to_final', 'committee'] as const;
export type TieRule = (typeof TIE_RULES)[number];

export const IDENTITY_KINDS = ['phone', 'email'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'voting.domainInvalid');

const count = (min: number, max: number, dflt: number) => z.number().int().min(min).max(max).default(dflt);
const ratio = (dflt: number) => z.number().min(0).max(1).default(dflt);

/**
 * Thresholds of the integrity checks (core/voting/integrity.ts; ADR 0021 explains each). Volume signals on an
 * address or a network only flag votes for the staff; they quarantine only with a second, independent signal.
 */
export const integrityThresholdsSchema = z.object({
  /** The short window over which bursts are counted. */
  burstWindowSec: count(60, 3600, 600),
  /** Votes for one entry from one address within the short window, with `concentration` of that address's votes. */
  addressEntryPerWindow: count(5, 10_000, 20),
  /** The same over a contest day. */
  addressEntryPerDay: count(10, 100_000, 100),
  /** Votes for one entry from one /24 (IPv4) or /64 (IPv6) within the short window. */
  networkEntryPerWindow: count(5, 10_000, 40),
  networkEntryPerDay: count(10, 100_000, 250),
  /** Share of a source's votes going to one entry that makes its burst one-sided. */
  concentration: ratio(0.9),
  /** Distinct voters from one address in a day above which its votes are flagged (never quarantined for it). */
  addressIdentitiesPerDay: count(5, 100_000, 50),
  networkIdentitiesPerDay: count(5, 100_000, 150),
  /** Distinct voters on one device (first-party cookie) in a day from which all its votes are quarantined. */
  deviceIdentitiesPerDay: count(2, 1000, 4),
  /** Regular timing: this many successive gaps of one source... */
  regularGaps: count(6, 200, 20),
  /** ...whose median absolute deviation is at most this share of their median. */
  regularMaxDispersion: ratio(0.1),
  /** Waves: votes for one entry within this window... */
  waveWindowSec: count(30, 3600, 300),
  /** ...at least this many... */
  waveMinVotes: count(5, 100_000, 25),
  /** ...and at least this many times the entry's rate over the hour before. */
  waveFactor: z.number().min(1).max(1000).default(5),
  /** A first vote cast this long after the identity was verified comes from a stockpiled identity. */
  stockpiledAfterSec: count(60, 30 * 24 * 3600, 1800),
});
export type IntegrityThresholds = z.infer<typeof integrityThresholdsSchema>;

/** Limits on sending one-time codes (core/voting/send-limits.ts). */
export const sendLimitsSchema = z.object({
  /** Seconds between two codes to the same number or address. */
  identityCooldownSec: count(10, 3600, 60),
  identityPerHour: count(1, 100, 3),
  identityPerDay: count(1, 100, 5),
  addressPerHour: count(1, 100_000, 60),
  addressPerDay: count(1, 1_000_000, 300),
  /** Codes sent from one address and not (yet) confirmed within the last hour. */
  addressUnconfirmedPerHour: count(1, 100_000, 10),
  networkPerHour: count(1, 100_000, 150),
  networkPerDay: count(1, 1_000_000, 1000),
  networkUnconfirmedPerHour: count(1, 100_000, 30),
  /** Text messages the contest may send in a day (its SMS budget). */
  smsPerDay: count(0, 10_000_000, 5000),
  /** SMS pause: unconfirmed text messages over the last 24 h above this... */
  smsUnconfirmedPerDay: count(10, 10_000_000, 300),
  /** ...while fewer than this share of the last 24 h's messages were confirmed. */
  smsMinConfirmedShare: ratio(0.5),
});
export type SendLimits = z.infer<typeof sendLimitsSchema>;

export const votingSettingsSchema = z
  .object({
    rule: voteRuleSchema.default({ kind: 'per_person_per_day' }),
    /** Live: counts show while voting runs. At the end: only after the window closes. */
    tallies: z.enum(['live', 'at_end']).default('live'),
    prizeSource: prizeSourceSchema.default({ show: 'both', deciding: 'fanpage' }),
    fanpageFormula: fanpageFormulaSchema.prefault({}),
    tieRule: z.enum(TIE_RULES).default('earliest_to_final'),
    /** How voters prove who they are; e-mail is free for offices without an SMS contract. */
    identities: z
      .array(z.enum(IDENTITY_KINDS))
      .min(1)
      .max(IDENTITY_KINDS.length)
      .refine((a) => new Set(a).size === a.length, 'voting.identitiesDuplicate')
      .default(['phone', 'email']),
    /** Only phone numbers on the resident list the organizers load may vote (e-mail then cannot be used). */
    residentListOnly: z.boolean().default(false),
    /**
     * Days the voters' keyed hashes are kept after voting closed and the results were published (whichever is later),
     * for complaints; then they are erased and only the pseudonymous log remains.
     */
    hashRetentionDays: count(0, 365, 90),
    /** Disposable e-mail domains: added to the list kept in the code, or taken off it. */
    disposableDomains: z
      .object({
        extra: z.array(domainSchema).max(1000).default([]),
        allowed: z.array(domainSchema).max(1000).default([]),
      })
      .prefault({}),
    integrity: integrityThresholdsSchema.prefault({}),
    sendLimits: sendLimitsSchema.prefault({}),
  })
  .superRefine((s, ctx) => {
    if (s.residentListOnly && !s.identities.includes('phone')) {
      ctx.addIssue({ code: 'custom', path: ['residentListOnly'], message: 'voting.residentListNeedsPhone' });
    }
    if (s.identities.includes('phone') && s.sendLimits.smsPerDay === 0) {
      ctx.addIssue({ code: 'custom', path: ['sendLimits', 'smsPerDay'], message: 'voting.phoneNeedsSmsBudget' });
    }
  });
export type VotingSettings = z.infer<typeof votingSettingsSchema>;
export type VotingSettingsInput = z.input<typeof votingSettingsSchema>;

/** The settings in force: the stored ones, or the defaults for a contest that never set any. */
export function resolveVotingSettings(stored: VotingSettingsInput | undefined | null): VotingSettings {
  return votingSettingsSchema.parse(stored ?? {});
}

/** The identity kinds a voter may use: with a resident list, only phones (the list holds numbers). */
export function usableIdentityKinds(s: Pick<VotingSettings, 'identities' | 'residentListOnly'>): IdentityKind[] {
  return s.residentListOnly ? s.identities.filter((k) => k === 'phone') : [...s.identities];
}

/** Fields that define what a vote is; they cannot change once voting has started (the log's header names them). */
export const LOCKED_ONCE_VOTING_STARTS = ['rule', 'identities', 'residentListOnly'] as const;

/**
 * The locked fields a change would alter after voting started: empty when the change is allowed. Compared by value,
 * so resending the same settings is fine.
 */
export function lockedFieldsChanged(
  before: VotingSettings,
  after: VotingSettings,
  votingStartsAt: string | null,
  now: Date,
): (typeof LOCKED_ONCE_VOTING_STARTS)[number][] {
  if (votingStartsAt === null || now.getTime() < Date.parse(votingStartsAt)) return [];
  const same = (a: unknown, b: unknown) =>
    Array.isArray(a) && Array.isArray(b)
      ? JSON.stringify([...a].sort()) === JSON.stringify([...b].sort())
      : JSON.stringify(a) === JSON.stringify(b);
  return LOCKED_ONCE_VOTING_STARTS.filter((f) => !same(before[f], after[f]));
}
