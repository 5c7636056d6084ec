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
 * Vietnamese phone numbers in one form: national "0" followed by nine digits.
 * Accepts "+84 912 345 678", "84912345678", "0912.345.678". Returns null when it is not a Vietnamese number.
 */
export function normalizePhone(phone: string): string | null {
  let digits = phone.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = '0' + digits.slice(3);
  else if (/^84\d{9}$/.test(digits)) digits = '0' + digits.slice(2);
  if (!/^0\d{9}$/.test(digits)) return null;
  return digits;
}

/** Shows only the last three digits of a phone: for lists that staff read aloud or print. */
export function maskPhone(phone: string): string {
  return phone.length <= 3 ? '***' : '*'.repeat(phone.length - 3) + phone.slice(-3);
}
