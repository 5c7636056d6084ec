import { describe, expect, it } from 'vitest';
import { detectSeparator, headerKey, readCsv } from './csv.ts';

const cells = (text: string) => {
  const r = readCsv(text);
  if (!r.ok) throw new Error(`open quote at ${r.line}`);
  return r.rows.map((x) => [x.line, ...x.cells]);
};

describe('readCsv', () => {
  it('reads a comma file with CRLF and a byte order mark', () => {
    expect(cells('\uFEFFa,b\r\n1,2\r\n')).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
    ]);
  });

  it('reads the semicolon file Excel writes under Vietnamese settings, with decimal commas intact', () => {
    expect(cells('mã;điểm\nVL-01;1,5\n')).toEqual([
      [1, 'mã', 'điểm'],
      [2, 'VL-01', '1,5'],
    ]);
  });

  it('reads quoted cells with separators, doubled quotes and line breaks, keeping line numbers right', () => {
    expect(cells('a,b\n"x, y","say ""hi"""\n"two\nlines",z\nlast,row')).toEqual([
      [1, 'a', 'b'],
      [2, 'x, y', 'say "hi"'],
      [3, 'two\nlines', 'z'],
      [5, 'last', 'row'],
    ]);
  });

  it('skips blank lines', () => {
    expect(cells('a\n\n\nb\n')).toEqual([
      [1, 'a'],
      [4, 'b'],
    ]);
  });

  it('names the line of a quote never closed', () => {
    expect(readCsv('a,b\n1,"open\n2,3\n')).toEqual({ ok: false, line: 2 });
  });
});

describe('detectSeparator / headerKey', () => {
  it('picks the separator used most in the first line', () => {
    expect(detectSeparator('a;b;c')).toBe(';');
    expect(detectSeparator('a\tb')).toBe('\t');
    expect(detectSeparator('a,b;c,d')).toBe(',');
    expect(detectSeparator('single')).toBe(',');
  });

  it('folds headers: case, diacritics, spaces', () => {
    expect(headerKey(' Mã tác phẩm ')).toBe('ma_tac_pham');
    expect(headerKey('Lượt chia sẻ')).toBe('luot_chia_se');
    expect(headerKey('Đường dẫn')).toBe('duong_dan');
  });
});
