import { describe, expect, it } from 'vitest';
import type { UnitCategory } from './contest.ts';
import { parseCsv, parseUnitRows, unitInputSchema } from './units.ts';

const CATEGORIES: UnitCategory[] = [
  { code: 'commune', name: 'Xã, thị trấn', nameEn: 'Commune', minEntries: 1, maxEntries: 2 },
  { code: 'district_office', name: 'Cơ quan cấp huyện', minEntries: 0, maxEntries: 2 },
];

describe('parseUnitRows', () => {
  it('reads Vietnamese headers "Tên" and "Loại"', () => {
    const r = parseUnitRows(
      [
        ['Tên', 'Loại'],
        ['Xã Vĩnh Thái', 'commune'],
        ['Phòng Nội vụ', 'district_office'],
      ],
      CATEGORIES,
    );
    expect(r.errors).toEqual([]);
    expect(r.units).toEqual([
      { name: 'Xã Vĩnh Thái', categoryCode: 'commune' },
      { name: 'Phòng Nội vụ', categoryCode: 'district_office' },
    ]);
  });

  it('reads English headers, other accepted spellings, and columns in any order', () => {
    const r = parseUnitRows(
      [
        ['E-mail', 'Category', 'Name'],
        ['', 'commune', 'Thị trấn Hồ Xá'],
      ],
      CATEGORIES,
    );
    expect(r.units).toEqual([{ name: 'Thị trấn Hồ Xá', categoryCode: 'commune' }]);
    const r2 = parseUnitRows(
      [
        ['TÊN ĐƠN VỊ', 'Loại đơn vị'],
        ['Xã Vĩnh Giang', 'commune'],
      ],
      CATEGORIES,
    );
    expect(r2.units).toEqual([{ name: 'Xã Vĩnh Giang', categoryCode: 'commune' }]);
  });

  it('finds a category by code, by name with or without diacritics, and by English name, ignoring case', () => {
    const r = parseUnitRows(
      [
        ['ten', 'loai'],
        ['A', 'commune'],
        ['B', 'Xã, thị trấn'],
        ['C', 'xa, thi tran'],
        ['D', 'XÃ, THỊ TRẤN'],
        ['E', 'commune '],
        ['F', 'Commune'],
        ['G', 'co quan cap huyen'],
        ['H', 'DISTRICT_OFFICE'],
      ],
      CATEGORIES,
    );
    expect(r.errors).toEqual([]);
    expect(r.units.map((u) => u.categoryCode)).toEqual([
      'commune',
      'commune',
      'commune',
      'commune',
      'commune',
      'commune',
      'district_office',
      'district_office',
    ]);
  });

  it('reports an unknown category with its row number and the allowed categories in both languages', () => {
    const r = parseUnitRows(
      [
        ['Tên', 'Loại'],
        ['Xã Vĩnh Thái', 'commune'],
        ['Công an huyện', 'Huyện'],
      ],
      CATEGORIES,
    );
    expect(r.units).toHaveLength(1);
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0]!;
    expect(e.row).toBe(3);
    expect(e.message.vi).toContain('"Huyện"');
    expect(e.message.vi).toContain('Xã, thị trấn');
    expect(e.message.vi).toContain('Cơ quan cấp huyện');
    expect(e.message.en).toContain('"Huyện"');
    // English falls back to the code for a category without an English name.
    expect(e.message.en).toContain('Commune');
    expect(e.message.en).toContain('district_office');
  });

  it('rejects an empty category', () => {
    const r = parseUnitRows(
      [
        ['Tên', 'Loại'],
        ['Xã Vĩnh Thái', ''],
      ],
      CATEGORIES,
    );
    expect(r.units).toEqual([]);
    expect(r.errors.map((e) => e.row)).toEqual([2]);
  });

  it('rejects a second row for the same unit, also when it differs only in case, diacritics or spaces', () => {
    const r = parseUnitRows(
      [
        ['Tên', 'Loại'],
        ['Xã Vĩnh Thái', 'commune'],
        ['Phòng Nội vụ', 'district_office'],
        ['xã vĩnh thái', 'commune'],
        ['  Xã  Vinh Thai ', 'commune'],
      ],
      CATEGORIES,
    );
    expect(r.units.map((u) => u.name)).toEqual(['Xã Vĩnh Thái', 'Phòng Nội vụ']);
    expect(r.errors.map((e) => e.row)).toEqual([4, 5]);
    expect(r.errors[0]!.message.vi).toContain('bị lặp');
    expect(r.errors[0]!.message.en).toContain('appears twice');
  });

  it('skips blank rows but keeps counting them for row numbers', () => {
    const r = parseUnitRows([['Tên', 'Loại'], [], ['', ''], ['   ', null], ['Xã Vĩnh Thái', 'huyện xa']], CATEGORIES);
    expect(r.units).toEqual([]);
    expect(r.errors.map((e) => e.row)).toEqual([5]);
  });

  it('reports a row with a category but no name', () => {
    const r = parseUnitRows(
      [
        ['Tên', 'Loại'],
        ['', 'commune'],
      ],
      CATEGORIES,
    );
    expect(r.errors).toEqual([{ row: 2, message: { vi: 'Thiếu tên đơn vị.', en: 'The unit name is missing.' } }]);
  });

  it('reports a missing header on row 1 and imports nothing', () => {
    const noCategory = parseUnitRows(
      [
        ['Tên', 'Ghi chú'],
        ['Xã Vĩnh Thái', 'commune'],
      ],
      CATEGORIES,
    );
    expect(noCategory.units).toEqual([]);
    expect(noCategory.errors).toHaveLength(1);
    expect(noCategory.errors[0]!.row).toBe(1);
    // A data row in place of the header is not a header.
    expect(parseUnitRows([['Xã Vĩnh Thái', 'commune']], CATEGORIES).errors[0]!.row).toBe(1);
    expect(parseUnitRows([], CATEGORIES).errors[0]!.row).toBe(1);
  });

  it('reports every bad row at once', () => {
    const r = parseUnitRows(
      [
        ['Tên', 'Loại'],
        ['', 'commune'],
        ['A', 'nope'],
        ['B', 'commune'],
        ['B', 'commune'],
      ],
      CATEGORIES,
    );
    expect(r.errors.map((e) => e.row)).toEqual([2, 3, 5]);
    expect(r.units).toEqual([{ name: 'B', categoryCode: 'commune' }]);
  });

  it('keeps a valid contact e-mail, drops an empty one and rejects an invalid one', () => {
    const r = parseUnitRows(
      [
        ['Tên', 'Loại', 'Thư điện tử'],
        ['Xã Vĩnh Thái', 'commune', ' ubnd.vinhthai@quangtri.gov.vn '],
        ['Xã Vĩnh Giang', 'commune', ''],
        ['Xã Vĩnh Hà', 'commune', 'not-an-email'],
      ],
      CATEGORIES,
    );
    expect(r.units).toEqual([
      { name: 'Xã Vĩnh Thái', categoryCode: 'commune', contactEmail: 'ubnd.vinhthai@quangtri.gov.vn' },
      { name: 'Xã Vĩnh Giang', categoryCode: 'commune' },
    ]);
    expect(r.errors.map((e) => e.row)).toEqual([4]);
    expect(r.errors[0]!.message.en).toContain('e-mail');
  });

  it('stores names in NFC and trimmed, and accepts cells that are not strings', () => {
    const r = parseUnitRows(
      [
        ['Tên', 'Loại'],
        ['  Xã Vĩnh Thái '.normalize('NFD'), 'commune'],
        [2024, 'commune'],
      ],
      CATEGORIES,
    );
    expect(r.units.map((u) => u.name)).toEqual(['Xã Vĩnh Thái'.normalize('NFC'), '2024']);
  });

  it('reads decomposed (NFD) headers and category names', () => {
    const r = parseUnitRows(
      [
        ['Tên'.normalize('NFD'), 'Loại'.normalize('NFD')],
        ['A', 'Xã, thị trấn'.normalize('NFD')],
      ],
      CATEGORIES,
    );
    expect(r.units).toEqual([{ name: 'A', categoryCode: 'commune' }]);
  });

  it('works on the output of parseCsv, BOM and semicolons included', () => {
    const csv =
      '\uFEFFTên;Loại;Email\r\n"Xã Vĩnh Thái";Xã, thị trấn;\r\nPhòng Nội vụ;district_office;noivu@vinhlinh.gov.vn\r\n';
    const r = parseUnitRows(parseCsv(csv), CATEGORIES);
    expect(r.errors).toEqual([]);
    expect(r.units).toEqual([
      { name: 'Xã Vĩnh Thái', categoryCode: 'commune' },
      { name: 'Phòng Nội vụ', categoryCode: 'district_office', contactEmail: 'noivu@vinhlinh.gov.vn' },
    ]);
  });
});

