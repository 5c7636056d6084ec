/**
 * The one place where a JSON column is read back: a zod-checked decoder per column, so that a row that does not hold
 * what the code expects fails here, naming the column, rather than as an `undefined` deep inside a use case.
 *
 * A decoder checks the shape of what was stored; it does not run the input rules again (trimming, NFC, lengths). The
 * value was checked by its input schema (core/) before it was written, and checking it again on every read costs:
 * reading 5,000 drafts takes about ten times as long with `entryDraftSchema` as with the stored shape below. Where a
 * stored shape restates a core/ type, it is declared as a `z.ZodType` of that type, so that the two cannot drift
 * apart. Writers store `JSON.stringify` of the typed value.
 */
import { z } from 'zod';
import type { Allocation, PlaceOutcome } from '@core/awards/allocation.ts';
import type { CommitteeDecision, UnusedReason } from '@core/awards/committee-decisions.ts';
import { contestSettingsSchema, ENTRY_FORMS, PRIZE_KINDS, type ContestSettings, type Prize } from '@core/contest.ts';
import { partySchema, type EntryDraft } from '@core/entry.ts';
import { flagRangeSchema, type FlagRange } from '@core/originality-ranges.ts';
import { COMPUTED_ITEMS, JUDGED_ITEMS, type ChecklistRow } from '@core/review.ts';
import { assignmentSpecSchema } from '@core/judging/assignment.ts';
import { rankingMethodSchema } from '@core/judging/ranking-method.ts';
import { entrySetSchema } from '@core/judging/round.ts';
import { roundRubricSchema } from '@core/judging/rubric.ts';
import { sheetContentSchema } from '@core/judging/score-sheet.ts';
import { judgingSettingsSchema } from '@core/judging/settings.ts';
import { documentSettingsSchema } from '@core/documents/document-settings.ts';
import type { PrizeLine } from '@core/awards/money.ts';
import { VOTE_SOURCES } from '@core/voting/settings.ts';
import type { ContestRow } from './schema.ts';

