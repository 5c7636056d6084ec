/** Response contracts of the HTTP API, shared by the server (serialization, OpenAPI) and the web app. */
import { ROSTER_ROLES } from './roster.ts';
import { z } from 'zod';
import { CONTEST_STATUSES } from './contest-lifecycle.ts';
import { ENTRY_FORMS, entryRulesSchema, prizeSchema, rubricCriterionSchema } from './contest.ts';
import { PHASE_KINDS, phaseSchema } from './phases.ts';
import { REVIEW_DECISIONS, REVIEW_STATUSES } from './review.ts';
import { CONTEST_ROLES, ROSTER_BODIES } from './roles.ts';

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const okSchema = z.object({ ok: z.literal(true) });

/**
 * A record's id in a path or query string, in its one canonical form: decimal digits without a sign, a leading zero,
 * spaces or an exponent. `0x1`, `1e0`, ` 1` and `01` are refused rather than read as 1 (docs/decisions/0027).
 */
export const idParam = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, 'id.notCanonical')
  .transform(Number);

export const unitCategoryViewSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().optional(),
  minEntries: z.number(),
  maxEntries: z.number(),
});

export const contestViewSchema = z.object({
  id: z.number(),
  slug: z.string(),
  isDemo: z.boolean(),
  status: z.enum(CONTEST_STATUSES),
  name: z.string(),
  theme: z.string(),
  topics: z.array(z.string()),
  rulesMarkdown: z.string(),
  timeZone: z.string(),
  entryRules: entryRulesSchema,
  prizes: z.array(prizeSchema),
  rubric: z.array(rubricCriterionSchema),
  maxEntriesPerPerson: z.number(),
  phases: z.array(phaseSchema),
  unitCategories: z.array(unitCategoryViewSchema),
  totalPrizeMoneyVnd: z.number(),
  serverTime: z.string(),
  phaseState: z.enum(['open', 'upcoming', 'between', 'closed', 'unscheduled']),
  currentPhase: z.enum(PHASE_KINDS).nullable(),
  openPhases: z.array(z.enum(PHASE_KINDS)),
  next: z.object({ at: z.string(), kind: z.enum(PHASE_KINDS), edge: z.enum(['start', 'end']) }).nullable(),
  updatedAt: z.string(),
});

export const contestSummarySchema = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  theme: z.string(),
  isDemo: z.boolean(),
  status: z.enum(CONTEST_STATUSES),
  phaseState: contestViewSchema.shape.phaseState,
  currentPhase: z.enum(PHASE_KINDS).nullable(),
  /** Where the home page lists it (ADR 0023). */
  bucket: z.enum(['open', 'upcoming', 'past', 'draft']),
  /** The first phase's start and the last one's end; null when no phase is scheduled. */
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
});

