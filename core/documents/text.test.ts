import { describe, expect, it } from 'vitest';
import { VIETNAMESE_LETTERS, docLine, docParagraph, missingCharacters, normalizeDocument, upperVi } from './text.ts';

describe('document text', () => {
  it('composes decomposed (NFD) input, so that the PDF draws each tone mark on its letter', () => {
    const nfd = 'Nguyễn Thị Ỷ, Vĩnh Thủy'.normalize('NFD');
    expect(nfd.length).toBeGreaterThan('Nguyễn Thị Ỷ, Vĩnh Thủy'.length);
    expect(docLine(nfd)).toBe('Nguyễn Thị Ỷ, Vĩnh Thủy');
  });

  it('composes mixed forms: a precomposed vowel with a combining tone, and marks in non-canonical order', () => {
    // "ơ" + combining hook above (as old Windows-1258 keyboards type it) → "ở"; "e" + dot below + circumflex → "ệ".
    expect(docLine('Hồ Xá, ph\u01a1\u0309')).toBe('Hồ Xá, phở');
    expect(docLine('Vi\u0065\u0323\u0302t')).toBe('Việt');
    // Rare letters: capital Ỵ, ẵ, ữ, Ẩ, Ỡ.
    const rare = 'ỴẵữẨỠ';
    expect(docLine(rare.normalize('NFD'))).toBe(rare);
  });

  it('keeps spelling people chose: old and new tone placement are both names', () => {
    expect(docLine('Nguyễn Thị Hoà')).toBe('Nguyễn Thị Hoà');
    expect(docLine('Nguyễn Thị Hòa')).toBe('Nguyễn Thị Hòa');
  });

  it('removes invisible characters and collapses whitespace', () => {
    expect(docLine('\ufeff  Phòng\u200b Nội\u00a0vụ \u0007\n')).toBe('Phòng Nội vụ');
    expect(docLine('Lê\u00adVăn')).toBe('LêVăn');
    expect(docParagraph('Dòng một  \r\n\r\n\r\n\r\nDòng\u200d hai')).toBe('Dòng một\n\nDòng hai');
  });

  it('normalizes every string of a document model, deep', () => {
    const model = { title: 'Gi\u1ea2i'.normalize('NFD'), rows: [{ name: 'Tua\u0302\u0301n ' }], n: 3, on: true };
    expect(normalizeDocument(model)).toEqual({ title: 'GiẢi', rows: [{ name: 'Tuấn' }], n: 3, on: true });
  });

  it('upper-cases Vietnamese for header lines', () => {
    expect(upperVi('ủy ban nhân dân huyện vĩnh linh')).toBe('ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH');
    expect(upperVi('ban tổ chức cuộc thi'.normalize('NFD'))).toBe('BAN TỔ CHỨC CUỘC THI');
  });

  it('lists every Vietnamese letter once, precomposed, in both cases', () => {
    // 12 vowels × 6 tones, đ, 16 other consonants, f j w z; lower and upper.
    expect(VIETNAMESE_LETTERS).toHaveLength((12 * 6 + 1 + 16 + 4) * 2);
    expect(new Set(VIETNAMESE_LETTERS).size).toBe(VIETNAMESE_LETTERS.length);
    for (const l of VIETNAMESE_LETTERS) expect([...l]).toHaveLength(1);
    for (const l of ['ặ', 'Ặ', 'ỹ', 'Ỹ', 'ự', 'Ự', 'đ', 'Đ', 'ờ', 'Ở']) expect(VIETNAMESE_LETTERS).toContain(l);
  });

  it('finds the characters a font lacks', () => {
    const latin1Only = (cp: number) => cp < 0x100;
    expect(missingCharacters('Vĩnh Linh, Đông Hà', latin1Only)).toEqual(['ĩ', 'Đ']);
    expect(missingCharacters('Vi\u0065\u0323\u0302t Nam', latin1Only)).toEqual(['ệ']);
  });
});
