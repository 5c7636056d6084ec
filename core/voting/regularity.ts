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
 * For arrival times in order: whether their gaps are regular, and which arrivals are on the beat. The beat is the
 * median of the gaps near the overall median (honest arrivals in between split gaps and would drag a plain median
 * down). The run is followed back from the last arrival, each step to the earlier arrival closest to one beat
 * before; a grid is then fitted through that chain, and on each beat of the grid the arrival closest to it is the
 * scripted one. So an honest arrival between scripted ones is left out unless it sits closer to the grid than the
 * script does. The last arrival is not marked, nor the first unless `judgeFirst` (nothing came before it): either
 * could be an honest vote standing where a scripted one is about to come or has just left the window; each is judged
 * by the checks in which it sits inside the window. A run must hold at least half of the arrivals.
 */
export function regularRun(
  times: readonly number[],
  maxDispersion: number,
  judgeFirst = true,
): { regular: boolean; members: boolean[] } {
  const none = { regular: false, members: times.map(() => false) };
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const d = gapDispersion(gaps);
  if (!(d <= maxDispersion)) return none;
  const m0 = median(gaps);
  const core = gaps.filter((g) => Math.abs(g - m0) <= 0.25 * m0);
  const beat = median(core);
  const spread = median(core.map((g) => Math.abs(g - beat)));
  // A gap carries the jitter of two arrivals, a place on the grid that of one.
  const tolerance = Math.max(4 * spread, 0.05 * beat);
  const onGrid = Math.max(3 * spread, 0.03 * beat);

  const chain = [times.length - 1];
  for (let j = times.length - 1; ;) {
    let best = -1;
    let bestDiff = Infinity;
    for (let k = j - 1; k >= 0 && times[j]! - times[k]! <= beat + tolerance; k--) {
      const diff = Math.abs(times[j]! - times[k]! - beat);
      if (diff <= tolerance && diff < bestDiff) {
        best = k;
        bestDiff = diff;
      }
    }
    if (best < 0) break;
    chain.push(best);
    j = best;
  }
  if (chain.length * 2 < times.length) return none;

  // The grid through the chain: beat n of the chain (counting back from the last arrival) at offset − n × period.
  chain.reverse();
  const first = times[chain[0]!]!;
  const period = (times[chain.at(-1)!]! - first) / (chain.length - 1);
  const offset = chain.reduce((sum, idx, n) => sum + times[idx]! - n * period, 0) / chain.length;
  const members = times.map(() => false);
  for (let n = 0; n < chain.length; n++) {
    const expected = offset + n * period;
    let best = -1;
    let bestDiff = onGrid;
    for (let i = 0; i < times.length; i++) {
      const diff = Math.abs(times[i]! - expected);
      if (diff <= bestDiff) {
        best = i;
        bestDiff = diff;
      }
    }
    const unjudged = best === times.length - 1 || (best === 0 && !judgeFirst);
    if (best >= 0 && !unjudged) members[best] = true;
  }
  return { regular: true, members };
}
