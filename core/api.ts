/** Response contracts of the HTTP API, shared by the server (serialization, OpenAPI) and the web app. */
import { z } from 'zod';
import { ENTRY_FORMS, entryRulesSchema, prizeSchema, rubricCriterionSchema } from './contest.ts';
import { PHASE_KINDS, phaseSchema } from './phases.ts';
import { CONTEST_ROLES, ROSTER_BODIES } from './roles.ts';

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const okSchema = z.object({ ok: z.literal(true) });

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
  phaseState: contestViewSchema.shape.phaseState,
  currentPhase: z.enum(PHASE_KINDS).nullable(),
});

export const unitViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  contactEmail: z.string().nullable(),
  categoryCode: z.string(),
  categoryName: z.string(),
});

export const rosterMemberViewSchema = z.object({
  id: z.number(),
  body: z.enum(ROSTER_BODIES),
  fullName: z.string(),
  position: z.string().nullable(),
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
  outcome: z.string(),
  details: z.unknown(),
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
  verdict: z.object({ ok: z.boolean(), failures: z.array(videoFailureViewSchema), probe: z.unknown() }).passthrough().nullable(),
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
});

export const myEntrySchema = z.object({
  id: z.number(), code: z.string().nullable(), status: z.string(), title: z.string(), contestSlug: z.string(), contestName: z.string(),
  unitName: z.string().nullable(), submittedAt: z.string().nullable(), updatedAt: z.string(),
});

export const contestEntryRowSchema = z.object({
  id: z.number(), code: z.string().nullable(), status: z.string(), title: z.string(), form: z.string().nullable(), partyKind: z.string(), isIntake: z.boolean(),
  unitId: z.number().nullable(), unitName: z.string().nullable(), entrantName: z.string(), fileStatus: z.string(), fileFailures: z.array(videoFailureViewSchema),
  submittedAt: z.string().nullable(), updatedAt: z.string(),
});

export const complianceSchema = z.object({
  units: z.array(z.object({ unitId: z.number(), unitName: z.string(), categoryCode: z.string(), categoryName: z.string(), minEntries: z.number(), maxEntries: z.number(), submitted: z.number(), drafts: z.number(), belowMinimum: z.boolean() })),
  belowMinimum: z.array(z.string()),
  refusedFiles: z.number(),
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
});
export type RenditionStatusView = z.infer<typeof renditionStatusSchema>;