describe('unitInputSchema', () => {
  it('rejects a blank name and turns an empty e-mail into none', () => {
    expect(unitInputSchema.safeParse({ name: '  ', categoryCode: 'commune' }).success).toBe(false);
    expect(unitInputSchema.parse({ name: 'A', categoryCode: 'commune', contactEmail: '' })).toEqual({
      name: 'A',
      categoryCode: 'commune',
    });
  });
});

describe('parseCsv', () => {
  it('splits plain comma-separated rows', () => {
    expect(parseCsv('name,category\nXã Vĩnh Thái,commune\n')).toEqual([
      ['name', 'category'],
      ['Xã Vĩnh Thái', 'commune'],
    ]);
  });

  it('keeps commas, separators and line breaks inside quotes', () => {
    expect(parseCsv('ten,loai\n"Xã Vĩnh Thái, huyện Vĩnh Linh","a\nb"\n')).toEqual([
      ['ten', 'loai'],
      ['Xã Vĩnh Thái, huyện Vĩnh Linh', 'a\nb'],
    ]);
  });

  it('turns doubled quotes inside quotes into one quote', () => {
    expect(parseCsv('a,b\n"Trung tâm ""VH-TT""",x')).toEqual([
      ['a', 'b'],
      ['Trung tâm "VH-TT"', 'x'],
    ]);
  });

  it('handles CRLF line ends without leaving \\r in the fields', () => {
    expect(parseCsv('a,b\r\n1,2\r\n3,4\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('handles a CRLF inside a quoted field', () => {
    expect(parseCsv('a,b\r\n"x\r\ny",z\r\n')).toEqual([
      ['a', 'b'],
      ['x\r\ny', 'z'],
    ]);
  });

  it('strips the byte-order mark Excel writes at the start', () => {
    const rows = parseCsv('\uFEFFTên,Loại\nA,commune');
    expect(rows[0]![0]).toBe('Tên');
    expect(rows).toEqual([
      ['Tên', 'Loại'],
      ['A', 'commune'],
    ]);
  });

  it('uses semicolons when the header has more of them than commas (Excel in vi-VN)', () => {
    expect(parseCsv('Tên;Loại\nXã Vĩnh Thái;Xã, thị trấn\n')).toEqual([
      ['Tên', 'Loại'],
      ['Xã Vĩnh Thái', 'Xã, thị trấn'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,b,c\n1,,\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', ''],
    ]);
    expect(parseCsv('a,b\n1,')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });

  it('keeps the last row when the file has no final line break, and adds no empty row when it has one', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a,b\n1,2\n')).toHaveLength(2);
  });

  it('returns no rows for an empty file', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });
});
