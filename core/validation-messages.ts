import { z } from 'zod';
import type { Lang } from './errors.ts';

/** Our own refinement messages (the `message` of custom issues), in both languages. */
const CUSTOM: Record<string, { vi: string; en: string }> = {
  'phase.duplicate': { vi: 'Giai đoạn này đã được khai báo.', en: 'This phase is declared twice.' },
  'phase.endBeforeStart': {
    vi: 'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
    en: 'The end must be after the start.',
  },
  'rules.maxBelowMin': {
    vi: 'Thời lượng tối đa phải không nhỏ hơn thời lượng tối thiểu.',
    en: 'The maximum duration must not be below the minimum.',
  },
  'rubric.weightsNot100': {
    vi: 'Tổng trọng số các tiêu chí chấm phải bằng 100.',
    en: 'The weights of the criteria must add up to 100.',
  },
  'quota.maxBelowMin': {
    vi: 'Số tác phẩm tối đa phải không nhỏ hơn số tối thiểu.',
    en: 'The maximum number of entries must not be below the minimum.',
  },
  'timeZone.invalid': {
    vi: 'Múi giờ không hợp lệ (ví dụ đúng: Asia/Ho_Chi_Minh).',
    en: 'Not a valid time zone (for example Asia/Ho_Chi_Minh).',
  },
};

const maps = { vi: z.locales.vi().localeError, en: z.locales.en().localeError };

/** A validation issue's message in the caller's language. */
export function localizeIssue(issue: { code: string; message?: string; [k: string]: unknown }, lang: Lang): string {
  if (issue.message && CUSTOM[issue.message]) return CUSTOM[issue.message]![lang];
  // Issues reach us without the rejected value, so zod's own text would claim it "received undefined".
  if (issue.code === 'invalid_type' && !('input' in issue) && typeof issue.expected === 'string') {
    return lang === 'vi'
      ? `Thiếu giá trị hoặc sai kiểu: cần ${issue.expected}`
      : `Missing or of the wrong type: expected ${issue.expected}`;
  }
  const out = maps[lang](issue as never);
  if (typeof out === 'string') return out;
  return out?.message ?? issue.message ?? issue.code;
}
