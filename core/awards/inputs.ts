/**
 * What the awards endpoints accept (the committee's decisions and the reasons of its steps). The reason's length is
 * checked by the services (`awards.reasonTooShort` names the rule), not here, so that the refusal says why.
 */
import { z } from 'zod';
import { MIN_REASON_CHARS } from './committee-decisions.ts';
import { nfc } from '../normalize.ts';

const reason = z
  .string()
  .max(2000)
  .transform((s) => nfc(s.trim()));

export const tieDecisionInputSchema = z.object({
  /** All the tied entries, best first. */
  order: z.array(z.number().int().positive()).min(2).max(100),
  reason,
});

export const revocationInputSchema = z.object({
  entryId: z.number().int().positive(),
  prizeIndex: z.number().int().min(0).max(49),
  reason,
});

export const stepReasonInputSchema = z.object({ reason });

export const tieIdSchema = z.string().regex(/^(jury|vote):\d+(-\d+)+$/);

export function reasonLongEnough(r: string): boolean {
  return nfc(r.trim()).length >= MIN_REASON_CHARS;
}
