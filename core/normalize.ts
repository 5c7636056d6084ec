/** Text normalization shared by search, matching (R4) and documents. */

export function nfc(s: string): string {
  return s.normalize('NFC');
}

/** Folds Vietnamese diacritics and case so that "vinh thai" matches "Vĩnh Thái". */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function normalizeEmail(email: string): string {
  return nfc(email).trim().toLowerCase();
}

/**
 * Vietnamese phone numbers in one form: national "0", then nine digits (mobile) or ten (landline, "02…").
 * Accepts "+84 912 345 678", "84912345678", "0912.345.678", "0233 3863 123". Returns null when it is not a
 * Vietnamese number, so that "0905777888 (Zalo)" cannot slip past a comparison.
 */
export function normalizePhone(phone: string): string | null {
  let digits = phone.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = '0' + digits.slice(3);
  else if (/^84\d{9,10}$/.test(digits)) digits = '0' + digits.slice(2);
  if (/^0[3-9]\d{8}$/.test(digits) || /^02\d{9}$/.test(digits)) return digits;
  return null;
}

/** Bidirectional embeddings, overrides and isolates: they can reverse how a title or name reads. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/gu;
/** Spaces and characters that take no room on screen (zero-width space, joiners, word joiner, BOM, soft hyphen). */
const INVISIBLE = /[\s\u00ad\u180e\u200b-\u200d\u2060\ufeff]/gu;

/** Text as it is stored: NFC, without bidirectional controls, trimmed. */
export function cleanText(s: string): string {
  return nfc(s.replace(BIDI_CONTROLS, '')).trim();
}

/** True when nothing of `s` shows on screen once spaces and zero-width characters are gone. */
export function isInvisibleText(s: string): boolean {
  return s.replace(BIDI_CONTROLS, '').replace(INVISIBLE, '') === '';
}
