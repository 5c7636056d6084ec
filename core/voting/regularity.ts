/**
 * Machine-like timing. People arrive at random: the gaps between their votes vary about as much as the gaps
 * themselves (for random arrivals the median absolute deviation is near 0.7 of the median gap, however many people
 * share a source). A script that waits a fixed time between votes leaves gaps that barely vary. The median absolute
 * deviation ignores a few odd gaps, so an honest vote slipped between scripted ones does not hide them.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation of the gaps over their median; NaN when there are no gaps or they are all zero. */
export function gapDispersion(gaps: readonly number[]): number {
  const m = median(gaps);
  if (!(m > 0)) return NaN;
  return median(gaps.map((g) => Math.abs(g - m))) / m;
}

/**
 * For arrival times in order: whether their gaps are regular, and which arrivals belong to the regular run (those
 * with a gap next to them within the tolerance of the median gap).
 */
export function regularRun(times: readonly number[], maxDispersion: number): { regular: boolean; members: boolean[] } {
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const d = gapDispersion(gaps);
  if (!(d <= maxDispersion)) return { regular: false, members: times.map(() => false) };
  const m = median(gaps);
  const tolerance = Math.max(2 * d * m, 0.05 * m);
  const fits = gaps.map((g) => Math.abs(g - m) <= tolerance);
  return { regular: true, members: times.map((_, i) => (i > 0 && fits[i - 1]!) || (i < gaps.length && fits[i]!)) };
}
