/**
 * Versioned saves of a score sheet, so that two tabs (or a tablet that was offline) never overwrite a newer sheet with
 * an older one. Each stored sheet has a version, 1 on the first save. A save carries the version it was based on
 * (0: the client saw none):
 * - based on the stored version: accepted, the version goes up by one;
 * - based on an older version but carrying exactly what is stored: accepted without a new version (a retry of a
 *   save whose answer was lost, e.g. the connection dropped after the server committed);
 * - otherwise refused, with the stored sheet, so the screen can show both and let the juror choose.
 * The database closes the race (the update is conditional on the version it read); this is the rule it applies.
 */
import { canonicalJson } from '../audit-chain.ts';
import type { SheetContent } from './score-sheet.ts';

export interface StoredVersion {
  version: number;
  sheet: SheetContent;
}

export type SaveDecision =
  | { kind: 'write'; version: number }
  | { kind: 'unchanged'; version: number }
  | { kind: 'stale'; stored: StoredVersion };

export function decideSave(stored: StoredVersion | null, baseVersion: number, sheet: SheetContent): SaveDecision {
  const current = stored?.version ?? 0;
  if (baseVersion === current) {
    if (stored && sameSheet(stored.sheet, sheet)) return { kind: 'unchanged', version: current };
    return { kind: 'write', version: current + 1 };
  }
  if (stored && sameSheet(stored.sheet, sheet)) return { kind: 'unchanged', version: current };
  // A base newer than what is stored cannot come from this server; treated like an older one, the stored sheet wins.
  return stored ? { kind: 'stale', stored } : { kind: 'write', version: 1 };
}

/** Equal content, whatever the order of keys, with empty values and comments counted as absent. */
export function sameSheet(a: SheetContent, b: SheetContent): boolean {
  return canonicalJson(tidy(a)) === canonicalJson(tidy(b));
}

function tidy(s: SheetContent): SheetContent {
  const values = Object.fromEntries(Object.entries(s.values).filter(([, v]) => v !== null && v !== undefined));
  const comments = Object.fromEntries(Object.entries(s.comments).filter(([, v]) => v !== ''));
  return { values, comments, abstain: s.abstain, note: s.note };
}

export type Merge = { ok: true; sheet: SheetContent } | { ok: false; conflicts: string[] };

/**
 * Replays the juror's change on top of a newer stored sheet, field by field (each criterion's score and comment, the
 * abstention, the note): taken from `mine` where only I changed it since `base`, from `theirs` where only they did.
 * Where both changed the same field differently, nothing is merged and the fields are named for the juror to choose.
 */
export function mergeSheets(base: SheetContent, mine: SheetContent, theirs: SheetContent): Merge {
  const conflicts: string[] = [];
  const pick = <T>(field: string, b: T, m: T, t: T): T => {
    const eq = (x: T, y: T) => canonicalJson(x ?? null) === canonicalJson(y ?? null);
    if (eq(m, b)) return t;
    if (eq(t, b) || eq(m, t)) return m;
    conflicts.push(field);
    return m;
  };
  const keys = (f: 'values' | 'comments') =>
    [...new Set([...Object.keys(base[f]), ...Object.keys(mine[f]), ...Object.keys(theirs[f])])].sort();
  const values: SheetContent['values'] = {};
  for (const k of keys('values')) {
    const v = pick(`values.${k}`, base.values[k] ?? null, mine.values[k] ?? null, theirs.values[k] ?? null);
    if (v !== null) values[k] = v;
  }
  const comments: SheetContent['comments'] = {};
  for (const k of keys('comments')) {
    const v = pick(`comments.${k}`, base.comments[k] ?? '', mine.comments[k] ?? '', theirs.comments[k] ?? '');
    if (v !== '') comments[k] = v;
  }
  const abstain = pick('abstain', base.abstain, mine.abstain, theirs.abstain);
  const note = pick('note', base.note, mine.note, theirs.note);
  return conflicts.length > 0 ? { ok: false, conflicts } : { ok: true, sheet: { values, comments, abstain, note } };
}
