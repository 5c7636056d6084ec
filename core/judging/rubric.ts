/**
 * The rubric of a judging round: criteria with weights, each on its own scale (lowest, highest, step), and when a
 * juror must explain a score with a comment. A round keeps its own copy (the contest's rubric is the starting point),
 * frozen once the round opens, so that every stored score refers to criteria that do not move under it.
 */
import { z } from 'zod';
import type { RubricCriterion } from '../contest.ts';
import { localizeIssue } from '../validation-messages.ts';
import { problem, type Problem } from './messages.ts';
import { roundTo } from './statistics.ts';

/** Steps a scale may have. With whole-number ends, each divides the span, so the highest score is always reachable. */
export const SCALE_STEPS = [0.1, 0.25, 0.5, 1] as const;
export const MAX_CRITERIA = 30;
/** A required comment (and an abstention's reason) needs at least this many characters. */
export const MIN_COMMENT_LENGTH = 10;

/**
 * When a comment is required: never, always, or when the score is strictly below `below` or strictly above `above`
 * (either or both), e.g. "explain any score under 4 or over 9".
 */
export const commentRuleSchema = z.discriminatedUnion('when', [
  z.object({ when: z.literal('never') }),
  z.object({ when: z.literal('always') }),
  z.object({
    when: z.literal('outside'),
    below: z.number().finite().optional(),
    above: z.number().finite().optional(),
  }),
]);
export type CommentRule = z.infer<typeof commentRuleSchema>;

export const criterionSchema = z.object({
  /** Stable within the round: scores are stored under it. */
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).optional(),
  /** What the juror looks for, shown under the criterion and printed on the paper sheet. */
  guidance: z.string().trim().max(2000).optional(),
  weight: z.number().positive().max(100),
  min: z.number().int().min(0).max(999),
  max: z.number().int().min(1).max(1000),
  step: z.literal(SCALE_STEPS),
  comment: commentRuleSchema.default({ when: 'never' }),
});
export type Criterion = z.infer<typeof criterionSchema>;

const rubricShape = z.object({ criteria: z.array(criterionSchema) });

/** The stored and transmitted form; every rule of `rubricProblems` is enforced (its messages name the criterion). */
export const roundRubricSchema = rubricShape.superRefine((r, ctx) => {
  for (const p of crossFieldProblems(r.criteria)) {
    // The sum of weights keeps the code the contest settings already localize.
    const message = p.problem.code === 'rubric.weights' ? 'rubric.weightsNot100' : p.problem.code;
    ctx.addIssue({ code: 'custom', path: p.path, message, params: p.problem.params });
  }
});
export type RoundRubric = z.infer<typeof roundRubricSchema>;

/** The contest's rubric (name, weight, highest score) as a round's starting point: scale from 0, whole steps. */
export function rubricFromContest(criteria: readonly RubricCriterion[]): RoundRubric {
  return {
    criteria: criteria.map((c, i) => ({
      key: `c${i + 1}`,
      name: c.name,
      ...(c.nameEn ? { nameEn: c.nameEn } : {}),
      weight: c.weight,
      min: 0,
      max: c.scaleMax,
      step: 1,
      comment: { when: 'never' },
    })),
  };
}

export function criterionLabel(c: Pick<Criterion, 'name' | 'nameEn'>): { vi: string; en: string } {
  return { vi: c.name, en: c.nameEn || c.name };
}

const FIELD_LABELS: Record<string, { vi: string; en: string }> = {
  key: { vi: 'mã', en: 'key' },
  name: { vi: 'tên', en: 'name' },
  nameEn: { vi: 'tên tiếng Anh', en: 'English name' },
  guidance: { vi: 'hướng dẫn chấm', en: 'guidance' },
  weight: { vi: 'trọng số', en: 'weight' },
  min: { vi: 'điểm thấp nhất', en: 'lowest score' },
  max: { vi: 'điểm cao nhất', en: 'highest score' },
  step: { vi: 'bước chấm', en: 'step' },
  comment: { vi: 'nhận xét bắt buộc', en: 'required comment' },
};

/**
 * Everything wrong with a rubric, each message naming the criterion and the fix. Empty: the rubric is valid
 * (`roundRubricSchema` parses it).
 */
