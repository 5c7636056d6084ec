/**
 * The contest's judging settings (proposed as `judging` in the contest settings, stored in `contests.judging_json`;
 * see docs/decisions/0020-judging.md). Absent in stored contests: the defaults apply.
 */
import { z } from 'zod';
import { DEFAULT_EVERYONE_UP_TO } from './assignment.ts';

/** When a juror sees the other jurors' scores: once they submitted their own, or only once the round is locked. */
export const OTHERS_SCORES = ['after_own_submission', 'after_round_locked'] as const;
export type OthersScores = (typeof OTHERS_SCORES)[number];

export const judgingSettingsSchema = z.object({
  /** Jurors see no author, unit, phone, address or account: entries are known by their blind code (blind.ts). */
  blind: z.boolean().default(false),
  othersScores: z.enum(OTHERS_SCORES).default('after_own_submission'),
  /** A new round defaults to everyone scoring everything up to this many entries, to a balanced assignment above. */
  everyoneUpTo: z.number().int().min(1).max(10_000).default(DEFAULT_EVERYONE_UP_TO),
});
export type JudgingSettings = z.infer<typeof judgingSettingsSchema>;
