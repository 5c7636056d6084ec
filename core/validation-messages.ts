import { z } from 'zod';
import type { Lang } from './errors.ts';

type Text = { vi: string; en: string };

/** Our own refinement messages (the `message` of custom issues), in both languages. */
const CUSTOM: Record<string, Text> = {
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
  'phone.invalid': {
    vi: 'Số điện thoại không hợp lệ; ghi 10 số di động hoặc 11 số máy bàn, bắt đầu bằng 0 (ví dụ 0912 345 678).',
    en:
      'Not a valid phone number; write the 10-digit mobile or 11-digit landline number starting with 0 ' +
      '(for example 0912 345 678).',
  },
  'id.notCanonical': {
    vi: 'Mã số phải viết bằng chữ số thập phân, không có số 0 ở đầu, dấu hay khoảng trắng (ví dụ đúng: 42).',
    en: 'An id is written in decimal digits, with no leading zero, sign or space (for example 42).',
  },
  'slug.format': {
    vi:
      'Địa chỉ rút gọn (slug) chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang giữa các từ, ' +
      'ví dụ: vinh-linh-2026.',
    en:
      'A short address (slug) has only lowercase letters without accents, digits and hyphens between words, ' +
      'for example: vinh-linh-2026.',
  },
  'contest.identityEmpty': {
    vi: 'Hãy nhập địa chỉ rút gọn (slug) mới hoặc tên mới của cuộc thi.',
    en: "Give the contest's new short address (slug) or its new name.",
  },
  'documents.issuerRequired': {
    vi: 'Hãy nhập cơ quan ban hành văn bản (ví dụ: Ủy ban nhân dân huyện Vĩnh Linh); văn bản không thể thiếu.',
    en: 'Give the issuing body (for example Ủy ban nhân dân huyện Vĩnh Linh); no document can go without it.',
  },
  'documents.placeRequired': {
    vi: 'Hãy nhập địa danh ghi ở dòng “…, ngày … tháng … năm …” (ví dụ: Vĩnh Linh).',
    en: 'Give the place name of the date line “…, ngày … tháng … năm …” (for example Vĩnh Linh).',
  },
  'documents.positionRequired': {
    vi: 'Hãy nhập chức vụ của người ký (ví dụ: Chủ tịch, Trưởng ban).',
    en: 'Give the signer’s position (for example Chủ tịch, Trưởng ban).',
  },
  'documents.signerRequired': {
    vi: 'Hãy nhập họ và tên người ký; văn bản và giấy chứng nhận không thể thiếu người ký.',
    en: 'Give the signer’s full name; documents and certificates cannot go unsigned.',
  },
  'document.abbrInvalid': {
    vi: 'Chữ viết tắt của cơ quan chỉ gồm chữ in hoa, chữ số và dấu gạch ngang giữa các phần (ví dụ: UBND, BTC).',
    en: 'The body’s abbreviation has only capitals, digits and hyphens between parts (for example UBND, BTC).',
  },
  'text.invisible': {
    vi: 'Chỉ có khoảng trắng hoặc ký tự không nhìn thấy (độ rộng 0). Hãy gõ nội dung bằng chữ nhìn thấy được.',
    en: 'Only spaces or invisible (zero-width) characters. Type it in visible letters.',
  },
  'timeZone.invalid': {
    vi: 'Múi giờ không hợp lệ (ví dụ đúng: Asia/Ho_Chi_Minh).',
    en: 'Not a valid time zone (for example Asia/Ho_Chi_Minh).',
  },
  'voting.formulaAllZero': {
    vi: 'Công thức tính điểm fanpage cần ít nhất một hệ số lớn hơn 0.',
    en: 'The fanpage formula needs at least one weight above 0.',
  },
  'voting.identitiesDuplicate': {
    vi: 'Mỗi cách xác minh (điện thoại, thư điện tử) chỉ chọn một lần.',
    en: 'Choose each way of verifying (phone, e-mail) once.',
  },
  'voting.residentListNeedsPhone': {
    vi: 'Danh sách cư dân chứa số điện thoại: khi dùng danh sách, hãy cho phép xác minh bằng điện thoại.',
    en: 'The residents’ list holds phone numbers: when it is used, allow verifying by phone.',
  },
  'voting.phoneNeedsSmsBudget': {
    vi: 'Xác minh bằng điện thoại cần hạn mức tin nhắn mỗi ngày lớn hơn 0, hoặc bỏ cách xác minh bằng điện thoại.',
    en: 'Verifying by phone needs a daily text-message budget above 0, or turn verifying by phone off.',
  },
  'voting.domainInvalid': {
    vi: 'Tên miền không hợp lệ (ví dụ đúng: example.com).',
    en: 'Not a valid domain (for example example.com).',
  },
};

