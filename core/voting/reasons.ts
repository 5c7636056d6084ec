/**
 * Why a vote was quarantined, flagged or invalidated: stable codes that the vote log, the staff screens and the public
 * results share, with their text in both languages. Codes are lower case with underscores (the log's format needs
 * that); the text says what was seen without naming anyone.
 */

export const REASONS = {
  // Integrity signals (core/voting/integrity.ts).
  address_burst: {
    vi: 'Nhiều phiếu cho cùng một tác phẩm từ một địa chỉ mạng trong thời gian ngắn',
    en: 'Many votes for one entry from one network address in a short time',
  },
  network_burst: {
    vi: 'Nhiều phiếu cho cùng một tác phẩm từ một dải mạng trong thời gian ngắn',
    en: 'Many votes for one entry from one network range in a short time',
  },
  one_sided_source: {
    vi: 'Gần như mọi phiếu từ nguồn mạng này dồn cho một tác phẩm',
    en: 'Nearly every vote from this network source went to one entry',
  },
  address_many_voters: {
    vi: 'Nhiều người bình chọn dùng chung một địa chỉ mạng (thường gặp với mạng di động, Wi-Fi công cộng)',
    en: 'Many voters shared one network address (common on mobile networks and public Wi-Fi)',
  },
  network_many_voters: {
    vi: 'Nhiều người bình chọn dùng chung một dải mạng',
    en: 'Many voters shared one network range',
  },
  device_shared: {
    vi: 'Nhiều danh tính khác nhau bình chọn từ cùng một thiết bị trong ngày',
    en: 'Many different identities voted from one device in a day',
  },
  regular_timing: {
    vi: 'Các phiếu đến đều đặn như máy (khoảng cách thời gian gần như không đổi)',
    en: 'Votes arrived at machine-like regular intervals',
  },
  entry_burst: {
    vi: 'Số phiếu cho tác phẩm tăng vọt so với nhịp thường',
    en: 'Votes for the entry jumped far above their usual rate',
  },
  fresh_wave: {
    vi: 'Một đợt phiếu dồn dập cho một tác phẩm từ các danh tính vừa được xác minh rồi để dành',
    en: 'A wave of votes for one entry from identities verified earlier and held back',
  },
  wave_cohort: {
    vi: 'Danh tính đã tham gia một đợt phiếu dồn dập bị tạm giữ trước đó',
    en: 'The identity took part in an earlier wave of votes that was held for review',
  },
  disposable_email: {
    vi: 'Xác minh bằng hộp thư tạm thời',
    en: 'Verified with a temporary mailbox',
  },
  // Staff decisions (core/voting/vote-status.ts).
  staff_counted: {
    vi: 'Ban Tổ chức xem xét và tính phiếu',
    en: 'Reviewed and counted by the organizers',
  },
  staff_fraud: {
    vi: 'Ban Tổ chức xác định là gian lận',
    en: 'Found to be fraudulent by the organizers',
  },
  staff_same_person: {
    vi: 'Ban Tổ chức xác định một người dùng nhiều danh tính',
    en: 'Found by the organizers to be one person using several identities',
  },
  staff_entry_withdrawn: {
    vi: 'Tác phẩm bị rút hoặc bị loại khỏi cuộc thi',
    en: 'The entry was withdrawn or disqualified',
  },
  staff_other: {
    vi: 'Lý do khác do Ban Tổ chức ghi nhận',
    en: 'Another reason recorded by the organizers',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ReasonCode = keyof typeof REASONS;

export const REASON_CODE_RE = /^[a-z][a-z0-9_]{0,39}$/;

export function isReasonCode(s: string): s is ReasonCode {
  return Object.hasOwn(REASONS, s);
}

/** The text of a code; an unknown code (from a newer version's log) is shown as it is. */
export function reasonText(code: string, lang: 'vi' | 'en'): string {
  return isReasonCode(code) ? REASONS[code][lang] : code;
}
