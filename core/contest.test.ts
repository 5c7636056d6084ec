import { describe, expect, it } from 'vitest';
import {
  contestCreateSchema,
  contestSettingsSchema,
  defaultEntryRules,
  ENTRY_FORMS,
  entryRulesSchema,
  type Prize,
  rubricSchema,
  slugSchema,
  totalPrizeMoney,
  unitCategorySchema,
} from './contest.ts';

/** The plan's prize structure: 1 first, 1 second, 2 third, 3 consolation prizes and 1 most-voted prize. */
const PLAN_PRIZES: Prize[] = [
  { name: 'Giải Nhất', kind: 'jury', count: 1, amountVnd: 5_000_000 },
  { name: 'Giải Nhì', kind: 'jury', count: 1, amountVnd: 3_000_000 },
  { name: 'Giải Ba', kind: 'jury', count: 2, amountVnd: 2_000_000 },
  { name: 'Giải Khuyến khích', kind: 'jury', count: 3, amountVnd: 1_000_000 },
  { name: 'Giải bình chọn nhiều nhất', kind: 'public_vote', count: 1, amountVnd: 1_500_000 },
];

const RUBRIC = [
  { name: 'Nội dung đúng chủ đề', weight: 40, scaleMax: 10 },
  { name: 'Tính sáng tạo', weight: 30, scaleMax: 10 },
  { name: 'Chất lượng hình ảnh, âm thanh', weight: 30, scaleMax: 10 },
];

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message) ?? [];

describe('totalPrizeMoney', () => {
  it('sums count × amount over the plan prize structure', () => {
    // 5 + 3 + 2×2 + 3×1 + 1.5 million đồng
    expect(totalPrizeMoney(PLAN_PRIZES)).toBe(16_500_000);
  });

  it('counts all 8 winners of the plan', () => {
    expect(PLAN_PRIZES.reduce((n, p) => n + p.count, 0)).toBe(8);
  });

  it('is 0 with no prizes or only certificates', () => {
    expect(totalPrizeMoney([])).toBe(0);
    expect(totalPrizeMoney([{ name: 'Giấy chứng nhận', kind: 'jury', count: 5, amountVnd: 0 }])).toBe(0);
  });
});

describe('defaultEntryRules', () => {
  it('follows the plan: 5 to 10 minutes, HD or Full HD, 16:9, mp4, every form allowed', () => {
    const r = defaultEntryRules();
    expect(r.minDurationSec).toBe(300);
    expect(r.maxDurationSec).toBe(600);
    expect(r.allowedResolutions).toEqual([
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]);
    expect(r.aspectRatio).toEqual({ width: 16, height: 9 });
    expect(r.containers).toEqual(['mp4']);
    expect(r.allowedForms).toEqual([...ENTRY_FORMS]);
    expect(entryRulesSchema.safeParse(r).success).toBe(true);
  });

  it("returns a fresh object each time so one contest cannot change another one's rules", () => {
    const a = defaultEntryRules();
    a.allowedForms.pop();
    a.allowedResolutions[0]!.width = 1;
    expect(defaultEntryRules().allowedForms).toHaveLength(ENTRY_FORMS.length);
    expect(defaultEntryRules().allowedResolutions[0]!.width).toBe(1280);
  });
});

describe('entryRulesSchema', () => {
  it('rejects a maximum duration below the minimum, on the maximum field', () => {
    const r = entryRulesSchema.safeParse({ ...defaultEntryRules(), minDurationSec: 600, maxDurationSec: 300 });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ path: ['maxDurationSec'], message: 'rules.maxBelowMin' }),
    ]);
  });

  it('accepts a maximum equal to the minimum', () => {
    expect(
      entryRulesSchema.safeParse({ ...defaultEntryRules(), minDurationSec: 300, maxDurationSec: 300 }).success,
    ).toBe(true);
  });

  it('rejects an empty list of forms, an unknown container and a negative grace period', () => {
    expect(entryRulesSchema.safeParse({ ...defaultEntryRules(), allowedForms: [] }).success).toBe(false);
    expect(entryRulesSchema.safeParse({ ...defaultEntryRules(), containers: ['avi'] }).success).toBe(false);
    expect(entryRulesSchema.safeParse({ ...defaultEntryRules(), uploadGraceMinutes: -1 }).success).toBe(false);
  });
});

