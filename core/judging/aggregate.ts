/**
 * The arithmetic from a juror's sheet to an entry's figure.
 *
 * 1. A juror's total for an entry is the weighted mean of the criteria. With scale R (resultScale: the criteria's
 *    common scale, or 0–100 when they differ), weights w_c, W = Σ w_c and each criterion's scale [min_c, max_c]:
 *        total = R.min + (R.max − R.min) · Σ_c (w_c / W) · (s_c − min_c) / (max_c − min_c)
 *    which, when every criterion shares R, is simply Σ_c w_c · s_c / W.
 * 2. Optional z-score normalization per juror (a juror who scores everything high, or everything close together, is
 *    put on the same footing as the others). Over the totals of the round (abstentions left out): juror j's mean μ_j
 *    and population standard deviation σ_j, and the pooled mean μ and deviation σ of all totals. Then
 *        normalized = clamp(μ + σ · (total − μ_j) / σ_j, R.min, R.max)
 *    A juror whose totals do not vary (σ_j = 0, or a single total) expressed no preference: z = 0, every total of
 *    theirs becomes μ. Clamping keeps a figure on the scale; a clamped value is marked in the explanation.
 * 3. Across the jurors of an entry: the mean, the median (even count: the mean of the two middle values), or the
 *    trimmed mean: drop one highest and one lowest value and take the mean of the rest. With fewer than 3 values
 *    nothing would be left to trust, so the plain mean is taken and the explanation says so.
 */
import type { Aggregation } from './ranking-method.ts';
import { resultScale, type RoundRubric } from './rubric.ts';
import { mean, median, populationSd } from './statistics.ts';

export interface JurorSheet {
  jurorId: number;
  entryId: number;
  abstained: boolean;
  /** By criterion key; every criterion is present in a sheet that counts. */
  values: Readonly<Record<string, number | null | undefined>>;
}

/** The rubric turned into the coefficients of the formula above, computed once per ranking. */
export interface TotalFormula {
  keys: string[];
  mins: number[];
  coefficients: number[];
  scale: { min: number; max: number };
}

export function totalFormula(rubric: RoundRubric): TotalFormula {
  const scale = resultScale(rubric);
  const w = rubric.criteria.reduce((s, c) => s + c.weight, 0);
  return {
    keys: rubric.criteria.map((c) => c.key),
    mins: rubric.criteria.map((c) => c.min),
    coefficients: rubric.criteria.map((c) => ((c.weight / w) * (scale.max - scale.min)) / (c.max - c.min)),
    scale,
  };
}

/** The juror's total, or null when a criterion has no score. */
export function jurorTotal(f: TotalFormula, values: JurorSheet['values']): number | null {
  let t = f.scale.min;
  for (let i = 0; i < f.keys.length; i++) {
    const v = values[f.keys[i]!];
    if (v === null || v === undefined) return null;
    t += f.coefficients[i]! * (v - f.mins[i]!);
  }
  return t;
}

export interface JurorStats {
  jurorId: number;
  count: number;
  mean: number;
  sd: number;
}

export interface Normalization {
  pooledMean: number;
  pooledSd: number;
  jurors: JurorStats[];
  /** Normalized totals, aligned with the input. */
  values: number[];
  clamped: boolean[];
}

export function normalize(
  totals: readonly { jurorId: number; total: number }[],
  scale: { min: number; max: number },
): Normalization {
  const all = totals.map((t) => t.total);
  const pooledMean = mean(all);
  const pooledSd = populationSd(all, pooledMean);
  const byJuror = new Map<number, number[]>();
  for (const t of totals) {
    let list = byJuror.get(t.jurorId);
    if (!list) byJuror.set(t.jurorId, (list = []));
    list.push(t.total);
  }
  const stats = new Map<number, JurorStats>();
  for (const [jurorId, list] of byJuror) {
    const m = mean(list);
    stats.set(jurorId, { jurorId, count: list.length, mean: m, sd: populationSd(list, m) });
  }
  const values: number[] = [];
  const clamped: boolean[] = [];
  for (const t of totals) {
    const s = stats.get(t.jurorId)!;
    // Below 1e-9 a spread is rounding noise from the weighted sums, not a preference.
    const z = s.sd > 1e-9 ? (t.total - s.mean) / s.sd : 0;
    const v = pooledMean + pooledSd * z;
    const c = Math.min(scale.max, Math.max(scale.min, v));
    values.push(c);
    clamped.push(c !== v);
  }
  return {
    pooledMean,
    pooledSd,
    jurors: [...stats.values()].sort((a, b) => a.jurorId - b.jurorId),
    values,
    clamped,
  };
}

export type ValueUse = 'counted' | 'dropped_low' | 'dropped_high';

export interface Combined {
  value: number;
  /** Aligned with the input. */
  uses: ValueUse[];
  /** For the trimmed mean: whether one highest and one lowest were dropped, or there were too few to drop. */
  trim: 'applied' | 'too_few' | null;
}

/** Combines one entry's values across jurors. Equal values are dropped by their order in the input (juror order). */
export function combine(values: readonly number[], aggregation: Aggregation): Combined {
  const uses = new Array<ValueUse>(values.length).fill('counted');
  if (values.length === 0) return { value: NaN, uses, trim: aggregation === 'trimmed_mean' ? 'too_few' : null };
  if (aggregation === 'mean') return { value: mean(values), uses, trim: null };
  if (aggregation === 'median') return { value: median(values), uses, trim: null };
  if (values.length < 3) return { value: mean(values), uses, trim: 'too_few' };
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < values.length; i++) {
    if (values[i]! < values[lo]!) lo = i;
    if (values[i]! > values[hi]!) hi = i;
  }
  // All equal: lo and hi are the same index; drop two different values anyway.
  if (lo === hi) hi = lo === 0 ? 1 : 0;
  uses[lo] = 'dropped_low';
  uses[hi] = 'dropped_high';
  let s = 0;
  for (let i = 0; i < values.length; i++) if (i !== lo && i !== hi) s += values[i]!;
  return { value: s / (values.length - 2), uses, trim: 'applied' };
}
