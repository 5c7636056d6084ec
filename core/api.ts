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
