import { describe, expect, it } from 'vitest';
import type { RoundRubric } from './rubric.ts';
import {
  checkSheet,
  scoreSaveSchema,
  sheetComplete,
  sheetContentSchema,
  submissionProblems,
  type SheetContent,
} from './score-sheet.ts';

const rubric: RoundRubric = {
  criteria: [
    {
      key: 'noi_dung',
      name: 'Nội dung',
      nameEn: 'Content',
      weight: 40,
      min: 0,
      max: 10,
      step: 0.5,
      comment: { when: 'outside', below: 4, above: 9 },
    },
    {
      key: 'sang_tao',
      name: 'Sáng tạo',
      nameEn: 'Creativity',
      weight: 30,
      min: 0,
      max: 10,
      step: 0.5,
      comment: { when: 'never' },
    },
    { key: 'ky_thuat', name: 'Kỹ thuật', weight: 30, min: 1, max: 5, step: 1, comment: { when: 'always' } },
  ],
};
const sheet = (over: Partial<SheetContent> = {}): SheetContent => sheetContentSchema.parse(over);
const codes = (xs: { code: string }[]) => xs.map((x) => x.code);

describe('checkSheet', () => {
  it('accepts a complete sheet with the comments its scores require', () => {
    const s = sheet({
      values: { noi_dung: 9.5, sang_tao: 7, ky_thuat: 4 },
      comments: { noi_dung: 'Thông tin chính xác, dẫn chứng rõ.', ky_thuat: 'Âm thanh tốt, dựng gọn.' },
    });
    expect(checkSheet(rubric, s)).toEqual({ errors: [], pending: [] });
    expect(sheetComplete(rubric, s)).toBe(true);
  });

  it('keeps a half-filled sheet savable: missing scores and comments only stop the submission', () => {
    const r = checkSheet(rubric, sheet({ values: { noi_dung: 3 } }));
    expect(r.errors).toEqual([]);
    expect(codes(r.pending)).toEqual(['sheet.commentBelow', 'sheet.missingScore', 'sheet.missingScore']);
    expect(r.pending[0]!.message.vi).toBe(
      'Tiêu chí "Nội dung": điểm 3 thấp hơn 4 nên cần nhận xét giải thích (ít nhất 10 ký tự). Hãy ghi nhận xét.',
    );
    expect(r.pending[2]!.message.en).toBe(
      'Criterion "Kỹ thuật" has no score yet. Score it, or abstain from this entry with a reason.',
    );
  });

  it('refuses a value off the scale or off its steps, naming the criterion and the values to choose', () => {
    const r = checkSheet(rubric, sheet({ values: { noi_dung: 10.5, sang_tao: 7.3, ky_thuat: 0 } }));
    expect(codes(r.errors)).toEqual(['sheet.offScale', 'sheet.offStep', 'sheet.offScale']);
    expect(r.errors[1]!.message.vi).toBe(
      'Tiêu chí "Sáng tạo": điểm 7,3 không đúng bước chấm 0,5. Hãy chọn 7 hoặc 7,5.',
    );
    expect(r.errors[1]!.message.en).toBe('Criterion "Creativity": 7.3 is not on the steps of 0.5. Choose 7 or 7.5.');
    expect(r.errors[2]!.message.vi).toContain('thang điểm 1–5');
  });

  it('counts a comment shorter than 10 characters as missing', () => {
    const r = checkSheet(
      rubric,
      sheet({
        values: { noi_dung: 10, sang_tao: 7, ky_thuat: 3 },
        comments: { noi_dung: 'Rất hay', ky_thuat: 'Đạt yêu cầu.' },
      }),
    );
    expect(codes(r.pending)).toEqual(['sheet.commentAbove']);
  });

  it('refuses a criterion the round does not have', () => {
    const r = checkSheet(rubric, sheet({ values: { am_nhac: 5 } }));
    expect(codes(r.errors)).toEqual(['sheet.unknownCriterion']);
  });

  it('takes an abstention with a reason and no scores as complete', () => {
    const s = sheet({ abstain: { reason: 'Không đủ chuyên môn về hoạt hình.' } });
    expect(checkSheet(rubric, s)).toEqual({ errors: [], pending: [] });
    const noReason = checkSheet(rubric, sheet({ abstain: { reason: '' } }));
    expect(noReason.errors).toEqual([]);
    expect(codes(noReason.pending)).toEqual(['sheet.abstainReason']);
    const withScores = checkSheet(
      rubric,
      sheet({ values: { sang_tao: 5 }, abstain: { reason: 'Không đủ chuyên môn.' } }),
    );
    expect(codes(withScores.errors)).toEqual(['sheet.abstainWithScores']);
  });
});

