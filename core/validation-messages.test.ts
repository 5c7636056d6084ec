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
import { localizeIssue, validationSummary } from './validation-messages.ts';

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

describe("localizeIssue: zod's own checks, saying what the field expects", () => {
  const cases: [string, z.ZodType, unknown, string, string][] = [
    [
      'a too-short string',
      z.object({ name: z.string().min(3) }),
      { name: 'ab' },
      'Cần ít nhất 3 ký tự.',
      'Needs at least 3 characters.',
    ],
    ['an empty string', z.string().min(1), '', 'Không được để trống.', 'Must not be empty.'],
    ['a too-long string', z.string().max(5), 'abcdef', 'Tối đa 5 ký tự.', 'At most 5 characters.'],
    ['a too-long list', z.array(z.number()).max(2), [1, 2, 3], 'Tối đa 2 mục.', 'At most 2 items.'],
    ['a too-short list', z.array(z.number()).min(1), [], 'Cần ít nhất 1 mục.', 'Needs at least one item.'],
    ['a too-large number', z.number().max(100), 101, 'Không được lớn hơn 100.', 'Must be 100 or less.'],
    ['a too-small number', z.number().min(1), 0, 'Phải từ 1 trở lên.', 'Must be 1 or more.'],
    ['a number not positive', z.number().positive(), 0, 'Phải lớn hơn 0.', 'Must be greater than 0.'],
    [
      'a missing required field',
      z.object({ name: z.string() }),
      {},
      'Thiếu giá trị hoặc sai kiểu: cần chuỗi ký tự.',
      'Missing or of the wrong type: expected a string.',
    ],
    [
      'a fraction where a whole number is needed',
      z.number().int(),
      1.5,
      'Thiếu giá trị hoặc sai kiểu: cần số nguyên.',
      'Missing or of the wrong type: expected a whole number.',
    ],
    [
      'an invalid choice',
      z.enum(['vi', 'en']),
      'fr',
      'Phải là một trong các giá trị: "vi", "en".',
      'Must be one of: "vi", "en".',
    ],
    ['a wrong literal', z.literal(true), false, 'Phải là true.', 'Must be true.'],
    [
      'an unknown kind of a tagged union',
      z.discriminatedUnion('kind', [z.object({ kind: z.literal('unit') }), z.object({ kind: z.literal('person') })]),
      { kind: 'group' },
      'Phải là một trong các giá trị: "unit", "person".',
      'Must be one of: "unit", "person".',
    ],
    [
      'an invalid e-mail address',
      z.string().email(),
      'not-an-email',
      'Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@example.vn).',
      'Not a valid e-mail address (for example name@example.vn).',
    ],
    [
      'a date without its offset',
      z.iso.datetime({ offset: true }),
      '2026-12-20 17:00',
      'Cần ngày giờ theo ISO 8601 kèm múi giờ, ví dụ 2026-12-20T17:00:00+07:00.',
      'Expected an ISO 8601 date and time with its offset, for example 2026-12-20T17:00:00+07:00.',
    ],
  ];

  it.each(cases)('%s', (_name, schema, value, vi, en) => {
    const issue = firstIssue(schema, value);
    expect(localizeIssue(issue, 'vi')).toBe(vi);
    expect(localizeIssue(issue, 'en')).toBe(en);
  });

  it("falls back to zod's translation for other checks", () => {
    const issue = firstIssue(z.object({ a: z.string() }).strict(), { a: 'x', b: 1 });
    expect(localizeIssue(issue, 'en')).toContain('"b"');
    expect(localizeIssue(issue, 'vi')).toContain('"b"');
  });

  it('falls back to a generic message for a custom rule it does not know', () => {
    expect(localizeIssue({ code: 'custom', message: 'something.else' }, 'vi')).toBe('Đầu vào không hợp lệ');
    expect(localizeIssue({ code: 'custom', message: 'something.else' }, 'en')).toBe('Invalid input');
  });
});

describe('validationSummary', () => {
  it('names each wrong field once, with where it is when not in the body', () => {
    const issues = [
      { in: 'body' as const, path: 'authors.0.phone' },
      { in: 'body' as const, path: 'authors.0.phone' },
      { in: 'querystring' as const, path: 'status' },
    ];
    expect(validationSummary(issues, 'vi')).toBe(
      'Dữ liệu gửi lên không hợp lệ ở 2 trường: authors.0.phone, tham số truy vấn status. ' +
        'Hãy sửa theo hướng dẫn ở từng trường rồi gửi lại.',
    );
    expect(validationSummary(issues, 'en')).toBe(
      'The data sent is not valid in 2 fields: authors.0.phone, query parameter status. ' +
        'Fix each as its message says and send it again.',
    );
  });

  it('names the body itself when it is not an object, and at most ten fields', () => {
    expect(validationSummary([{ in: 'body', path: '' }], 'en')).toContain('in one field: request body.');
    const many = Array.from({ length: 12 }, (_, i) => ({ in: 'body' as const, path: `f${i}` }));
    expect(validationSummary(many, 'en')).toContain('f9 and 2 more.');
    expect(validationSummary(many, 'vi')).toContain('f9 và 2 trường khác.');
  });
});