describe('rubricSchema', () => {
  it('accepts weights that add up to 100', () => {
    expect(rubricSchema.safeParse(RUBRIC).success).toBe(true);
  });

  it('tolerates floating-point rounding of decimal weights', () => {
    // In binary floating point 24.4 + 39.8 + 35.8 is 99.99999999999999 and 24.6 + 39.7 + 35.7 is 100.00000000000001.
    for (const [a, b, c] of [
      [24.4, 39.8, 35.8],
      [24.6, 39.7, 35.7],
    ] as const) {
      expect(a + b + c).not.toBe(100);
      expect(
        rubricSchema.safeParse([
          { name: 'A', weight: a, scaleMax: 10 },
          { name: 'B', weight: b, scaleMax: 10 },
          { name: 'C', weight: c, scaleMax: 10 },
        ]).success,
      ).toBe(true);
    }
  });

  it('does not round a real shortfall away', () => {
    expect(
      rubricSchema.safeParse([
        { name: 'A', weight: 60, scaleMax: 10 },
        { name: 'B', weight: 39.99, scaleMax: 10 },
      ]).success,
    ).toBe(false);
  });

  it('rejects weights that add up to less or more than 100', () => {
    const under = rubricSchema.safeParse([
      { ...RUBRIC[0]!, weight: 40 },
      { ...RUBRIC[1]!, weight: 30 },
      { ...RUBRIC[2]!, weight: 20 },
    ]);
    const over = rubricSchema.safeParse([
      { ...RUBRIC[0]!, weight: 60 },
      { ...RUBRIC[1]!, weight: 50 },
    ]);
    expect(messages(under)).toEqual(['rubric.weightsNot100']);
    expect(messages(over)).toEqual(['rubric.weightsNot100']);
  });

  it('allows a contest without a rubric yet', () => {
    expect(rubricSchema.safeParse([]).success).toBe(true);
  });

  it('rejects a zero weight and a blank criterion name', () => {
    expect(
      rubricSchema.safeParse([
        { name: 'A', weight: 100, scaleMax: 10 },
        { name: 'B', weight: 0, scaleMax: 10 },
      ]).success,
    ).toBe(false);
    expect(rubricSchema.safeParse([{ name: '   ', weight: 100, scaleMax: 10 }]).success).toBe(false);
  });
});

describe('unitCategorySchema', () => {
  const commune = { code: 'commune', name: 'UBND xã, thị trấn', minEntries: 1, maxEntries: 2 };

  it('accepts the plan quota for communes (at least 1, at most 2 entries)', () => {
    expect(unitCategorySchema.safeParse(commune).success).toBe(true);
  });

  it('rejects a maximum below the minimum', () => {
    const r = unitCategorySchema.safeParse({ ...commune, minEntries: 3, maxEntries: 2 });
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['maxEntries'], message: 'quota.maxBelowMin' })]);
  });

  it('requires a lower-case code', () => {
    expect(unitCategorySchema.safeParse({ ...commune, code: 'Commune' }).success).toBe(false);
    expect(unitCategorySchema.safeParse({ ...commune, code: '1commune' }).success).toBe(false);
    expect(unitCategorySchema.safeParse({ ...commune, code: 'district_office' }).success).toBe(true);
  });
});

