/**
 * How a round turns scores into a ranking: the aggregation across jurors, the optional per-juror normalization, the
 * minimum number of scores an entry needs to be ranked, the places totals are rounded to (ties are judged on the
 * rounded totals, the figures the minutes print), and the order of the tie rules.
 */
import { z } from 'zod';
import { problem, type Problem } from './messages.ts';
import type { RoundRubric } from './rubric.ts';

export const AGGREGATIONS = ['mean', 'median', 'trimmed_mean'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const NORMALIZATIONS = ['none', 'z_score'] as const;
export type Normalization = (typeof NORMALIZATIONS)[number];

/**
 * `criterion`: the higher aggregate of that criterion's raw scores (same aggregation, no normalization) goes first.
 * `chair`: the order the chair recorded, with a reason, for exactly these tied entries.
 */
export const tieRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('criterion'), key: z.string().min(1).max(40) }),
  z.object({ kind: z.literal('chair') }),
]);
export type TieRule = z.infer<typeof tieRuleSchema>;

export const rankingMethodSchema = z.object({
  aggregation: z.enum(AGGREGATIONS),
  normalization: z.enum(NORMALIZATIONS),
  minScores: z.number().int().min(1).max(50),
  decimals: z.number().int().min(0).max(4),
  tieOrder: z.array(tieRuleSchema).max(10),
});
export type RankingMethod = z.infer<typeof rankingMethodSchema>;

export const DEFAULT_RANKING_METHOD: RankingMethod = {
  aggregation: 'mean',
  normalization: 'none',
  minScores: 1,
  decimals: 2,
  tieOrder: [{ kind: 'chair' }],
};

/** A tie rule must name a criterion of the round's rubric. */
export function methodProblems(method: RankingMethod, rubric: RoundRubric): Problem[] {
  const keys = new Set(rubric.criteria.map((c) => c.key));
  return method.tieOrder
    .filter((r): r is Extract<TieRule, { kind: 'criterion' }> => r.kind === 'criterion' && !keys.has(r.key))
    .map((r) => problem('round.tieCriterionUnknown', { key: r.key }));
}