function decoder<S extends z.ZodType>(column: string, schema: S): (json: string) => z.output<S> {
  return (json) => {
    const parsed = schema.safeParse(JSON.parse(json));
    if (!parsed.success) throw new Error(`${column} does not hold what it should: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  };
}

const localized = z.object({ vi: z.string(), en: z.string() });

const storedAuthor = z.object({
  fullName: z.string(),
  position: z.string(),
  unitName: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
});
const storedDraft: z.ZodType<EntryDraft> = z.object({
  title: z.string(),
  form: z.enum(ENTRY_FORMS).nullable(),
  synopsis: z.string(),
  topicIndex: z.number().nullable(),
  party: partySchema,
  isGroup: z.boolean(),
  groupName: z.string(),
  authors: z.array(storedAuthor),
  originalityDeclared: z.boolean(),
  thirdPartyMaterial: z.string(),
  consentGiven: z.boolean(),
});

/** `document_settings.settings_json`: a contest's document details (core/documents/document-settings.ts). */
export const decodeDocumentSettings = decoder('document_settings.settings_json', documentSettingsSchema);

/** `entries.draft_json`: what the entrant filled in (core/entry.ts). */
export const decodeDraft = decoder('entries.draft_json', storedDraft);

/**
 * `contests.topics_json`, `entry_rules_json`, `prizes_json` and `rubric_json` with the plain columns: the contest's
 * settings, checked whole by their input schema (load-contest.ts keeps the result while the row is unchanged).
 */
export function decodeContestSettings(row: ContestRow): ContestSettings {
  return contestSettingsSchema.parse({
    name: row.name,
    theme: row.theme,
    topics: JSON.parse(row.topics_json),
    rulesMarkdown: row.rules_md,
    timeZone: row.time_zone,
    entryRules: JSON.parse(row.entry_rules_json),
    prizes: JSON.parse(row.prizes_json),
    rubric: JSON.parse(row.rubric_json),
    maxEntriesPerPerson: row.max_entries_per_person,
    reviewsRequired: row.reviews_required,
    voting: row.voting_json === null ? undefined : JSON.parse(row.voting_json),
  });
}

const storedProbe = z.looseObject({
  container: z.string().optional(),
  durationSec: z.number().nullable().optional(),
  video: z
    .looseObject({
      codedWidth: z.number(),
      codedHeight: z.number(),
      displayWidth: z.number(),
      displayHeight: z.number(),
    })
    .nullable()
    .optional(),
  audio: z.looseObject({}).nullable().optional(),
});
const storedVerdict = z.looseObject({
  ok: z.boolean(),
  failures: z.array(z.object({ rule: z.string(), message: localized })).default([]),
  /** The rules the file passed (core/video-policy.ts), for the receipt. */
  passed: z.array(z.string()).default([]),
  /** What our probe found (core/video-policy.ts `VideoProbe`); rows written by tests may hold only part of it. */
  probe: storedProbe,
});
export type StoredVerdict = z.output<typeof storedVerdict>;
const verdictDecoder = decoder('uploads.verdict_json', storedVerdict);

/** `uploads.verdict_json`: the checks' verdict on the file (uploads/check-upload.ts); null until checked. */
export function decodeVerdict(json: string | null): StoredVerdict | null {
  return json === null ? null : verdictDecoder(json);
}

/** The container recorded with the verdict, for naming and storing the original: MOV stays MOV, anything else MP4. */
export function containerOf(verdict: StoredVerdict | null): 'mp4' | 'mov' {
  return verdict?.probe.container === 'mov' ? 'mov' : 'mp4';
}

const storedChecklist: z.ZodType<ChecklistRow[]> = z.array(
  z.object({
    item: z.enum([...JUDGED_ITEMS, ...COMPUTED_ITEMS]),
    source: z.enum(['reviewer', 'computed']),
    ok: z.boolean().nullable(),
    note: z.string(),
  }),
);

/** `reviews.checklist_json`: the checklist as the reviewer saw it (core/review.ts). */
export const decodeChecklist = decoder('reviews.checklist_json', storedChecklist);

const storedVariants = z.array(z.looseObject({ name: z.string(), width: z.number(), height: z.number() }));
const variantsDecoder = decoder('renditions.variants_json', storedVariants);

/** `renditions.variants_json`: the rungs of the ladder that were made (media/renditions.ts); none until done. */
export function decodeVariants(json: string | null): z.output<typeof storedVariants> {
  return json === null ? [] : variantsDecoder(json);
}

const storedPosters = z.array(z.object({ file: z.string(), width: z.number(), height: z.number() }));
const postersDecoder = decoder('renditions.posters_json', storedPosters);

/** `renditions.posters_json`: the posters made, smallest first (media/renditions.ts); none recorded before 0032. */
export function decodePosters(json: string | null): z.output<typeof storedPosters> {
  return json === null ? [] : postersDecoder(json);
}

/**
 * `originality_flags.ranges_json`: the matched time ranges (core/originality-ranges.ts); a range without `kind` is a
 * video range.
 */
export const decodeRanges: (json: string) => FlagRange[] = decoder(
  'originality_flags.ranges_json',
  z.array(flagRangeSchema),
);

/** `entry_events.details_json`: facts about an event of the entry's history, never personal data. */
export const decodeEventDetails = decoder('entry_events.details_json', z.record(z.string(), z.unknown()));

/**
 * `audit_log.details_json`: any JSON. Verifying the chain must report an altered record as a broken link, never fail
 * on it, so nothing beyond JSON is required here.
 */
export const decodeAuditDetails = decoder('audit_log.details_json', z.json());

const erasureOutcomeSchema = z.object({
  /** The entries whose authors' names stay (winners), with their code and title for the person's notice. */
  keptWinners: z.array(z.object({ id: z.number(), code: z.string().nullable(), title: z.string() })),
  entriesErased: z.number(),
  fieldsCleared: z.number(),
  withdrawn: z.number(),
  takenDown: z.number(),
  mediaRemoved: z.number(),
  sessionsEnded: z.number(),
  rolesRemoved: z.number(),
  notificationsDeleted: z.number(),
});
export type ErasureOutcome = z.infer<typeof erasureOutcomeSchema>;
/** `erasure_requests.outcome_json`: what carrying out a request did (services/privacy/carry-out-erasure.ts). */
export const decodeErasureOutcome = decoder('erasure_requests.outcome_json', erasureOutcomeSchema);
/** `retention_runs.report_json`: counts of what the retention job removed. */
export const decodeRetentionReport = decoder(
  'retention_runs.report_json',
  z.record(z.string(), z.union([z.number(), z.string()])),
);

/** `notifications.payload_json`: the message's title and body in both languages, and facts for the app. */
export const decodeNotificationPayload = decoder(
  'notifications.payload_json',
  z.looseObject({ title: localized, body: localized }),
);

/**
 * `jobs.payload_json`: plain data (jobs/queue.ts); the queue is generic, each job's handler knows its payload's type.
 */
export const decodeJobPayload = decoder('jobs.payload_json', z.json());

/** `contests.judging_json`: the contest's judging settings, defaults filled in. */
/** The prize section of a budget estimate as submitted for appraisal (core/awards/money.ts `PrizeLine`). */
export const decodePrizeLines: (json: string) => PrizeLine[] = decoder(
  'budget_estimates.prize_lines_json',
  z.array(
    z.object({
      prizeIndex: z.number().int(),
      name: z.string(),
      count: z.number().int(),
      amountVnd: z.number().int(),
      totalVnd: z.number().int(),
    }),
  ) satisfies z.ZodType<PrizeLine[]>,
);

/** The authors printed on a certificate under the recipient's name. */
export const decodeCertificateMembers = decoder('certificates.members_json', z.array(z.string()));

export const decodeJudgingSettings = decoder('contests.judging_json', judgingSettingsSchema);
/** `judging_rounds.*_json`: written from their core schemas, read back with them. */
export const decodeRoundRubric = decoder('judging_rounds.rubric_json', roundRubricSchema);
export const decodeEntrySet = decoder('judging_rounds.entry_set_json', entrySetSchema);
export const decodeAssignmentSpec = decoder('judging_rounds.assignment_json', assignmentSpecSchema);
export const decodeRankingMethod = decoder('judging_rounds.method_json', rankingMethodSchema);
/** `judging_scores.sheet_json` and `judging_score_versions.sheet_json`. */
export const decodeSheet = decoder('judging_scores.sheet_json', sheetContentSchema);
export const decodeTieEntryIds = decoder('judging_tie_decisions.entry_ids_json', z.array(z.number().int()));

const storedPrize: z.ZodType<Prize> = z.object({
  name: z.string(),
  nameEn: z.string().optional(),
  kind: z.enum(PRIZE_KINDS),
  count: z.number(),
  amountVnd: z.number(),
  openToJuryWinners: z.boolean().optional(),
});
const storedDecision: z.ZodType<CommitteeDecision> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('breakTie'), tieId: z.string(), order: z.array(z.number()), reason: z.string() }),
  z.object({ kind: z.literal('revoke'), entryId: z.number(), prizeIndex: z.number(), reason: z.string() }),
]);
const storedPlace: z.ZodType<PlaceOutcome> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('awarded'),
    entryId: z.number(),
    rank: z.number(),
    score: z.number(),
    byCommittee: z.boolean(),
  }),
  z.object({ kind: z.literal('tied'), tieId: z.string(), candidates: z.array(z.number()) }),
  z.object({ kind: z.literal('waiting'), onTieId: z.string() }),
  z.object({
    kind: z.literal('unawarded'),
    reason: z.enum(['fewerEligibleEntries', 'noVotedEntry', 'revoked']),
    entryId: z.number().optional(),
  }),
]);
const storedRanked = z.object({ entryId: z.number(), rank: z.number(), score: z.number(), tiedWithNext: z.boolean() });
const unusedReasons: z.ZodType<UnusedReason> = z.enum(['noSuchTie', 'orderMismatch', 'notAWinner', 'superseded']);
const storedAllocation: z.ZodType<Allocation> = z.object({
  prizes: z.array(
    z
      .object({
        prizeIndex: z.number(),
        prize: storedPrize,
        places: z.array(storedPlace),
        openToJuryWinners: z.boolean().nullable(),
        voteSource: z.enum(VOTE_SOURCES).nullable().optional(),
      })
      // Versions stored before the source was recorded (ADR 0048) were all decided by the platform's votes.
      .transform((p) => ({ ...p, voteSource: p.voteSource ?? (p.openToJuryWinners === null ? null : 'platform') })),
  ),
  openTies: z.array(
    z.object({
      tieId: z.string(),
      ranking: z.enum(['jury', 'vote']),
      entries: z.array(storedRanked),
      atStake: z.array(z.object({ prizeIndex: z.number().nullable(), places: z.number() })),
    }),
  ),
  applied: z.array(storedDecision),
  unused: z.array(z.object({ decision: storedDecision, reason: unusedReasons })),
  complete: z.boolean(),
});

/** `award_allocations.result_json`: the allocation as computed when the version was stored (core/awards). */
export const decodeAllocation = decoder('award_allocations.result_json', storedAllocation);
/** `award_decisions.payload_json` of a `breakTie` or `revoke` decision: the decision as allocation reads it. */
export const decodeAwardDecision = decoder('award_decisions.payload_json', storedDecision);
/** `award_decisions.payload_json` of a `reopen` or `amend` decision: facts for the record. */
export const decodeAwardRecord = decoder('award_decisions.payload_json', z.record(z.string(), z.unknown()));

/** `votes.reasons_json`: why a vote was quarantined or invalidated, as reason codes (core/voting/reasons.ts). */
export const decodeVoteReasons = decoder('votes.reasons_json', z.array(z.string()));

/** `voting_tie_decisions.tied_json` and `chosen_json`: entry codes. */
export const decodeEntryCodes = decoder('voting_tie_decisions entries', z.array(z.string()));
