/**
 * Vietnamese mobile numbers for voter verification: any common way of writing one becomes E.164 (+84…), and what
 * cannot receive a code by text message (foreign, service, short, landline, old 11-digit and unallocated numbers)
 * is refused with the reason. Stricter than `normalizePhone` in core/normalize.ts, which also takes landlines
 * because it matches entrants' contact details.
 */
import { problem, type VotingProblem } from './messages.ts';

/**
 * Mobile prefixes in use since the 2018 renumbering (10 digits with the leading 0). Update when the ministry
 * allocates a new block: a number outside this list is refused as "not a mobile prefix in use".
 */
export const MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  '032': 'Viettel',
  '033': 'Viettel',
  '034': 'Viettel',
  '035': 'Viettel',
  '036': 'Viettel',
  '037': 'Viettel',
  '038': 'Viettel',
  '039': 'Viettel',
  '052': 'Vietnamobile',
  '055': 'Reddi',
  '056': 'Vietnamobile',
  '058': 'Vietnamobile',
  '059': 'Gmobile',
  '070': 'MobiFone',
  '076': 'MobiFone',
  '077': 'MobiFone',
  '078': 'MobiFone',
  '079': 'MobiFone',
  '081': 'VinaPhone',
  '082': 'VinaPhone',
  '083': 'VinaPhone',
  '084': 'VinaPhone',
  '085': 'VinaPhone',
  '086': 'Viettel',
  '087': 'iTel',
  '088': 'VinaPhone',
  '089': 'MobiFone',
  '090': 'MobiFone',
  '091': 'VinaPhone',
  '092': 'Vietnamobile',
  '093': 'MobiFone',
  '094': 'VinaPhone',
  '096': 'Viettel',
  '097': 'Viettel',
  '098': 'Viettel',
  '099': 'Gmobile',
};

/** The 2018 renumbering of 11-digit mobiles: old four-digit prefix → new three-digit one. */
export const RENUMBERED_PREFIXES: Readonly<Record<string, string>> = {
  '0162': '032',
  '0163': '033',
  '0164': '034',
  '0165': '035',
  '0166': '036',
  '0167': '037',
  '0168': '038',
  '0169': '039',
  '0120': '070',
  '0121': '079',
  '0122': '077',
  '0126': '076',
  '0128': '078',
  '0123': '083',
  '0124': '084',
  '0125': '085',
  '0127': '081',
  '0129': '082',
  '0186': '056',
  '0188': '058',
  '0199': '059',
};

export type PhoneCheck =
  { ok: true; e164: string; national: string; last4: string; carrier: string } | { ok: false; problem: VotingProblem };

const refuse = (p: VotingProblem): PhoneCheck => ({ ok: false, problem: p });

/**
 * Accepts "0912 345 678", "0912.345.678", "+84 912 345 678", "(+84) 912-345-678", "84912345678", "0084912345678",
 * "+84 (0) 912 345 678", full-width digits, and a number whose leading 0 was lost ("912345678", as spreadsheets do).
 */
export function parseVietnameseMobile(input: string): PhoneCheck {
  const raw = input.normalize('NFKC').trim();
  if (raw === '') return refuse(problem('phone.empty'));
  const compact = raw.replace(/[\s.\-()/]/g, '');
  if (!/^\+?\d+$/.test(compact)) return refuse(problem('phone.format'));

  let digits: string;
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const intl = compact.startsWith('+') ? compact.slice(1) : compact.slice(2);
    if (!intl.startsWith('84')) return refuse(problem('phone.foreign'));
    digits = intl.slice(2);
    if (!digits.startsWith('0')) digits = `0${digits}`;
  } else if (/^84\d{9,10}$/.test(compact)) {
    digits = `0${compact.slice(2)}`;
  } else {
    digits = compact;
  }

  if (/^1[89]00\d{4}(\d{2})?$/.test(digits)) return refuse(problem('phone.service', { number: digits }));
  if (!digits.startsWith('0')) {
    if (digits.length <= 6) return refuse(problem('phone.short', { number: digits }));
    if (/^[35789]\d{8}$/.test(digits)) digits = `0${digits}`;
    else return refuse(problem('phone.prefix', { prefix: digits.slice(0, 3) }));
  }
  if (/^02\d{9}$/.test(digits)) return refuse(problem('phone.landline', { number: digits }));
  if (/^01\d{9}$/.test(digits)) {
    const now = RENUMBERED_PREFIXES[digits.slice(0, 4)];
    if (now) return refuse(problem('phone.oldPrefix', { old: digits.slice(0, 4), number: now + digits.slice(4) }));
    return refuse(problem('phone.prefix', { prefix: digits.slice(0, 4) }));
  }
  if (digits.length !== 10) return refuse(problem('phone.length', { digits: digits.length }));
  const carrier = MOBILE_PREFIXES[digits.slice(0, 3)];
  if (!carrier) return refuse(problem('phone.prefix', { prefix: digits.slice(0, 3) }));
  return { ok: true, e164: `+84${digits.slice(1)}`, national: digits, last4: digits.slice(-4), carrier };
}

/** What staff and the voter see of a number: its last four digits ("•••• •• 4567"). */
export function maskPhone(last4: string): string {
  return `•••• •• ${last4}`;
}
