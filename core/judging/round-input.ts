/**
 * What the staff screens send to create or change a round, appoint its jurors, recuse, declare a conflict and break a
 * tie. A balanced assignment's seed is drawn by the server, never sent.
 */
import { z } from 'zod';
import { nfc } from '../normalize.ts';
import { rankingMethodSchema } from './ranking-method.ts';
import { entrySetSchema } from './round.ts';
import { roundRubricSchema } from './rubric.ts';
import { OTHERS_SCORES } from './settings.ts';

const iso = z.iso.datetime({ offset: true });
/** Its length is checked by the service, whose message names the rule (`judging.reasonRequired`). */
const reason = z.string().trim().max(4000).transform(nfc);

export const roundInputSchema = z.object({
  name: z.string().trim().min(1).max(200).transform(nfc),
  nameEn: z.string().trim().max(200).optional(),
  window: z.object({ startsAt: iso, endsAt: iso }).optional(),
  entrySet: entrySetSchema.optional(),
  rubric: roundRubricSchema.optional(),
  assignment: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('everyone') }),
      z.object({ mode: z.literal('balanced'), perEntry: z.number().int().min(1).max(50) }),
    ])
    .optional(),
  method: rankingMethodSchema.optional(),
});
export type RoundInput = z.infer<typeof roundInputSchema>;

export const roundJurorsInputSchema = z.object({
  jurors: z
    .array(
      z.object({
        userId: z.number().int().positive(),
        isChair: z.boolean().default(false),
        unitId: z.number().int().positive().nullable().default(null),
        /** The juror's workplace as written, for the automatic same-unit conflict. */
        unitName: z.string().trim().max(200).transform(nfc).nullable().default(null),
        mode: z.enum(['online', 'paper']).default('online'),
      }),
    )
    .max(100),
});
export type RoundJurorsInput = z.infer<typeof roundJurorsInputSchema>;

export const reasonInputSchema = z.object({ reason: reason });

/**
 * The chair's shortlist for the round after theirs, from the previous round: its top `n`, or the entries they choose
 * by reference (blind code in blind mode; the chair never knows entry ids), with the reason recorded.
 */
export const shortlistInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('top_n'),
    n: z.number().int().min(1).max(10_000),
    includeBoundaryTies: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('chosen'), refs: z.array(z.string().min(1).max(40)).min(1).max(10_000), reason }),
]);
export type ShortlistInput = z.infer<typeof shortlistInputSchema>;

export const recusalInputSchema = z.object({
  jurorUserId: z.number().int().positive(),
  /** The entry as the chair sees it: its blind code in blind mode, else its code. */
  ref: z.string().min(1).max(40),
  reason,
});

/** The chair's order of tied entries, best first, by reference. */
export const tieDecisionInputSchema = z.object({
  order: z.array(z.string().min(1).max(40)).min(2).max(1000),
  reason,
});

export const judgingSettingsInputSchema = z.object({
  blind: z.boolean(),
  othersScores: z.enum(OTHERS_SCORES),
  everyoneUpTo: z.number().int().min(1).max(10_000),
});
