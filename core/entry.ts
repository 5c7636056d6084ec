import { z } from 'zod';
import { ENTRY_FORMS } from './contest.ts';
import { cleanText, normalizePhone } from './normalize.ts';
import { titleText } from './text-fields.ts';

const text = (max: number) => z.string().transform(cleanText).pipe(z.string().max(max));

/** R8: each author's (or group member's) details. Address and phone are personal data: never shown publicly. */
export const authorSchema = z.object({
  fullName: titleText(2, 200),
  position: text(200).default(''),
  unitName: text(300).default(''),
  address: text(500).default(''),
  phone: z.string().trim().max(30).default(''),
  email: z.string().trim().max(200).default(''),
});
export type Author = z.infer<typeof authorSchema>;

export const partySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), unitId: z.number().int().positive() }),
  z.object({ kind: z.literal('person') }),
]);

/** What an entrant fills in. Every field may be incomplete in a draft; `missingForSubmission` says what is left. */
export const entryDraftSchema = z.object({
  title: titleText(0, 300).default(''),
  form: z.enum(ENTRY_FORMS).nullable().default(null),
  synopsis: text(5000).default(''),
  /** Index into the contest's suggested topics, or null for "other, on the theme". */
  topicIndex: z.number().int().min(0).max(50).nullable().default(null),
  party: partySchema,
  isGroup: z.boolean().default(false),
  groupName: titleText(0, 300).default(''),
  authors: z.array(authorSchema).max(30).default([]),
  /** R9: the entrant declares the work original and that they hold the rights to all music and footage. */
  originalityDeclared: z.boolean().default(false),
  thirdPartyMaterial: text(5000).default(''),
  /** Law 91/2025/QH15: consent to processing personal data for the stated purpose. */
  consentGiven: z.boolean().default(false),
});
export type EntryDraft = z.infer<typeof entryDraftSchema>;

export const CONSENT_PURPOSE = {
  vi:
    'Thông tin cá nhân (họ tên, chức vụ, đơn vị, địa chỉ, số điện thoại) chỉ dùng để Ban Tổ chức liên hệ, xác ' +
    'minh tác giả, trao giải và lập hồ sơ khen thưởng của cuộc thi; địa chỉ và số điện thoại không được công ' +
    'khai.',
  en:
    'Personal data (name, position, unit, address, phone) is used only for the organizers to contact and verify ' +
    'authors, award prizes and keep the award records of this contest; addresses and phones are never published.',
} as const;

export interface Missing {
  field: string;
  message: { vi: string; en: string };
}

/** Everything a draft still lacks before it can be submitted (R8, R9, consent). */
export function missingForSubmission(d: EntryDraft, allowedForms: readonly string[]): Missing[] {
  const out: Missing[] = [];
  const need = (field: string, vi: string, en: string) => out.push({ field, message: { vi, en } });
  if (!d.title) need('title', 'Chưa có tên tác phẩm.', 'The title is missing.');
  if (!d.form) need('form', 'Chưa chọn hình thức tác phẩm.', 'Choose the form of the work.');
  else if (!allowedForms.includes(d.form))
    need('form', 'Hình thức này không được thể lệ cho phép.', 'The rules do not allow this form.');
  if (!d.synopsis) need('synopsis', 'Chưa có tóm tắt nội dung.', 'The synopsis is missing.');
  if (d.authors.length === 0) need('authors', 'Cần ít nhất một tác giả.', 'At least one author is needed.');
  if (d.isGroup && !d.groupName) need('groupName', 'Chưa có tên nhóm tác giả.', 'The group name is missing.');
  d.authors.forEach((a, i) => {
    const n = i + 1;
    if (!a.position)
      need(`authors.${i}.position`, `Tác giả ${n}: thiếu chức vụ.`, `Author ${n}: the position is missing.`);
    if (!a.unitName)
      need(`authors.${i}.unitName`, `Tác giả ${n}: thiếu đơn vị công tác.`, `Author ${n}: the unit is missing.`);
    if (!a.address)
      need(`authors.${i}.address`, `Tác giả ${n}: thiếu địa chỉ.`, `Author ${n}: the address is missing.`);
    if (!a.phone)
      need(`authors.${i}.phone`, `Tác giả ${n}: thiếu số điện thoại.`, `Author ${n}: the phone is missing.`);
    else if (!normalizePhone(a.phone))
      need(
        `authors.${i}.phone`,
        `Tác giả ${n}: số điện thoại "${a.phone}" không hợp lệ; ghi 10 số di động hoặc 11 số máy bàn, bắt đầu ` +
          `bằng 0.`,
        `Author ${n}: the phone "${a.phone}" is not valid; write the 10-digit mobile or 11-digit landline ` +
          `number starting with 0.`,
      );
    // A decorated address ("x@y.vn (công việc)") would slip past the roster comparison (R4).
    if (a.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email))
      need(
        `authors.${i}.email`,
        `Tác giả ${n}: thư điện tử "${a.email}" không hợp lệ; hãy ghi đúng một địa chỉ hoặc để trống.`,
        `Author ${n}: the e-mail "${a.email}" is not valid; write a single address or leave it empty.`,
      );
  });
  if (!d.originalityDeclared)
    need(
      'originalityDeclared',
      'Cần cam kết tác phẩm là sáng tác của mình và có quyền sử dụng mọi âm nhạc, hình ảnh.',
      'Declare that the work is original and that you hold the rights to all music and footage.',
    );
  if (!d.consentGiven)
    need(
      'consentGiven',
      'Cần đồng ý cho xử lý dữ liệu cá nhân theo mục đích đã nêu.',
      'Consent to the processing of personal data for the stated purpose is needed.',
    );
  return out;
}

/** A withdrawn entry goes back to draft: it no longer counts against the quota and can be fixed and resubmitted. */
export const ENTRY_STATUSES = ['draft', 'submitted'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Entry codes: contest prefix and a zero-padded number, e.g. "VL2024-007". */
export function entryCode(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(3, '0')}`;
}