export function rubricProblems(input: unknown): Problem[] {
  const parsed = rubricShape.safeParse(input);
  if (parsed.success) return crossFieldProblems(parsed.data.criteria).map((p) => p.problem);
  const raw = (input as { criteria?: unknown })?.criteria;
  return parsed.error.issues.map((issue) => {
    const { path, ...rest } = issue;
    const detail = { vi: localizeIssue(rest, 'vi'), en: localizeIssue(rest, 'en') };
    const [head, index, field] = path;
    if (head === 'criteria' && typeof index === 'number') {
      const c = Array.isArray(raw)
        ? (raw[index] as { key?: unknown; name?: unknown; nameEn?: unknown } | undefined)
        : undefined;
      const name = typeof c?.name === 'string' && c.name.trim() ? c.name.trim() : `#${index + 1}`;
      const nameEn = typeof c?.nameEn === 'string' && c.nameEn.trim() ? c.nameEn.trim() : name;
      const label = FIELD_LABELS[String(field)] ?? { vi: String(field ?? ''), en: String(field ?? '') };
      return problem(
        'rubric.field',
        { criterion: { vi: name, en: nameEn }, field: label, detail },
        { criterion: name },
      );
    }
    return problem('rubric.other', { field: path.join('.'), detail });
  });
}

interface PathProblem {
  path: (string | number)[];
  problem: Problem;
}

function crossFieldProblems(criteria: readonly Criterion[]): PathProblem[] {
  const out: PathProblem[] = [];
  const add = (path: (string | number)[], p: Problem) => out.push({ path, problem: p });
  if (criteria.length === 0) add(['criteria'], problem('rubric.empty'));
  if (criteria.length > MAX_CRITERIA)
    add(['criteria'], problem('rubric.tooMany', { count: criteria.length, max: MAX_CRITERIA }));
  const keys = new Set<string>();
  const names = new Set<string>();
  criteria.forEach((c, i) => {
    const criterion = criterionLabel(c);
    const about = { criterion: c.key };
    if (keys.has(c.key)) add(['criteria', i, 'key'], problem('rubric.keyDuplicate', { key: c.key }, about));
    keys.add(c.key);
    const folded = c.name.normalize('NFC').toLowerCase();
    if (names.has(folded)) add(['criteria', i, 'name'], problem('rubric.nameDuplicate', { criterion }, about));
    names.add(folded);
    if (c.min >= c.max)
      add(['criteria', i, 'max'], problem('rubric.scaleEmpty', { criterion, min: c.min, max: c.max }, about));
    if (c.comment.when === 'outside') {
      const { below, above } = c.comment;
      if (below === undefined && above === undefined)
        add(['criteria', i, 'comment'], problem('rubric.thresholdMissing', { criterion }, about));
      for (const threshold of [below, above]) {
        if (threshold !== undefined && (threshold < c.min || threshold > c.max))
          add(
            ['criteria', i, 'comment'],
            problem('rubric.thresholdOutside', { criterion, threshold, min: c.min, max: c.max }, about),
          );
      }
      if (below !== undefined && above !== undefined && below > above)
        add(['criteria', i, 'comment'], problem('rubric.thresholdsCross', { criterion, below, above }, about));
    }
  });
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  if (criteria.length > 0 && Math.abs(total - 100) > 1e-6)
    add(['criteria'], problem('rubric.weights', { total: roundTo(total, 3) }));
  return out;
}

/** Inside the scale, ends included. */
export function onScale(c: Criterion, v: number): boolean {
  return v >= c.min && v <= c.max;
}

/** On one of the scale's steps (counted from its lowest score). */
export function onStep(c: Criterion, v: number): boolean {
  const k = (v - c.min) / c.step;
  return Math.abs(k - Math.round(k)) < 1e-9;
}

/** The steps either side of an off-step value, for the message that offers them. */
export function neighbourSteps(c: Criterion, v: number): [number, number] {
  const k = Math.floor((v - c.min) / c.step + 1e-9);
  const lower = roundTo(Math.max(c.min, c.min + k * c.step), 2);
  return [lower, roundTo(Math.min(c.max, lower + c.step), 2)];
}

export type CommentNeed = { kind: 'always' } | { kind: 'below' | 'above'; threshold: number };

/** Whether this score needs a comment under the criterion's rule; null when it does not. */
export function commentNeed(c: Criterion, v: number | null): CommentNeed | null {
  const rule = c.comment;
  if (rule.when === 'always') return { kind: 'always' };
  if (rule.when !== 'outside' || v === null) return null;
  if (rule.below !== undefined && v < rule.below) return { kind: 'below', threshold: rule.below };
  if (rule.above !== undefined && v > rule.above) return { kind: 'above', threshold: rule.above };
  return null;
}

/**
 * The scale of a juror's total: the criteria's common scale when they all share one; otherwise 0–100 (each
 * criterion counted as the share of its own scale it reached).
 */
export function resultScale(rubric: RoundRubric): { min: number; max: number } {
  const [first] = rubric.criteria;
  if (first && rubric.criteria.every((c) => c.min === first.min && c.max === first.max))
    return { min: first.min, max: first.max };
  return { min: 0, max: 100 };
}
