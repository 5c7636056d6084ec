import { z } from 'zod';
import { phaseListSchema } from './phases.ts';
import { isValidTimeZone } from './time.ts';
import { titleText } from './text-fields.ts';
import { votingSettingsSchema } from './voting/settings.ts';

/** R5: the forms an entry may take. */
export const ENTRY_FORMS = ['video_clip', 'report', 'skit', 'staged', 'real_footage', 'animation'] as const;
export type EntryForm = (typeof ENTRY_FORMS)[number];

export const CONTAINERS = ['mp4'] as const;

const resolutionSchema = z.object({
  width: z.number().int().min(16).max(8192),
  height: z.number().int().min(16).max(8192),
});

/** R6, R7 and the per-category quotas (R2, R3), as the organizers configure them. */
export const entryRulesSchema = z
  .object({
    allowedForms: z.array(z.enum(ENTRY_FORMS)).min(1),
    minDurationSec: z.number().int().min(1),
    maxDurationSec: z.number().int().min(1),
    allowedResolutions: z.array(resolutionSchema).min(1),
    aspectRatio: z.object({ width: z.number().int().min(1), height: z.number().int().min(1) }),
    containers: z.array(z.enum(CONTAINERS)).min(1),
    maxSizeBytes: z.number().int().min(1),
    /** Minutes after the submission deadline during which an upload started in time may still finish (R10). */
    uploadGraceMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
  })
  .refine((r) => r.maxDurationSec >= r.minDurationSec, { path: ['maxDurationSec'], message: 'rules.maxBelowMin' });
export type EntryRules = z.infer<typeof entryRulesSchema>;

export const PRIZE_KINDS = ['jury', 'public_vote'] as const;
export const prizeSchema = z.object({
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).optional(),
  kind: z.enum(PRIZE_KINDS),
  count: z.number().int().min(1).max(100),
  /** Prize money per winner, in đồng. */
  amountVnd: z.number().int().min(0),
  /**
   * For a public-vote prize: whether it may go to an entry that also won a jury prize (if not, it goes to the most
   * voted entry without one). The plan is silent; absent means yes. Fixed with the rules, before the votes are in,
   * and stated on the results. Ignored on a jury prize.
   */
  openToJuryWinners: z.boolean().optional(),
});
export type Prize = z.infer<typeof prizeSchema>;

export const rubricCriterionSchema = z.object({
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).optional(),
  weight: z.number().positive().max(100),
  scaleMax: z.number().int().min(1).max(100),
});
export const rubricSchema = z
  .array(rubricCriterionSchema)
  .max(30)
  .refine((c) => c.length === 0 || Math.abs(c.reduce((s, x) => s + x.weight, 0) - 100) < 1e-6, {
    message: 'rubric.weightsNot100',
  });
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;

export const unitCategorySchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,39}$/),
    name: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().max(200).optional(),
    minEntries: z.number().int().min(0).max(100),
    maxEntries: z.number().int().min(1).max(100),
  })
  .refine((c) => c.maxEntries >= c.minEntries, { path: ['maxEntries'], message: 'quota.maxBelowMin' });
export type UnitCategory = z.infer<typeof unitCategorySchema>;

export const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug.format')
  .min(3)
  .max(80);

export const contestSettingsSchema = z.object({
  name: titleText(3, 300),
  theme: z.string().trim().min(1).max(4000),
  topics: z.array(z.string().trim().min(1).max(2000)).max(30),
  rulesMarkdown: z.string().max(100_000),
  timeZone: z.string().refine(isValidTimeZone, 'timeZone.invalid'),
  entryRules: entryRulesSchema,
  prizes: z.array(prizeSchema).max(50),
  rubric: rubricSchema,
  /** How many entries any participant outside a unit (a person, an organization) may submit (R3). */
  maxEntriesPerPerson: z.number().int().min(1).max(100),
  /**
   * How many reviewers must agree before an entry is approved, rejected or returned (R11): 1 or 2. Absent in a
   * request: the stored value is kept (a new contest gets 1).
   */
  reviewsRequired: z.union([z.literal(1), z.literal(2)]).optional(),
  /**
   * Public voting (ADR 0021): absent in a request, the stored settings are kept; absent in storage (a contest made
   * before voting existed), `resolveVotingSettings` gives the defaults. Any field left out takes its default.
   */
  voting: votingSettingsSchema.optional(),
});
export type ContestSettings = z.infer<typeof contestSettingsSchema>;

export const contestCreateSchema = contestSettingsSchema.extend({
  slug: slugSchema,
  phases: phaseListSchema,
  unitCategories: z.array(unitCategorySchema).max(20),
});
export type ContestCreate = z.infer<typeof contestCreateSchema>;

/** The plan's technical rules (R6, R7) as a starting point for a new contest. */
export function defaultEntryRules(): EntryRules {
  return {
    allowedForms: [...ENTRY_FORMS],
    minDurationSec: 5 * 60,
    maxDurationSec: 10 * 60,
    allowedResolutions: [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ],
    aspectRatio: { width: 16, height: 9 },
    containers: ['mp4'],
    maxSizeBytes: 4 * 1024 ** 3,
    uploadGraceMinutes: 60,
  };
}

export function totalPrizeMoney(prizes: readonly Prize[]): number {
  return prizes.reduce((sum, p) => sum + p.count * p.amountVnd, 0);
}
