/**
 * The usage licence of entries (plan II.3): winning works are republished on the district's portal and social media
 * with the author named. The entrant accepts it with the entry's declaration; the version accepted is stored with the
 * entry at submission and printed on the receipt. A changed text gets a new version and the old ones stay here, so
 * that every receipt prints the words its entrant accepted. No zod here: the public pages import this file.
 */

export interface LicenceText {
  version: string;
  vi: string;
  en: string;
}

export const USAGE_LICENCES: readonly LicenceText[] = [
  {
    version: '2026.1',
    vi:
      'Giấy phép sử dụng: nếu tác phẩm đoạt giải, tác giả đồng ý để Ban Tổ chức đăng tải lại tác phẩm trên Cổng ' +
      'thông tin điện tử của huyện và các trang mạng xã hội của cuộc thi, có ghi rõ tên tác giả.',
    en:
      'Usage licence: if the work wins a prize, the author agrees that the organizers republish it on the ' +
      "district's web portal and the contest's social media pages, with the author named.",
  },
];

/** The licence an entry accepts when it is submitted now. */
export const CURRENT_LICENCE: LicenceText = USAGE_LICENCES[USAGE_LICENCES.length - 1]!;

/** The text of a stored version; null for an entry submitted before the licence was stated (or an unknown one). */
export function licenceText(version: string | null): LicenceText | null {
  return USAGE_LICENCES.find((l) => l.version === version) ?? null;
}
