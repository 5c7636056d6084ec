/**
 * Fitting a line of variable length into a fixed box (a long unit name on a certificate, a long entry title): the
 * largest size from a list at which the text, broken at spaces, takes at most `maxLines` lines of `maxWidth`.
 * The renderer passes its font's measure (pdfkit's widthOfString), so this stays pure and testable.
 */

export interface FitOptions {
  maxWidth: number;
  maxLines: number;
  /** Sizes to try, largest first, e.g. [26, 24, 22, 20, 18, 16]. */
  sizes: readonly number[];
}

export interface Fitted {
  size: number;
  lines: string[];
  /** False when even the smallest size needs more lines: the lines are all there, the box overflows. */
  fits: boolean;
}

export type Measure = (text: string, size: number) => number;

/** Greedy line breaking at spaces; a single word wider than the line stays on a line of its own. */
export function breakLines(text: string, size: number, maxWidth: number, measure: Measure): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const candidate = line ? `${line} ${w}` : w;
    if (!line || measure(candidate, size) <= maxWidth) line = candidate;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function fitText(text: string, o: FitOptions, measure: Measure): Fitted {
  if (o.sizes.length === 0) throw new RangeError('No sizes to try.');
  for (const size of o.sizes) {
    const lines = breakLines(text, size, o.maxWidth, measure);
    if (lines.length <= o.maxLines && lines.every((l) => measure(l, size) <= o.maxWidth))
      return { size, lines, fits: true };
  }
  const size = o.sizes[o.sizes.length - 1]!;
  return { size, lines: breakLines(text, size, o.maxWidth, measure), fits: false };
}