/** The JSON types a field may expect, as a sentence names them. */
const TYPES: Record<string, Text> = {
  string: { vi: 'chuỗi ký tự', en: 'a string' },
  number: { vi: 'số', en: 'a number' },
  int: { vi: 'số nguyên', en: 'a whole number' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  array: { vi: 'danh sách (mảng JSON)', en: 'a list (JSON array)' },
  object: { vi: 'đối tượng JSON', en: 'a JSON object' },
};

/** Formats of strings that our schemas check, with an example of a right value. */
const FORMATS: Record<string, Text> = {
  email: {
    vi: 'Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@example.vn).',
    en: 'Not a valid e-mail address (for example name@example.vn).',
  },
  datetime: {
    vi: 'Cần ngày giờ theo ISO 8601 kèm múi giờ, ví dụ 2026-12-20T17:00:00+07:00.',
    en: 'Expected an ISO 8601 date and time with its offset, for example 2026-12-20T17:00:00+07:00.',
  },
};

const zodLocales = { vi: z.locales.vi().localeError, en: z.locales.en().localeError };

function listOf(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function choices(values: readonly unknown[], lang: Lang): string {
  if (values.length === 1) return lang === 'vi' ? `Phải là ${listOf(values)}.` : `Must be ${listOf(values)}.`;
  return lang === 'vi' ? `Phải là một trong các giá trị: ${listOf(values)}.` : `Must be one of: ${listOf(values)}.`;
}

function count(n: string, noun: string): string {
  return n === '1' ? `one ${noun}` : `${n} ${noun}s`;
}

/** What a too-short or too-long value needs, for strings, lists and numbers; null for what zod's locale says well. */
function sizeMessage(issue: Record<string, unknown>, lang: Lang): string | null {
  const small = issue.code === 'too_small';
  const limit = small ? issue.minimum : issue.maximum;
  if (typeof limit !== 'number' && typeof limit !== 'bigint') return null;
  const n = String(limit);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && n === '1') return lang === 'vi' ? 'Không được để trống.' : 'Must not be empty.';
      if (small) return lang === 'vi' ? `Cần ít nhất ${n} ký tự.` : `Needs at least ${count(n, 'character')}.`;
      return lang === 'vi' ? `Tối đa ${n} ký tự.` : `At most ${count(n, 'character')}.`;
    case 'array':
    case 'set':
      if (small) return lang === 'vi' ? `Cần ít nhất ${n} mục.` : `Needs at least ${count(n, 'item')}.`;
      return lang === 'vi' ? `Tối đa ${n} mục.` : `At most ${count(n, 'item')}.`;
    case 'number':
    case 'int':
    case 'bigint':
      if (small && inclusive) return lang === 'vi' ? `Phải từ ${n} trở lên.` : `Must be ${n} or more.`;
      if (small) return lang === 'vi' ? `Phải lớn hơn ${n}.` : `Must be greater than ${n}.`;
      if (inclusive) return lang === 'vi' ? `Không được lớn hơn ${n}.` : `Must be ${n} or less.`;
      return lang === 'vi' ? `Phải nhỏ hơn ${n}.` : `Must be less than ${n}.`;
    default:
      return null;
  }
}

/**
 * A validation issue's message in the caller's language, saying what the field expects. The common checks have
 * messages of our own; the rest get zod's translation.
 */
export function localizeIssue(issue: { code: string; message?: string; [k: string]: unknown }, lang: Lang): string {
  if (issue.message && CUSTOM[issue.message]) return CUSTOM[issue.message]![lang];
  switch (issue.code) {
    case 'invalid_type': {
      // Issues reach us without the rejected value, so "missing" and "wrong type" cannot be told apart.
      const expected = typeof issue.expected === 'string' ? issue.expected : '';
      const type = TYPES[expected]?.[lang] ?? expected;
      return lang === 'vi'
        ? `Thiếu giá trị hoặc sai kiểu: cần ${type}.`
        : `Missing or of the wrong type: expected ${type}.`;
    }
    case 'too_small':
    case 'too_big': {
      const out = sizeMessage(issue, lang);
      if (out) return out;
      break;
    }
    case 'invalid_value':
      if (Array.isArray(issue.values)) return choices(issue.values, lang);
      break;
    case 'invalid_union':
      // A discriminated union whose tag is missing or unknown (e.g. `party.kind`).
      if (Array.isArray(issue.options) && issue.options.length) return choices(issue.options, lang);
      break;
    case 'invalid_format':
      if (typeof issue.format === 'string' && FORMATS[issue.format]) return FORMATS[issue.format]![lang];
      break;
  }
  const out = zodLocales[lang](issue as never);
  if (typeof out === 'string') return out;
  return out?.message ?? issue.message ?? issue.code;
}

/** Where in the request a wrong value was: Fastify's validation contexts. */
export type IssueLocation = 'body' | 'querystring' | 'params' | 'headers';

const LOCATIONS: Record<IssueLocation, Text> = {
  body: { vi: 'nội dung yêu cầu', en: 'request body' },
  querystring: { vi: 'tham số truy vấn', en: 'query parameter' },
  params: { vi: 'tham số đường dẫn', en: 'path parameter' },
  headers: { vi: 'tiêu đề', en: 'header' },
};

/** A field as the summary names it: `authors.0.phone` for the body, `query parameter status` elsewhere. */
function fieldName(location: IssueLocation, path: string, lang: Lang): string {
  if (!path) return LOCATIONS[location][lang];
  return location === 'body' ? path : `${LOCATIONS[location][lang]} ${path}`;
}

const MAX_NAMED = 10;

/** The message of a `validation` error: which fields are wrong; each field's own message is in the details. */
export function validationSummary(issues: readonly { in: IssueLocation; path: string }[], lang: Lang): string {
  const names = [...new Set(issues.map((i) => fieldName(i.in, i.path, lang)))];
  const shown = names.slice(0, MAX_NAMED).join(', ');
  const more = names.length - MAX_NAMED;
  if (lang === 'vi') {
    const rest = more > 0 ? ` và ${more} trường khác` : '';
    return (
      `Dữ liệu gửi lên không hợp lệ ở ${names.length} trường: ${shown}${rest}. ` +
      'Hãy sửa theo hướng dẫn ở từng trường rồi gửi lại.'
    );
  }
  const rest = more > 0 ? ` and ${more} more` : '';
  const count = names.length === 1 ? 'one field' : `${names.length} fields`;
  return `The data sent is not valid in ${count}: ${shown}${rest}. Fix each as its message says and send it again.`;
}
