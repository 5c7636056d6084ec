import { describe, expect, it } from 'vitest';
import { sheetContentSchema, type SheetContent } from './score-sheet.ts';
import { decideSave, mergeSheets, sameSheet } from './score-version.ts';

const sheet = (over: Partial<SheetContent> = {}): SheetContent => sheetContentSchema.parse(over);
const v1 = sheet({ values: { c1: 7 } });
const v2 = sheet({ values: { c1: 7, c2: 8 } });

describe('decideSave', () => {
  it('writes the first save as version 1 and each save based on the stored version as the next', () => {
    expect(decideSave(null, 0, v1)).toEqual({ kind: 'write', version: 1 });
    expect(decideSave({ version: 1, sheet: v1 }, 1, v2)).toEqual({ kind: 'write', version: 2 });
  });

  it('refuses a save from an older version, returns the stored sheet: two tabs cannot overwrite a newer score', () => {
    // Tab A and tab B both loaded version 1; A saved c2 = 8 (version 2); B now saves c1 = 6 based on version 1.
    const stored = { version: 2, sheet: v2 };
    expect(decideSave(stored, 1, sheet({ values: { c1: 6 } }))).toEqual({ kind: 'stale', stored });
    // Two tabs both creating the sheet: the second is refused.
    expect(decideSave({ version: 1, sheet: v1 }, 0, sheet({ values: { c1: 9 } }))).toMatchObject({ kind: 'stale' });
  });

  it('accepts a retry of what is already stored without a new version (the answer was lost on the way)', () => {
    expect(decideSave({ version: 2, sheet: v2 }, 1, sheet({ values: { c2: 8, c1: 7 } }))).toEqual({
      kind: 'unchanged',
      version: 2,
    });
    expect(decideSave({ version: 2, sheet: v2 }, 2, v2)).toEqual({ kind: 'unchanged', version: 2 });
  });

  it('does not trust a base version newer than the stored one', () => {
    expect(decideSave({ version: 2, sheet: v2 }, 5, v1)).toMatchObject({ kind: 'stale' });
  });
});

describe('sameSheet', () => {
  it('ignores key order and empty values or comments', () => {
    expect(sameSheet(sheet({ values: { a: 1, b: null }, comments: { a: '' } }), sheet({ values: { a: 1 } }))).toBe(
      true,
    );
    expect(sameSheet(sheet({ values: { a: 1 } }), sheet({ values: { a: 1 }, note: 'x' }))).toBe(false);
  });
});

describe('mergeSheets', () => {
  const base = sheet({ values: { c1: 7, c2: 6 }, comments: { c1: 'Ổn định' } });

  it('replays my change on top of theirs when we touched different fields', () => {
    const mine = sheet({ values: { c1: 8, c2: 6 }, comments: { c1: 'Ổn định' } });
    const theirs = sheet({ values: { c1: 7, c2: 6, c3: 9 }, comments: { c1: 'Ổn định' }, note: 'Xem lại phút 3' });
    expect(mergeSheets(base, mine, theirs)).toEqual({
      ok: true,
      sheet: { values: { c1: 8, c2: 6, c3: 9 }, comments: { c1: 'Ổn định' }, abstain: null, note: 'Xem lại phút 3' },
    });
  });

  it('takes a field both changed to the same value', () => {
    const both = sheet({ values: { c1: 9, c2: 6 }, comments: { c1: 'Ổn định' } });
    expect(mergeSheets(base, both, both)).toEqual({ ok: true, sheet: both });
  });

  it('names the fields both changed differently and merges nothing', () => {
    const mine = sheet({ values: { c1: 8, c2: 6 }, comments: { c1: 'Ổn định' } });
    const theirs = sheet({ values: { c1: 9, c2: 5 }, comments: {} });
    expect(mergeSheets(base, mine, theirs)).toEqual({ ok: false, conflicts: ['values.c1'] });
    expect(
      mergeSheets(base, sheet({ abstain: { reason: 'Không đủ chuyên môn.' } }), sheet({ abstain: { reason: 'Khác' } })),
    ).toEqual({
      ok: false,
      conflicts: ['abstain'],
    });
  });
});
