/**
 * Which stored sheets count in a round's ranking, and why each other one does not. A sheet counts when:
 * - its juror submitted the round (a draft does not count; the chair's live view may ask for a provisional ranking
 *   that includes drafts, and says so);
 * - a paper sheet was checked by a second person (not the one who entered it) before it counts;
 * - the juror is not blocked from the entry (a conflict declared or a recusal after scoring removes the score);
 * - the pair is assigned and the entry is in the round;
 * - it is complete: every criterion scored validly with the required comments, or a reasoned abstention.
 * Abstentions pass through (the ranking lists them and leaves them out of the figures).
 */
import type { JurorSheet } from './aggregate.ts';
import type { BlockKind } from './conflicts.ts';
import type { RoundRubric } from './rubric.ts';
import { sheetComplete, type SheetContent } from './score-sheet.ts';

export const SHEET_SOURCES = ['online', 'paper'] as const;
export type SheetSource = (typeof SHEET_SOURCES)[number];

export interface StoredSheet {
  jurorId: number;
  entryId: number;
  content: SheetContent;
  source: SheetSource;
  /** The juror (online) or the secretary who typed a paper sheet. */
  enteredBy: number;
  /** Paper only: the second person who checked it against the signed sheet. */
  checkedBy: number | null;
}

export type ExclusionReason =
  BlockKind | 'not_submitted' | 'paper_unchecked' | 'not_assigned' | 'not_in_round' | 'incomplete';

export interface Exclusion {
  jurorId: number;
  entryId: number;
  why: ExclusionReason;
}

export interface CountFacts {
  rubric: RoundRubric;
  inRound: (entryId: number) => boolean;
  assigned: (jurorId: number, entryId: number) => boolean;
  block: (jurorId: number, entryId: number) => BlockKind | null;
  submitted: (jurorId: number) => boolean;
  /** Count drafts too (the chair's live view); the ranking is then marked provisional. */
  provisional?: boolean;
}

export function countedSheets(
  rows: readonly StoredSheet[],
  f: CountFacts,
): { counted: JurorSheet[]; excluded: Exclusion[] } {
  const counted: JurorSheet[] = [];
  const excluded: Exclusion[] = [];
  for (const r of rows) {
    const why = exclusionOf(r, f);
    if (why) excluded.push({ jurorId: r.jurorId, entryId: r.entryId, why });
    else
      counted.push({
        jurorId: r.jurorId,
        entryId: r.entryId,
        abstained: r.content.abstain !== null,
        values: r.content.values,
      });
  }
  return { counted, excluded };
}

function exclusionOf(r: StoredSheet, f: CountFacts): ExclusionReason | null {
  if (!f.inRound(r.entryId)) return 'not_in_round';
  const block = f.block(r.jurorId, r.entryId);
  if (block) return block;
  if (!f.assigned(r.jurorId, r.entryId)) return 'not_assigned';
  if (!f.provisional && !f.submitted(r.jurorId)) return 'not_submitted';
  if (r.source === 'paper' && (r.checkedBy === null || r.checkedBy === r.enteredBy)) return 'paper_unchecked';
  if (!sheetComplete(f.rubric, r.content)) return 'incomplete';
  return null;
}

/** A paper sheet is checked by someone other than the person who entered it. */
export function mayCheckPaperSheet(sheet: Pick<StoredSheet, 'source' | 'enteredBy'>, checkerId: number): boolean {
  return sheet.source === 'paper' && checkerId !== sheet.enteredBy;
}
