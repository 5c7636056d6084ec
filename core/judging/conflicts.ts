/**
 * Who may not judge which entry. Three kinds of block, and abstention, which is not one:
 * - `same_unit`: automatic, the juror's unit is the entrant's unit (by the unit of a unit's entry, or by the unit
 *   name the authors wrote, compared without case or diacritics);
 * - `declared`: the juror declared a conflict with a reason;
 * - `recused`: the chair took the juror off the entry with a reason.
 * A blocked juror is never assigned the entry, never sees it or its scores, and a score they saved before the block
 * does not count. Abstaining (score-sheet.ts) is the juror's choice not to score an entry they may see: recorded, kept
 * out of the aggregation, and not a block.
 */
import { foldVietnamese } from '../normalize.ts';

export const BLOCK_KINDS = ['same_unit', 'declared', 'recused'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface JurorUnit {
  jurorId: number;
  /** The contest's unit the juror belongs to, if any. */
  unitId: number | null;
  /** The name of the juror's workplace, as written (compared folded). */
  unitName: string | null;
}

export interface EntryParty {
  entryId: number;
  /** Set for a unit's entry (party "unit"). */
  unitId: number | null;
  /** The units the authors wrote on the entry (R8), for a person's entry. */
  authorUnitNames: readonly string[];
}

/** A declared conflict or a recusal, as stored (only the ones in force: a withdrawn one is not passed in). */
export interface BlockRecord {
  jurorId: number;
  entryId: number;
  kind: Exclude<BlockKind, 'same_unit'>;
  reason: string;
  byUserId: number;
  at: string;
}

export function sameUnit(juror: JurorUnit, entry: EntryParty): boolean {
  if (juror.unitId !== null && juror.unitId === entry.unitId) return true;
  const name = juror.unitName ? foldVietnamese(juror.unitName) : '';
  return name !== '' && entry.authorUnitNames.some((n) => foldVietnamese(n) === name);
}

/** Looks up the block between a juror and an entry in constant time. */
export interface BlockIndex {
  /** The block in force, the automatic one first; null when the juror may judge the entry. */
  get(jurorId: number, entryId: number): BlockKind | null;
  /** Every blocked juror of an entry, for the assignment's explanation and the minutes. */
  forEntry(entryId: number): { jurorId: number; kind: BlockKind }[];
}

const ORDER: Record<BlockKind, number> = { same_unit: 0, declared: 1, recused: 2 };

export function buildBlocks(
  jurors: readonly JurorUnit[],
  entries: readonly EntryParty[],
  records: readonly BlockRecord[],
): BlockIndex {
  const byPair = new Map<string, BlockKind>();
  const byEntry = new Map<number, Map<number, BlockKind>>();
  const put = (jurorId: number, entryId: number, kind: BlockKind) => {
    const key = `${jurorId}:${entryId}`;
    const had = byPair.get(key);
    if (had !== undefined && ORDER[had] <= ORDER[kind]) return;
    byPair.set(key, kind);
    let m = byEntry.get(entryId);
    if (!m) byEntry.set(entryId, (m = new Map()));
    m.set(jurorId, kind);
  };
  for (const e of entries) for (const j of jurors) if (sameUnit(j, e)) put(j.jurorId, e.entryId, 'same_unit');
  for (const r of records) put(r.jurorId, r.entryId, r.kind);
  return {
    get: (jurorId, entryId) => byPair.get(`${jurorId}:${entryId}`) ?? null,
    forEntry: (entryId) =>
      [...(byEntry.get(entryId) ?? new Map<number, BlockKind>())]
        .map(([jurorId, kind]) => ({ jurorId, kind }))
        .sort((a, b) => a.jurorId - b.jurorId),
  };
}
