import { z } from 'zod';
import { cleanText, isInvisibleText } from './normalize.ts';

/**
 * A title or name: stored in NFC without bidirectional controls and trimmed; refused (`text.invisible`) when it holds
 * only spaces and zero-width characters, which would show as a blank title or a nameless author. `min` 0 lets a draft
 * leave it empty.
 */
export function titleText(min: number, max: number) {
  return z
    .string()
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .refine((v) => v === '' || !isInvisibleText(v), 'text.invisible'),
    );
}
