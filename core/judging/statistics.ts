/** The arithmetic of judging, written once: means, median, spread and rounding as the minutes print it. */

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** NaN for an empty list: the callers decide what no score means. */
export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : sum(xs) / xs.length;
}

const ascending = (a: number, b: number) => a - b;

/** The middle value; with an even count, the mean of the two middle values. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort(ascending);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Population standard deviation (divided by n, not n − 1): the jurors' scores are the whole population. */
export function populationSd(xs: readonly number[], m: number = mean(xs)): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / xs.length);
}

/**
 * Rounds half away from zero to `decimals` places. Binary floating point stores 8.125 as 8.12499999…, so the value
 * is nudged by a relative 1e-12 first: far above the error of a few sums, far below any difference a score can make.
 */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** decimals;
  return (Math.sign(x) * Math.round(Math.abs(x) * f * (1 + 1e-12))) / f;
}
