/**
 * R9: the matched time ranges of an originality flag (`originality_flags.ranges_json`), as stored and as any API or
 * screen reads them. Each range says which fingerprint found it: `video` (core/fingerprint-match.ts, meanBits of 64)
 * or `audio` (core/audio-fingerprint-match.ts, meanBits of 32). Rows written before the audio fingerprint existed
 * have no `kind`: they are video ranges.
 */
import { z } from 'zod';

export const FLAG_RANGE_KINDS = ['video', 'audio'] as const;

export const flagRangeSchema = z.object({
  kind: z.enum(FLAG_RANGE_KINDS).default('video'),
  /** Seconds in the screened upload. */
  aStartSec: z.number(),
  aEndSec: z.number(),
  /** Seconds in the other entry's upload or the reference clip. */
  bStartSec: z.number(),
  bEndSec: z.number(),
  matchedFrames: z.number(),
  /** Mean differing bits of the matched samples: of 64 for video, of 32 for audio. */
  meanBits: z.number(),
});
export type FlagRange = z.output<typeof flagRangeSchema>;
