import { describe, expect, it } from 'vitest';
import { rubricSchema as contestRubricSchema } from '../contest.ts';
import {
  commentNeed,
  neighbourSteps,
  onScale,
  onStep,
  resultScale,
  roundRubricSchema,
  rubricFromContest,
  rubricProblems,
  type Criterion,
  type RoundRubric,
} from './rubric.ts';

const crit = (over: Partial<Criterion> = {}): Criterion => ({
  key: 'c1',
  name: 'Nội dung',
  nameEn: 'Content',
  weight: 100,
  min: 0,
  max: 10,
  step: 0.5,
  comment: { when: 'never' },
  ...over,
});
const rubric = (...criteria: Criterion[]): RoundRubric => ({ criteria });

describe('a round rubric from the contest rubric', () => {
  it('keeps the stored contest rubric of the demo valid and gives it keys, a scale from 0 and whole steps', () => {
    // As server/demo/vinh-linh-2024.ts stores it in contests.rubric_json.
    const stored = contestRubricSchema.parse(
      JSON.parse(
        JSON.stringify([
          {
            name: 'Nội dung đúng chủ đề, thông tin chính xác',
            nameEn: 'On-theme, accurate content',
            weight: 40,
            scaleMax: 10,
          },
          { name: 'Tính sáng tạo, sức lan tỏa', nameEn: 'Creativity and reach', weight: 30, scaleMax: 10 },
          { name: 'Chất lượng hình ảnh, âm thanh, dựng phim', weight: 30, scaleMax: 10 },
        ]),
      ),
    );
    const r = rubricFromContest(stored);
    expect(r.criteria.map((c) => [c.key, c.min, c.max, c.step, c.weight])).toEqual([
      ['c1', 0, 10, 1, 40],
      ['c2', 0, 10, 1, 30],
      ['c3', 0, 10, 1, 30],
    ]);
    expect(r.criteria[2]).not.toHaveProperty('nameEn');
    expect(roundRubricSchema.safeParse(r).success).toBe(true);
    expect(rubricProblems(r)).toEqual([]);
  });
});

describe('rubricProblems', () => {
  it('names the criterion, in each language, and says how to fix an empty scale', () => {
    const [p, ...rest] = rubricProblems(rubric(crit({ min: 10, max: 10 })));
    expect(rest).toEqual([]);
    expect(p!.message.vi).toBe(
      'Tiêu chí "Nội dung": điểm thấp nhất (10) phải nhỏ hơn điểm cao nhất (10). Hãy sửa thang điểm.',
    );
    expect(p!.message.en).toBe(
      'Criterion "Content": the lowest score (10) must be below the highest (10). Fix the scale.',
    );
    expect(p!.criterion).toBe('c1');
  });

  it('reports weights that do not add up to 100 with their total', () => {
    const ps = rubricProblems(rubric(crit({ weight: 40 }), crit({ key: 'c2', name: 'Kỹ thuật', weight: 35.5 })));
    expect(ps.map((p) => p.message.vi)).toEqual([
      'Tổng trọng số các tiêu chí là 75,5, cần bằng 100. Hãy điều chỉnh trọng số.',
    ]);
    expect(ps[0]!.message.en).toContain('add up to 75.5');
  });

  it('refuses a rubric without criteria, duplicate keys and duplicate names', () => {
    expect(rubricProblems(rubric()).map((p) => p.code)).toEqual(['rubric.empty']);
    const codes = rubricProblems(rubric(crit({ weight: 50 }), crit({ weight: 50, name: 'nội dung' }))).map(
      (p) => p.code,
    );
    expect(codes).toEqual(['rubric.keyDuplicate', 'rubric.nameDuplicate']);
  });

  it('checks the thresholds of a comment rule against the scale', () => {
    const codes = (comment: Criterion['comment']) => rubricProblems(rubric(crit({ comment }))).map((p) => p.code);
    expect(codes({ when: 'outside' })).toEqual(['rubric.thresholdMissing']);
    expect(codes({ when: 'outside', below: -1 })).toEqual(['rubric.thresholdOutside']);
    expect(codes({ when: 'outside', above: 11 })).toEqual(['rubric.thresholdOutside']);
    expect(codes({ when: 'outside', below: 8, above: 3 })).toEqual(['rubric.thresholdsCross']);
    expect(codes({ when: 'outside', below: 3, above: 9 })).toEqual([]);
    expect(codes({ when: 'always' })).toEqual([]);
  });

  it('explains a malformed field with the criterion and the field named, in both languages', () => {
    const [p] = rubricProblems({ criteria: [{ ...crit(), weight: -5 }] });
    expect(p!.code).toBe('rubric.field');
    expect(p!.message.vi.startsWith('Tiêu chí "Nội dung", mục "trọng số": ')).toBe(true);
    expect(p!.message.en.startsWith('Criterion "Content", "weight": ')).toBe(true);
    const [q] = rubricProblems({ criteria: [{ ...crit(), step: 0.3 }] });
    expect(q!.message.vi).toContain('mục "bước chấm"');
  });

  it('agrees with the schema: what it reports, the schema refuses', () => {
    for (const r of [rubric(), rubric(crit({ min: 5, max: 5 })), rubric(crit({ weight: 60 }))]) {
      expect(rubricProblems(r).length).toBeGreaterThan(0);
      expect(roundRubricSchema.safeParse(r).success).toBe(false);
    }
    // The sum of weights keeps the code the settings screen already translates.
    const r = roundRubricSchema.safeParse(rubric(crit({ weight: 60 })));
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['rubric.weightsNot100']);
  });
});

describe('the scale', () => {
  const c = crit({ min: 1, max: 10, step: 0.25 });

  it('includes both ends', () => {
    expect([onScale(c, 1), onScale(c, 10), onScale(c, 0.75), onScale(c, 10.25)]).toEqual([true, true, false, false]);
  });

  it('accepts values on the steps counted from the lowest score, despite binary fractions', () => {
    expect([onStep(c, 7.25), onStep(c, 7.75), onStep(c, 7.3)]).toEqual([true, true, false]);
    expect(onStep(crit({ step: 0.1 }), 0.1 + 0.2)).toBe(true); // 0.30000000000000004
    expect(neighbourSteps(c, 7.3)).toEqual([7.25, 7.5]);
    expect(neighbourSteps(crit({ step: 0.5 }), 9.9)).toEqual([9.5, 10]);
  });

  it('requires a comment always, or strictly below or above the thresholds', () => {
    const outside = crit({ comment: { when: 'outside', below: 4, above: 9 } });
    expect([3.5, 4, 9, 9.5].map((v) => commentNeed(outside, v))).toEqual([
      { kind: 'below', threshold: 4 },
      null,
      null,
      { kind: 'above', threshold: 9 },
    ]);
    expect(commentNeed(outside, null)).toBeNull();
    expect(commentNeed(crit({ comment: { when: 'always' } }), 5)).toEqual({ kind: 'always' });
    expect(commentNeed(crit(), 0)).toBeNull();
  });

  it('totals on the common scale of the criteria, or on 0–100 when they differ', () => {
    expect(resultScale(rubric(crit({ weight: 50 }), crit({ key: 'c2', name: 'B', weight: 50 })))).toEqual({
      min: 0,
      max: 10,
    });
    expect(resultScale(rubric(crit({ weight: 50 }), crit({ key: 'c2', name: 'B', weight: 50, max: 20 })))).toEqual({
      min: 0,
      max: 100,
    });
  });
});
