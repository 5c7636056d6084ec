import { describe, expect, it } from 'vitest';
import { parseFanpageCsv, readCount } from './fanpage-csv.ts';

const CODES = ['VL-01', 'VL-02', 'VL-03'];
const POST = 'https://www.facebook.com/dai.vinhlinh/posts/';

describe('readCount', () => {
  it('reads whole numbers as Vietnamese and English spreadsheets write them', () => {
    expect(['1234', '1.234', '1,234', '1 234', '1.234.567', '0', ' 12 '].map(readCount)).toEqual([
      1234, 1234, 1234, 1234, 1234567, 0, 12,
    ]);
  });

  it('refuses decimals, signs, mixed grouping and abbreviations', () => {
    for (const s of ['1,5', '-3', '+3', '1.23', '1.234,567', '1,2K', '', 'abc', '12.34.567']) {
      expect(readCount(s), s).toBeNull();
    }
  });
});

describe('parseFanpageCsv', () => {
  it('imports a Vietnamese file with a semicolon separator and thousands dots', () => {
    const text = `Mã tác phẩm;Liên kết;Cảm xúc;Chia sẻ;Bình luận\nVL-01;${POST}1;1.234;56;7\nvl-02;${POST}2;80;9;0\n`;
    expect(parseFanpageCsv(text, CODES)).toEqual({
      ok: true,
      rows: [
        { line: 2, entry: 'VL-01', postUrl: `${POST}1`, reactions: 1234, shares: 56, comments: 7 },
        { line: 3, entry: 'VL-02', postUrl: `${POST}2`, reactions: 80, shares: 9, comments: 0 },
      ],
    });
  });

  it('takes English headers in any column order', () => {
    const text = `comments,reactions,entry_code,shares,post_url\n3,10,VL-03,2,${POST}3\n`;
    const r = parseFanpageCsv(text, CODES);
    expect(r.ok && r.rows[0]).toEqual({
      line: 2,
      entry: 'VL-03',
      postUrl: `${POST}3`,
      reactions: 10,
      shares: 2,
      comments: 3,
    });
  });

  it('lists every bad row with its line and reason, and imports nothing', () => {
    const text = [
      'ma_tac_pham,lien_ket,cam_xuc,chia_se,binh_luan',
      `VL-01,${POST}1,10,2,1`,
      `VL-09,${POST}9,10,2,1`,
      `VL-01,${POST}1b,10,2,1`,
      'VL-02,https://youtube.com/watch?v=1,10,2,1',
      `VL-03,${POST}3,-4,1.5,`,
      `,${POST}4,1,1,1`,
    ].join('\n');
    const r = parseFanpageCsv(text, CODES);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => [e.line, e.field])).toEqual([
        [3, 'entry'],
        [4, 'entry'],
        [5, 'postUrl'],
        [6, 'reactions'],
        [6, 'shares'],
        [6, 'comments'],
        [7, 'entry'],
      ]);
      expect(r.errors[0]!.message.vi).toBe(
        'Dòng 3: không có tác phẩm mã "VL-09" trong số tác phẩm đang đăng công khai.',
      );
      expect(r.errors[1]!.message.en).toBe('Line 4: entry VL-01 is already on line 2; one row per entry.');
      expect(r.errors[3]!.message.vi).toContain('lượt cảm xúc "-4" phải là số nguyên không âm');
    }
  });

  it('names the missing columns', () => {
    const r = parseFanpageCsv('ma_tac_pham,cam_xuc\nVL-01,3\n', CODES);
    expect(!r.ok && r.errors).toEqual([
      {
        line: 1,
        field: null,
        message: {
          vi:
            'Dòng tiêu đề thiếu cột: liên kết bài đăng, lượt chia sẻ, bình luận. ' +
            'Các cột cần có: mã tác phẩm, liên kết, cảm xúc, chia sẻ, bình luận.',
          en:
            'The header row lacks: post link, shares, comments. The columns needed are: ' +
            'entry code, post link, reactions, shares, comments.',
        },
      },
    ]);
  });

  it('refuses an empty file, a header alone and a quote never closed', () => {
    expect(parseFanpageCsv('', CODES).ok).toBe(false);
    expect(parseFanpageCsv('ma_tac_pham,lien_ket,cam_xuc,chia_se,binh_luan\n', CODES).ok).toBe(false);
    const open = parseFanpageCsv(`ma_tac_pham,lien_ket,cam_xuc,chia_se,binh_luan\n"VL-01,${POST}1,1,1,1\n`, CODES);
    expect(!open.ok && open.errors[0]!.line).toBe(2);
  });
});
