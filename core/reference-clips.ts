import { z } from 'zod';
import { titleText } from './text-fields.ts';

/** R9: the reference library's clips are stored as fingerprints only; the file itself is not kept. */
export const REFERENCE_CLIP_MAX_BYTES = 4 * 1024 ** 3;
export const REFERENCE_CLIP_TYPES = { 'video/mp4': 'mp4', 'video/quicktime': 'mov' } as const;

export const referenceClipInputSchema = z.object({
  title: titleText(1, 300),
  /** Where the clip comes from: an earlier contest, a broadcaster, a link. */
  source: titleText(1, 1000),
});
export type ReferenceClipInput = z.infer<typeof referenceClipInputSchema>;

export const referenceMatchSchema = z.object({
  entryId: z.number(),
  code: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  /** Per cent of the shorter of the two covered by matched ranges. */
  score: z.number(),
  flaggedAt: z.string(),
});

export const referenceClipViewSchema = z.object({
  id: z.number(),
  title: z.string(),
  source: z.string(),
  durationSec: z.number(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** The entries whose current file matched this clip, best match first. */
  matches: z.array(referenceMatchSchema),
});
export type ReferenceClipView = z.infer<typeof referenceClipViewSchema>;