/** A unit's contact person (staff only: it holds a phone and an e-mail). */
export const unitContactSchema = z.object({
  name: z.string().nullable(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

export const unitViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  contactEmail: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPosition: z.string().nullable(),
  contactPhone: z.string().nullable(),
  categoryCode: z.string(),
  categoryName: z.string(),
});

export const rosterMemberViewSchema = z.object({
  id: z.number(),
  body: z.enum(ROSTER_BODIES),
  fullName: z.string(),
  position: z.string().nullable(),
  roleInBody: z.enum(ROSTER_ROLES),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const contestRoleViewSchema = z.object({
  id: z.number(),
  role: z.enum(CONTEST_ROLES),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  userId: z.number(),
  fullName: z.string(),
  email: z.string().nullable(),
});

export const auditRecordViewSchema = z.object({
  seq: z.number(),
  at: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  /** What the target is called: an entry's title and code, a unit's or person's name. */
  targetLabel: z.string().nullable(),
  outcome: z.string(),
  details: z.unknown(),
  actorUserId: z.number().nullable(),
  actorName: z.string().nullable(),
  actorIp: z.string().nullable(),
  hash: z.string(),
});

export const importResultSchema = z.object({ created: z.number(), updated: z.number() });

export { ENTRY_FORMS };

const bilingual = z.object({ vi: z.string(), en: z.string() });
export const videoFailureViewSchema = z.object({ rule: z.string(), message: bilingual });

export const uploadViewSchema = z.object({
  id: z.string(),
  status: z.string(),
  sizeBytes: z.number(),
  filename: z.string(),
  sha256: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  checkedAt: z.string().nullable(),
  verdict: z
    .object({ ok: z.boolean(), failures: z.array(videoFailureViewSchema), probe: z.unknown() })
    .passthrough()
    .nullable(),
});

export const entryViewSchema = z.object({
  id: z.number(),
  contestSlug: z.string(),
  code: z.string().nullable(),
  status: z.string(),
  draft: z.unknown(),
  unitName: z.string().nullable(),
  isIntake: z.boolean(),
  canEdit: z.boolean(),
  canWithdraw: z.boolean(),
  missing: z.array(z.object({ field: z.string(), message: bilingual })),
  upload: uploadViewSchema.nullable(),
  acceptedUploadId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  events: z.array(z.object({ at: z.string(), kind: z.string(), details: z.record(z.string(), z.unknown()) })),
  /** Null until submitted. The entrant sees a dispute between reviewers as `pending`. */
  review: z
    .object({ status: z.enum(REVIEW_STATUSES), reason: z.string().nullable(), fixDeadline: z.string().nullable() })
    .nullable(),
});

export const receiptSchema = z.object({
  entryId: z.number(),
  code: z.string(),
  contestName: z.string(),
  title: z.string(),
  submittedAt: z.string(),
  submittedAtLocal: z.string(),
  timeZone: z.string(),
  fileName: z.string(),
  fileSizeBytes: z.number(),
  sha256: z.string(),
  checksPassed: z.array(z.string()),
  inGrace: z.boolean(),
  /** The usage licence accepted at submission (core/licence.ts); null for entries submitted before it was stated. */
  licence: z.object({ version: z.string(), vi: z.string(), en: z.string() }).nullable(),
});

export const myEntrySchema = z.object({
  id: z.number(),
  code: z.string().nullable(),
  status: z.string(),
  title: z.string(),
  contestSlug: z.string(),
  contestName: z.string(),
  unitName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** For a draft: the submission deadline, worded by core/deadline.ts. */
  deadline: z.object({ endsAt: z.string(), timeZone: z.string(), graceMinutes: z.number() }).nullable(),
});

export const contestEntryRowSchema = z.object({
  id: z.number(),
  code: z.string().nullable(),
  status: z.string(),
  title: z.string(),
  form: z.string().nullable(),
  partyKind: z.string(),
  isIntake: z.boolean(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  entrantName: z.string(),
  fileStatus: z.string(),
  fileFailures: z.array(videoFailureViewSchema),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const complianceSchema = z.object({
  units: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      categoryCode: z.string(),
      categoryName: z.string(),
      minEntries: z.number(),
      maxEntries: z.number(),
      submitted: z.number(),
      drafts: z.number(),
      returned: z.number(),
      belowMinimum: z.boolean(),
      contact: unitContactSchema,
      /** The last "Nhắc nhở" sent to the contact, and when the next may be. */
      lastRemindedAt: z.string().nullable(),
      nextReminderAt: z.string().nullable(),
    }),
  ),
  belowMinimum: z.array(z.string()),
  refusedFiles: z.number(),
  /** The submission deadline, if the contest has one (the reminder and the export state it). */
  submissionEndsAt: z.string().nullable(),
  timeZone: z.string(),
});

export const unitReminderResultSchema = z.object({
  emailed: z.boolean(),
  texted: z.boolean(),
  sentAt: z.string(),
  nextReminderAt: z.string(),
});

/** A subtitle track of an entry, as the player's <track> and the entry page need it. */
export const subtitleTrackSchema = z.object({
  /** BCP-47 tag (core/subtitle-languages.ts). */
  lang: z.string(),
  label: z.string(),
  /** Same-origin URL of the cleaned WebVTT file; changes when the file does. */
  url: z.string(),
  /** The track the player shows unless the viewer picks another (the Vietnamese one). */
  isDefault: z.boolean(),
  sizeBytes: z.number(),
  cueCount: z.number(),
  /** What was uploaded: WebVTT, or SubRip converted to WebVTT. */
  sourceFormat: z.enum(['vtt', 'srt']),
  updatedAt: z.string(),
});
export type SubtitleTrackView = z.infer<typeof subtitleTrackSchema>;

export const subtitleListSchema = z.object({
  /** Whether the caller may add or delete tracks now (the entry's rules for editing, or intake staff). */
  canEdit: z.boolean(),
  tracks: z.array(subtitleTrackSchema),
});

/** A track just saved, and what cleaning took out of the file (the entrant is told). */
export const subtitleSavedSchema = subtitleTrackSchema.extend({
  removed: z.object({ styleBlocks: z.number(), regionBlocks: z.number(), tags: z.number(), emptyCues: z.number() }),
});

/** Streaming renditions of an entry's accepted file: progress while they are made, then where to play them from. */
export const renditionStatusSchema = z.object({
  /** `none`: the entry has no accepted file, or its renditions were never asked for. */
  status: z.enum(['none', 'queued', 'running', 'done', 'failed']),
  percent: z.number(),
  /** Why the last run failed (no server paths); null unless failed. */
  error: z.string().nullable(),
  variants: z.array(z.object({ name: z.string(), width: z.number(), height: z.number() })),
  /** Same-origin URLs, present once the renditions are done. */
  posterUrl: z.string().optional(),
  masterUrl: z.string().optional(),
  /** The entry's subtitle tracks, for <track> elements in the player. */
  subtitles: z.array(subtitleTrackSchema),
});
export type RenditionStatusView = z.infer<typeof renditionStatusSchema>;

const usageSchema = z.object({ bytes: z.number(), files: z.number() });

/** The storage dashboard of a contest. */
export const storageUsageSchema = z.object({
  storage: z.enum(['local', 's3']),
  totalBytes: z.number(),
  byKind: z.object({
    originals: usageSchema,
    renditions: usageSchema,
    subtitles: usageSchema,
    uploading: usageSchema,
    superseded: usageSchema,
    other: usageSchema,
  }),
  topEntries: z.array(
    z.object({ entryId: z.number(), code: z.string().nullable(), title: z.string(), bytes: z.number() }),
  ),
  disk: z.object({ freeBytes: z.number(), totalBytes: z.number() }).nullable(),
});
export type StorageUsage = z.infer<typeof storageUsageSchema>;

/** A media job of the contest that failed for good. */
export const failedJobSchema = z.object({
  id: z.string(),
  name: z.string(),
  entryId: z.number(),
  entryCode: z.string().nullable(),
  entryTitle: z.string(),
  attempts: z.number(),
  maxAttempts: z.number(),
  lastError: z.string().nullable(),
  failedAt: z.string().nullable(),
});
export type FailedJob = z.infer<typeof failedJobSchema>;

/** Files nothing points at (site administrators). */
export const orphanReportSchema = z.object({
  orphans: z.array(
    z.object({
      where: z.enum(['storage', 'uploads']),
      key: z.string(),
      bytes: z.number(),
      modifiedAt: z.string(),
      reason: z.enum(['noEntry', 'noUpload', 'notRecorded', 'movedToStorage', 'unknownKey']),
    }),
  ),
  count: z.number(),
  totalBytes: z.number(),
  truncated: z.boolean(),
});
export type OrphanReportView = z.infer<typeof orphanReportSchema>;

const missingViewSchema = z.object({ field: z.string(), message: bilingual });
const checklistRowSchema = z.object({
  item: z.string(),
  source: z.enum(['reviewer', 'computed']),
  ok: z.boolean().nullable(),
  /** Staff only. */
  note: z.string(),
});

/** GET /api/contests/:slug/review-queue: entries in review or decided, with their current round's decisions. */
export const reviewQueueSchema = z.object({
  reviewsRequired: z.number(),
  entries: z.array(
    z.object({
      id: z.number(),
      code: z.string().nullable(),
      title: z.string(),
      form: z.string().nullable(),
      isIntake: z.boolean(),
      unitId: z.number().nullable(),
      unitName: z.string().nullable(),
      entrantName: z.string(),
      submittedAt: z.string().nullable(),
      /** `draft` while returned for a fix. */
      status: z.string(),
      reviewStatus: z.enum(REVIEW_STATUSES),
      round: z.number(),
      fixDeadline: z.string().nullable(),
      technicalPassed: z.boolean(),
      authorDetailsComplete: z.boolean(),
      originalityFlags: z.number(),
      decisions: z.array(
        z.object({
          reviewerUserId: z.number().nullable(),
          reviewerName: z.string().nullable(),
          decision: z.enum(REVIEW_DECISIONS),
          isFinal: z.boolean(),
          createdAt: z.string(),
        }),
      ),
    }),
  ),
});

/**
 * GET /api/entries/:entryId/reviews. `history`: the settled outcome of each round, with the reason and deadline meant
 * for the entrant. `staff`: null for the entrant; for staff every decision with reviewer, note and checklist.
 */
export const entryReviewsSchema = z.object({
  entryId: z.number(),
  status: z.enum(REVIEW_STATUSES).nullable(),
  round: z.number(),
  fixDeadline: z.string().nullable(),
  history: z.array(
    z.object({
      round: z.number(),
      status: z.enum(REVIEW_STATUSES),
      reason: z.string().nullable(),
      fixDeadline: z.string().nullable(),
      decidedAt: z.string(),
    }),
  ),
  staff: z
    .object({
      reviewsRequired: z.number(),
      canReview: z.boolean(),
      canSettle: z.boolean(),
      /** Returned and not yet sent again: a reviewer may give it a later fix deadline. */
      canExtendFixDeadline: z.boolean(),
      checklist: z.array(checklistRowSchema),
      missingAuthorDetails: z.array(missingViewSchema),
      originalityFlags: z.array(
        z.object({
          score: z.number(),
          otherEntryId: z.number().nullable(),
          otherEntryCode: z.string().nullable(),
          referenceTitle: z.string().nullable(),
        }),
      ),
      rounds: z.array(
        z.object({
          round: z.number(),
          status: z.enum(REVIEW_STATUSES).nullable(),
          decisions: z.array(
            z.object({
              id: z.number(),
              reviewerUserId: z.number().nullable(),
              reviewerName: z.string().nullable(),
              decision: z.enum(REVIEW_DECISIONS),
              isFinal: z.boolean(),
              reason: z.string(),
              note: z.string(),
              checklist: z.array(checklistRowSchema),
              fixDeadline: z.string().nullable(),
              createdAt: z.string(),
            }),
          ),
        }),
      ),
    })
    .nullable(),
});

export const extendFixDeadlineSchema = z.object({ fixDeadline: z.string().min(1).max(40) });
export const fixDeadlineExtendedSchema = z.object({ entryId: z.number(), fixDeadline: z.string() });

export const reviewRecordedSchema = z.object({
  reviewId: z.number(),
  round: z.number(),
  status: z.enum(REVIEW_STATUSES),
  isFinal: z.boolean(),
});

/** GET /api/me/notifications. */
export const notificationListSchema = z.object({
  unread: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      entryId: z.number().nullable(),
      title: bilingual,
      body: bilingual,
      data: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
});

const galleryItemSchema = z.object({
  id: z.number(),
  code: z.string().nullable(),
  title: z.string(),
  form: z.string().nullable(),
  topicIndex: z.number().nullable(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  credit: z.string(),
  durationSec: z.number().nullable(),
  posterUrl: z.string().nullable(),
  /** The posters by width (`url 480w, url 1280w`) when a small one exists; null: `posterUrl` alone. */
  posterSrcset: z.string().nullable(),
  publishedAt: z.string(),
});

/** A page of the public gallery, with counts for its filters. */
export const galleryPageSchema = z.object({
  items: z.array(galleryItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  facets: z.object({
    forms: z.array(z.object({ form: z.string(), count: z.number() })),
    units: z.array(z.object({ unitId: z.number(), unitName: z.string(), count: z.number() })),
    topics: z.array(z.object({ topicIndex: z.number(), count: z.number() })),
  }),
});

/** A published entry as anyone sees it: names and unit only. */
export const publicEntrySchema = z.object({
  id: z.number(),
  code: z.string().nullable(),
  title: z.string(),
  form: z.string().nullable(),
  topicIndex: z.number().nullable(),
  synopsis: z.string(),
  credits: z.object({
    groupName: z.string().nullable(),
    authors: z.array(z.string()),
    unitName: z.string().nullable(),
  }),
  caption: z.string(),
  durationSec: z.number().nullable(),
  posterUrl: z.string().nullable(),
  posterSrcset: z.string().nullable(),
  masterUrl: z.string().nullable(),
  subtitles: z.array(z.object({ lang: z.string(), label: z.string(), url: z.string() })),
  publishedAt: z.string(),
  contest: z.object({ slug: z.string(), name: z.string() }),
});
export type PublicEntryView = z.infer<typeof publicEntrySchema>;

export const publicationRowSchema = z.object({
  entryId: z.number(),
  code: z.string().nullable(),
  title: z.string(),
  unitName: z.string().nullable(),
  reviewStatus: z.string().nullable(),
  ready: z.boolean(),
  state: z.enum(['unpublished', 'published', 'withdrawn']),
  caption: z.string().nullable(),
  publishedAt: z.string().nullable(),
  unpublishReason: z.string().nullable(),
  publicUrl: z.string().nullable(),
});

export const publishResultSchema = z.object({
  published: z.array(z.number()),
  skipped: z.array(
    z.object({
      entryId: z.number(),
      code: z.string().nullable(),
      reason: z.enum(['notApproved', 'notReady', 'alreadyPublished']),
    }),
  ),
});

export const reportRowSchema = z.object({
  id: z.number(),
  entryId: z.number(),
  entryCode: z.string().nullable(),
  entryTitle: z.string(),
  published: z.boolean(),
  kind: z.string(),
  reason: z.string(),
  contact: z.string(),
  status: z.enum(['open', 'dismissed', 'upheld']),
  outcome: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});

export const newsPostSchema = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
  updatedAt: z.string(),
});
