/**
 * A juror's score sheet for one entry in one round (phiếu chấm): a score per criterion, comments, or an abstention
 * with its reason, and a free note. Saved whole on every change (autosave), so a half-filled sheet must save: only a
 * value that can never be right (off the scale, off its steps, a criterion the round does not have) refuses a save;
 * what is merely unfinished (a missing score, a required comment not yet written) stops the submission only.
 */
import { z } from 'zod';
import { nfc } from '../normalize.ts';
import { problem, type Problem } from './messages.ts';
import {
  commentNeed,
  criterionLabel,
  MIN_COMMENT_LENGTH,
  neighbourSteps,
  onScale,
  onStep,
  type RoundRubric,
} from './rubric.ts';

const MAX_KEYS = 60;
const text = (max: number) => z.string().trim().max(max).transform(nfc);
const fewKeys = (o: object) => Object.keys(o).length <= MAX_KEYS;

export const sheetContentSchema = z.object({
  /** By criterion key; null or absent: not scored yet. */
  values: z.record(z.string().max(40), z.number().finite().nullable()).refine(fewKeys).default({}),
  comments: z.record(z.string().max(40), text(2000)).refine(fewKeys).default({}),
  /** Set when the juror abstains: recorded, not a conflict, and the entry's ranking leaves this juror out. */
  abstain: z
    .object({ reason: text(1000) })
    .nullable()
    .default(null),
  note: text(4000).default(''),
});
export type SheetContent = z.infer<typeof sheetContentSchema>;

/** What the scoring screen sends on each save: the whole sheet and the version it was based on (0: none yet). */
export const scoreSaveSchema = z.object({
  baseVersion: z.number().int().min(0),
  sheet: sheetContentSchema,
});
export type ScoreSave = z.infer<typeof scoreSaveSchema>;

export interface SheetCheck {
  /** The save is refused while any remain. */
  errors: Problem[];
  /** The save is kept, but the sheet cannot be submitted while any remain. */
  pending: Problem[];
}

export function checkSheet(rubric: RoundRubric, sheet: SheetContent): SheetCheck {
  const errors: Problem[] = [];
  const pending: Problem[] = [];
  const known = new Set(rubric.criteria.map((c) => c.key));
  for (const key of new Set([...Object.keys(sheet.values), ...Object.keys(sheet.comments)])) {
    if (!known.has(key)) errors.push(problem('sheet.unknownCriterion', { criterion: key }, { criterion: key }));
  }
  if (sheet.abstain) {
    if (rubric.criteria.some((c) => (sheet.values[c.key] ?? null) !== null))
      errors.push(problem('sheet.abstainWithScores'));
    if (sheet.abstain.reason.length < MIN_COMMENT_LENGTH)
      pending.push(problem('sheet.abstainReason', { min: MIN_COMMENT_LENGTH }));
    return { errors, pending };
  }
  for (const c of rubric.criteria) {
    const criterion = criterionLabel(c);
    const about = { criterion: c.key };
    const value = sheet.values[c.key] ?? null;
    if (value === null) {
      pending.push(problem('sheet.missingScore', { criterion }, about));
      continue;
    }
    if (!onScale(c, value)) {
      errors.push(problem('sheet.offScale', { criterion, value, min: c.min, max: c.max }, about));
      continue;
    }
    if (!onStep(c, value)) {
      const [lower, upper] = neighbourSteps(c, value);
      errors.push(problem('sheet.offStep', { criterion, value, step: c.step, lower, upper }, about));
      continue;
    }
    const need = commentNeed(c, value);
    if (need && (sheet.comments[c.key] ?? '').length < MIN_COMMENT_LENGTH) {
      if (need.kind === 'always')
        pending.push(problem('sheet.commentAlways', { criterion, min: MIN_COMMENT_LENGTH }, about));
      else
        pending.push(
          problem(
            need.kind === 'below' ? 'sheet.commentBelow' : 'sheet.commentAbove',
            { criterion, value, threshold: need.threshold, min: MIN_COMMENT_LENGTH },
            about,
          ),
        );
    }
  }
  return { errors, pending };
}

/**
 * What stops a juror submitting the round: every entry assigned to them (and not blocked) needs a complete sheet or a
 * reasoned abstention. Each problem is prefixed with the entry it is about.
 */
export function submissionProblems(
  rubric: RoundRubric,
  entries: readonly { entryId: number; label: string; sheet: SheetContent | null }[],
): Problem[] {
  const out: Problem[] = [];
  for (const e of entries) {
    if (!e.sheet) {
      out.push(problem('sheet.entryMissing', { entry: e.label }, { entryId: e.entryId }));
      continue;
    }
    const { errors, pending } = checkSheet(rubric, e.sheet);
    for (const p of [...errors, ...pending])
      out.push({
        ...p,
        entryId: e.entryId,
        message: { vi: `${e.label}: ${p.message.vi}`, en: `${e.label}: ${p.message.en}` },
      });
  }
  return out;
}

const criterionKeys = new WeakMap<RoundRubric, Set<string>>();

function keysOf(rubric: RoundRubric): Set<string> {
  let keys = criterionKeys.get(rubric);
  if (!keys) criterionKeys.set(rubric, (keys = new Set(rubric.criteria.map((c) => c.key))));
  return keys;
}

/**
 * Every criterion scored validly with its required comments, or a reasoned abstention: the sheet can count. The same
 * rules as checkSheet without building messages (or closures): the ranking asks it of every sheet after every save.
 */
export function sheetComplete(rubric: RoundRubric, sheet: SheetContent): boolean {
  const known = keysOf(rubric);
  for (const key in sheet.values) if (!known.has(key)) return false;
  for (const key in sheet.comments) if (!known.has(key)) return false;
  if (sheet.abstain) {
    if (sheet.abstain.reason.length < MIN_COMMENT_LENGTH) return false;
    for (const c of rubric.criteria) if ((sheet.values[c.key] ?? null) !== null) return false;
    return true;
  }
  for (const c of rubric.criteria) {
    const value = sheet.values[c.key] ?? null;
    if (value === null || !onScale(c, value) || !onStep(c, value)) return false;
    if (
      c.comment.when !== 'never' &&
      commentNeed(c, value) &&
      (sheet.comments[c.key] ?? '').length < MIN_COMMENT_LENGTH
    )
      return false;
  }
  return true;
}
