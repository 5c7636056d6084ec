import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  contestSettingsSchema,
  defaultEntryRules,
  entryRulesSchema,
  rubricSchema,
  unitCategorySchema,
} from './contest.ts';
import { phaseListSchema } from './phases.ts';
import { localizeIssue } from './validation-messages.ts';

type Issue = Parameters<typeof localizeIssue>[0];

/** The first issue of a failed parse, shaped as the HTTP layer passes it on (params spread, then code and message). */
function firstIssue(schema: z.ZodType, value: unknown): Issue {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected the value to be rejected');
  const { path: _path, code, message, ...params } = r.error.issues[0]!;
  return { ...params, code, message };
}

describe('localizeIssue: our own rules', () => {
  const cases: [string, z.ZodType, unknown, string, string][] = [
    [
      'phase.duplicate',
      phaseListSchema,
      [
        { kind: 'review', startsAt: '2024-07-01T00:00:00Z', endsAt: '2024-07-02T00:00:00Z' },
        { kind: 'review', startsAt: '2024-07-03T00:00:00Z', endsAt: '2024-07-04T00:00:00Z' },
      ],
      'Giai đoạn này đã được khai báo.',
      'This phase is declared twice.',
    ],
    [
      'phase.endBeforeStart',
      phaseListSchema,
      [{ kind: 'review', startsAt: '2024-07-02T00:00:00Z', endsAt: '2024-07-01T00:00:00Z' }],
      'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
      'The end must be after the start.',
    ],
    [
      'rules.maxBelowMin',
      entryRulesSchema,
      { ...defaultEntryRules(), minDurationSec: 600, maxDurationSec: 300 },
      'Thời lượng tối đa phải không nhỏ hơn thời lượng tối thiểu.',
      'The maximum duration must not be below the minimum.',
    ],
    [
      'rubric.weightsNot100',
      rubricSchema,
      [{ name: 'A', weight: 50, scaleMax: 10 }],
      'Tổng trọng số các tiêu chí chấm phải bằng 100.',
      'The weights of the criteria must add up to 100.',
    ],
    [
      'quota.maxBelowMin',
      unitCategorySchema,
      { code: 'commune', name: 'Xã', minEntries: 3, maxEntries: 2 },
      'Số tác phẩm tối đa phải không nhỏ hơn số tối thiểu.',
      'The maximum number of entries must not be below the minimum.',
    ],
    [
      'timeZone.invalid',
      contestSettingsSchema.shape.timeZone,
      'Asia/Vinh_Linh',
      'Múi giờ không hợp lệ (ví dụ đúng: Asia/Ho_Chi_Minh).',
      'Not a valid time zone (for example Asia/Ho_Chi_Minh).',
    ],
  ];

  it.each(cases)('%s has a message in each language', (key, schema, value, vi, en) => {
    const issue = firstIssue(schema, value);
    expect(issue.message).toBe(key);
    expect(localizeIssue(issue, 'vi')).toBe(vi);
    expect(localizeIssue(issue, 'en')).toBe(en);
  });
});

describe("localizeIssue: zod's own checks", () => {
  it('translates a too-short string, keeping the limit', () => {
    const issue = firstIssue(z.object({ name: z.string().min(3) }), { name: 'ab' });
    const vi = localizeIssue(issue, 'vi');
    const en = localizeIssue(issue, 'en');
    expect(vi).toMatch(/^Quá nhỏ/);
    expect(vi).toContain('3');
    expect(en).toMatch(/^Too small/);
    expect(en).toContain('3');
  });

  it('translates a too-large number', () => {
    const issue = firstIssue(z.number().max(100), 101);
    expect(localizeIssue(issue, 'vi')).toMatch(/^Quá lớn.*100/);
    expect(localizeIssue(issue, 'en')).toMatch(/^Too big.*100/);
  });

  it('translates a missing required field', () => {
    const issue = firstIssue(z.object({ name: z.string() }), {});
    expect(localizeIssue(issue, 'vi')).toMatch(/^Thiếu giá trị hoặc sai kiểu: cần string/);
    expect(localizeIssue(issue, 'en')).toMatch(/^Missing or of the wrong type: expected string/);
  });

  it('translates an invalid choice and lists the options', () => {
    const issue = firstIssue(z.enum(['vi', 'en']), 'fr');
    expect(localizeIssue(issue, 'vi')).toMatch(/^Tùy chọn không hợp lệ.*"vi".*"en"/);
    expect(localizeIssue(issue, 'en')).toMatch(/^Invalid option.*"vi".*"en"/);
  });

  it('translates an invalid e-mail address', () => {
    const issue = firstIssue(z.string().email(), 'not-an-email');
    expect(localizeIssue(issue, 'vi').toLowerCase()).toContain('email không hợp lệ');
    expect(localizeIssue(issue, 'en')).toBe('Invalid email address');
  });

  it('falls back to a generic message for a custom rule it does not know', () => {
    expect(localizeIssue({ code: 'custom', message: 'something.else' }, 'vi')).toBe('Đầu vào không hợp lệ');
    expect(localizeIssue({ code: 'custom', message: 'something.else' }, 'en')).toBe('Invalid input');
  });
});
