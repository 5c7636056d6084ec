/**
 * Consents and their texts (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): every consent is stored with the version of
 * the text the person was shown, so that it can be shown back to them word for word. A changed text is a new
 * version; the old ones stay here for the consents given under them.
 */
import { CONSENT_PURPOSE } from './entry.ts';

export const CONSENT_PURPOSES = ['entry', 'account', 'voting', 'mail'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export interface ConsentText {
  purpose: ConsentPurpose;
  /** The statement beside the checkbox, then the purpose the form states under it. */
  vi: string;
  en: string;
}

export const CONSENT_TEXTS: Record<string, ConsentText> = {
  'entry-v1': {
    purpose: 'entry',
    vi:
      'Tôi đồng ý cho Ban Tổ chức xử lý dữ liệu cá nhân của các tác giả nêu trên theo Luật Bảo vệ dữ liệu cá nhân, ' +
      `với mục đích sau: ${CONSENT_PURPOSE.vi}`,
    en:
      'I consent to the organizers processing the personal data of the authors above under the Personal Data ' +
      `Protection Law, for this purpose: ${CONSENT_PURPOSE.en}`,
  },
  'account-v1': {
    purpose: 'account',
    vi:
      'Tôi đồng ý để Ban Tổ chức dùng họ tên, thư điện tử và số điện thoại của tôi cho việc tổ chức cuộc thi (liên ' +
      'hệ, xác minh, trao giải), theo Luật Bảo vệ dữ liệu cá nhân.',
    en:
      'I agree that the organizers use my name, e-mail and phone number to run the contest (contact, verification, ' +
      'awards), under the Personal Data Protection Law.',
  },
  'voting-v1': {
    purpose: 'voting',
    vi:
      'Khi bấm «Gửi mã xác minh», tôi đồng ý để Ban Tổ chức dùng số điện thoại hoặc thư điện tử của tôi để gửi mã ' +
      'xác minh, và giữ mã băm của nó để mỗi người chỉ bình chọn theo đúng thể lệ, đến hết thời hạn lưu sau khi kết ' +
      'thúc bình chọn, theo Luật Bảo vệ dữ liệu cá nhân.',
    en:
      'By pressing “Send the code”, I agree that the organizers use my phone number or e-mail address to send me ' +
      'the code, and keep a keyed hash of it so that each person votes only as the rules allow, until the retention ' +
      'period after voting closes, under the Personal Data Protection Law.',
  },
};

/**
 * The version a new consent of each purpose is recorded under (null: no consent of that kind is asked: the platform
 * sends no marketing mail, only the messages a contest needs, so there is no mail consent).
 */
export const CURRENT_CONSENT_VERSION: Record<ConsentPurpose, string | null> = {
  entry: 'entry-v1',
  account: 'account-v1',
  voting: 'voting-v1',
  mail: null,
};

export function consentText(version: string, lang: 'vi' | 'en'): string | null {
  return CONSENT_TEXTS[version]?.[lang] ?? null;
}