describe('slugSchema', () => {
  it('accepts lower-case words joined by hyphens only', () => {
    expect(slugSchema.safeParse('vinh-linh-2024').success).toBe(true);
    expect(slugSchema.safeParse('Vinh-Linh').success).toBe(false);
    expect(slugSchema.safeParse('vĩnh-linh').success).toBe(false);
    expect(slugSchema.safeParse('vinh--linh').success).toBe(false);
    expect(slugSchema.safeParse('-vinh').success).toBe(false);
    expect(slugSchema.safeParse('ab').success).toBe(false);
  });
});

describe('contestSettingsSchema / contestCreateSchema', () => {
  const settings = {
    name: 'Cuộc thi video cải cách hành chính',
    theme: 'Cải cách hành chính',
    topics: ['Chuyển đổi số'],
    rulesMarkdown: '',
    timeZone: 'Asia/Ho_Chi_Minh',
    entryRules: defaultEntryRules(),
    prizes: PLAN_PRIZES,
    rubric: RUBRIC,
    maxEntriesPerPerson: 2,
  };

  it('accepts a complete contest', () => {
    expect(contestSettingsSchema.safeParse(settings).success).toBe(true);
    expect(
      contestCreateSchema.safeParse({
        ...settings,
        slug: 'vinh-linh-2024',
        phases: [{ kind: 'submission', startsAt: '2024-06-20T00:00:00+07:00', endsAt: '2024-06-26T00:00:00+07:00' }],
        unitCategories: [{ code: 'commune', name: 'UBND xã, thị trấn', minEntries: 1, maxEntries: 2 }],
      }).success,
    ).toBe(true);
  });

  it('rejects an unknown time zone with its own message', () => {
    const r = contestSettingsSchema.safeParse({ ...settings, timeZone: 'Asia/Vinh_Linh' });
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['timeZone'], message: 'timeZone.invalid' })]);
  });

  it('passes the nested rules on: bad rubric, bad phases', () => {
    expect(
      messages(contestSettingsSchema.safeParse({ ...settings, rubric: [{ name: 'A', weight: 50, scaleMax: 10 }] })),
    ).toEqual(['rubric.weightsNot100']);
    const r = contestCreateSchema.safeParse({
      ...settings,
      slug: 'vinh-linh-2024',
      phases: [{ kind: 'submission', startsAt: '2024-06-26T00:00:00+07:00', endsAt: '2024-06-20T00:00:00+07:00' }],
      unitCategories: [],
    });
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ path: ['phases', 0, 'endsAt'], message: 'phase.endBeforeStart' }),
    ]);
  });

  it('requires each person to be allowed at least one entry', () => {
    expect(contestSettingsSchema.safeParse({ ...settings, maxEntriesPerPerson: 0 }).success).toBe(false);
  });

  it('asks one or two reviewers per entry, and leaves the stored number alone when a request omits it (R11)', () => {
    expect(contestSettingsSchema.parse(settings).reviewsRequired).toBeUndefined();
    expect(contestSettingsSchema.parse({ ...settings, reviewsRequired: 2 }).reviewsRequired).toBe(2);
    for (const n of [0, 3, 1.5, '2'])
      expect(contestSettingsSchema.safeParse({ ...settings, reviewsRequired: n }).success).toBe(false);
  });

  it('keeps settings stored before voting existed valid, and leaves voting absent when a request omits it', () => {
    expect(contestSettingsSchema.parse(settings).voting).toBeUndefined();
  });

  it('fills in the voting defaults around the fields given, and passes on voting’s own refusals', () => {
    const voting = contestSettingsSchema.parse({ ...settings, voting: { rule: { kind: 'per_entry_per_day' } } }).voting;
    expect(voting?.rule).toEqual({ kind: 'per_entry_per_day' });
    expect(voting?.tieRule).toBe('earliest_to_final');
    const r = contestSettingsSchema.safeParse({ ...settings, voting: { prizeSource: { show: 'both' } } });
    expect(r.error?.issues.map((i) => i.path)).toEqual([['voting', 'prizeSource', 'deciding']]);
  });
});
