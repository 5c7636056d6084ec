/**
 * Decisions of the organizing committee that allocation applies, each recorded with its reason: the order of entries
 * tied at a prize boundary, and the revocation of a prize already given (a winner withdrawn or disqualified after
 * the results were announced, when the committee chooses not to move the others up).
 */
import { z } from 'zod';
import { nfc } from '../normalize.ts';

export const MIN_REASON_CHARS = 10;

export const decisionReasonSchema = z
  .string()
  .trim()
  .transform(nfc)
  .pipe(z.string().min(MIN_REASON_CHARS, 'awards.reasonTooShort').max(2000));

const entryId = z.number().int().positive();

export const committeeDecisionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('breakTie'),
    /** The tie's id as allocation reported it ("jury:12-15-31"). */
    tieId: z.string().regex(/^(jury|vote):\d+(-\d+)+$/),
    /** All the tied entries, best first. */
    order: z.array(entryId).min(2).max(100),
    reason: decisionReasonSchema,
  }),
  z.object({
    kind: z.literal('revoke'),
    entryId,
    /** Index of the prize in the contest's structure. */
    prizeIndex: z.number().int().min(0).max(49),
    reason: decisionReasonSchema,
  }),
]);
export type CommitteeDecision = z.infer<typeof committeeDecisionSchema>;
export type BreakTie = Extract<CommitteeDecision, { kind: 'breakTie' }>;
export type Revoke = Extract<CommitteeDecision, { kind: 'revoke' }>;

/** Why a recorded decision did not change this allocation. */
export type UnusedReason =
  /** No such tie now: an entry joined or left it, or the scores changed. */
  | 'noSuchTie'
  /** The order does not list exactly the tied entries. */
  | 'orderMismatch'
  /** The entry does not hold that prize. */
  | 'notAWinner'
  /** A later decision on the same tie or prize replaced it. */
  | 'superseded';
