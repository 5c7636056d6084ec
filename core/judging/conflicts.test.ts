import { describe, expect, it } from 'vitest';
import { buildBlocks, sameUnit, type BlockRecord } from './conflicts.ts';

const juror = (jurorId: number, unitId: number | null, unitName: string | null = null) => ({
  jurorId,
  unitId,
  unitName,
});
const entry = (entryId: number, unitId: number | null, authorUnitNames: string[] = []) => ({
  entryId,
  unitId,
  authorUnitNames,
});

describe('sameUnit', () => {
  it("matches a unit's entry by the unit, and a person's entry by the unit the authors wrote", () => {
    expect(sameUnit(juror(1, 7), entry(10, 7))).toBe(true);
    expect(sameUnit(juror(1, 7), entry(10, 8))).toBe(false);
    expect(sameUnit(juror(1, null, 'UBND xã Vĩnh Hà'), entry(11, null, ['Trường THCS Hồ Xá', 'ubnd xa vinh ha']))).toBe(
      true,
    );
    expect(sameUnit(juror(1, null, 'UBND xã Vĩnh Hà'), entry(11, null, ['UBND xã Vĩnh Hòa']))).toBe(false);
  });

  it('never matches on missing units', () => {
    expect(sameUnit(juror(1, null, null), entry(10, null, ['']))).toBe(false);
    expect(sameUnit(juror(1, null, ''), entry(10, null, ['']))).toBe(false);
  });
});

describe('buildBlocks', () => {
  const records: BlockRecord[] = [
    {
      jurorId: 2,
      entryId: 10,
      kind: 'declared',
      reason: 'Tác giả là người thân',
      byUserId: 2,
      at: '2024-09-02T01:00:00Z',
    },
    {
      jurorId: 3,
      entryId: 11,
      kind: 'recused',
      reason: 'Từng góp ý kịch bản',
      byUserId: 9,
      at: '2024-09-02T02:00:00Z',
    },
    {
      jurorId: 1,
      entryId: 10,
      kind: 'recused',
      reason: 'Trùng với xung đột tự động',
      byUserId: 9,
      at: '2024-09-02T03:00:00Z',
    },
  ];
  const blocks = buildBlocks([juror(1, 7), juror(2, null), juror(3, 8)], [entry(10, 7), entry(11, null)], records);

  it('gives the automatic conflict first, then declared and recused ones', () => {
    expect(blocks.get(1, 10)).toBe('same_unit');
    expect(blocks.get(2, 10)).toBe('declared');
    expect(blocks.get(3, 11)).toBe('recused');
    expect(blocks.get(3, 10)).toBeNull();
    expect(blocks.get(1, 11)).toBeNull();
  });

  it("lists an entry's blocked jurors", () => {
    expect(blocks.forEntry(10)).toEqual([
      { jurorId: 1, kind: 'same_unit' },
      { jurorId: 2, kind: 'declared' },
    ]);
    expect(blocks.forEntry(99)).toEqual([]);
  });
});