describe('the save payload', () => {
  it('normalizes text to NFC and trims it', () => {
    const decomposed = 'Nội dung tốt'.normalize('NFD');
    const s = scoreSaveSchema.parse({ baseVersion: 3, sheet: { comments: { noi_dung: `  ${decomposed}  ` } } });
    expect(s.sheet.comments.noi_dung).toBe('Nội dung tốt'.normalize('NFC'));
    expect(s.sheet).toEqual({ values: {}, comments: { noi_dung: 'Nội dung tốt' }, abstain: null, note: '' });
  });

  it('refuses a negative base version, non-finite scores and a flood of keys', () => {
    expect(scoreSaveSchema.safeParse({ baseVersion: -1, sheet: {} }).success).toBe(false);
    expect(sheetContentSchema.safeParse({ values: { a: Infinity } }).success).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 61 }, (_, i) => [`k${i}`, 1]));
    expect(sheetContentSchema.safeParse({ values: many }).success).toBe(false);
  });
});

describe('submissionProblems', () => {
  const done = sheet({
    values: { noi_dung: 7, sang_tao: 7, ky_thuat: 3 },
    comments: { ky_thuat: 'Âm thanh còn rè ở đoạn đầu.' },
  });

  it('names each entry still unfinished, and what is missing in it', () => {
    const ps = submissionProblems(rubric, [
      { entryId: 1, label: 'P-417', sheet: done },
      { entryId: 2, label: 'P-128', sheet: null },
      { entryId: 3, label: 'P-903', sheet: sheet({ values: { noi_dung: 7, sang_tao: 7, ky_thuat: 3 } }) },
      { entryId: 4, label: 'P-555', sheet: sheet({ abstain: { reason: 'Không đủ chuyên môn về hoạt hình.' } }) },
    ]);
    expect(ps.map((p) => [p.entryId, p.message.vi])).toEqual([
      [2, 'Tác phẩm P-128 chưa được chấm. Hãy chấm tác phẩm này, hoặc chọn không chấm kèm lý do.'],
      [3, 'P-903: Tiêu chí "Kỹ thuật" cần có nhận xét (ít nhất 10 ký tự). Hãy ghi nhận xét cho tiêu chí này.'],
    ]);
  });

  it('agrees with sheetComplete on every sheet', () => {
    const sheets = [
      done,
      sheet({ values: { noi_dung: 7, sang_tao: 7, ky_thuat: 3 } }),
      sheet({
        values: { noi_dung: 3.5, sang_tao: 7, ky_thuat: 3 },
        comments: { ky_thuat: 'Âm thanh còn rè ở đoạn đầu.' },
      }),
      sheet({
        values: { noi_dung: 7, sang_tao: 7.25, ky_thuat: 3 },
        comments: { ky_thuat: 'Âm thanh còn rè ở đoạn đầu.' },
      }),
      sheet({ values: { ...done.values, x: 1 }, comments: done.comments }),
      sheet({ abstain: { reason: 'Không đủ chuyên môn.' } }),
      sheet({ abstain: { reason: 'Ngắn' } }),
    ];
    for (const s of sheets)
      expect(sheetComplete(rubric, s), JSON.stringify(s)).toBe(
        submissionProblems(rubric, [{ entryId: 1, label: 'x', sheet: s }]).length === 0,
      );
    expect(sheets.map((s) => sheetComplete(rubric, s))).toEqual([true, false, false, false, false, true, false]);
  });
});
