/**
 * The verification code printed on a certificate and in its QR code. The server computes
 * HMAC-SHA256(CERTIFICATE_KEY, certificatePayload(c)) and keeps its first 100 bits, written as 20 characters of
 * Crockford base32 (no I, L, O, U: nothing to misread on paper) in five groups of four: "K3QF-9XDA-7M2P-WT4E-B8NC".
 * 2^100 codes: guessing one is hopeless, and the code binds the certificate's content, so the server can tell a
 * stored certificate that was altered (the code no longer matches its content) from a genuine one.
 *
 * The QR code holds `verificationUrl(base, code)`; the public page looks the code up, recomputes the HMAC and shows
 * the certificate as issued (number, recipient, entry, prize, date, and whether it was revoked or replaced).
 */
import { docLine } from './text.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 20;
const CODE_BITS = CODE_LENGTH * 5;
/** Bytes of the MAC the code is read from. */
export const CODE_MAC_BYTES = Math.ceil(CODE_BITS / 8);

/** What a certificate's code vouches for. Every string is taken as it will be printed (NFC, cleaned). */
export interface CertificateFacts {
  contestId: number;
  /** "07/GCN-BTC" */
  number: string;
  /** yyyy-mm-dd, the date printed on the certificate. */
  issuedOn: string;
  recipient: string;
  entryCode: string;
  prizeName: string;
}

/**
 * The exact bytes the HMAC is computed over: a JSON array with a version tag first, so that a later change of what
 * is vouched for gets a new tag and old certificates still verify under the old one.
 */
export function certificatePayload(c: CertificateFacts): string {
  if (!Number.isSafeInteger(c.contestId) || c.contestId < 1) throw new RangeError('contestId');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(c.issuedOn)) throw new RangeError('issuedOn must be yyyy-mm-dd');
  return JSON.stringify([
    'certificate/v1',
    c.contestId,
    docLine(c.number),
    c.issuedOn,
    docLine(c.recipient),
    docLine(c.entryCode),
    docLine(c.prizeName),
  ]);
}

/** The code from the MAC's first bytes (at least CODE_MAC_BYTES). */
export function codeFromMac(mac: Uint8Array): string {
  if (mac.length < CODE_MAC_BYTES) throw new RangeError(`The MAC needs at least ${CODE_MAC_BYTES} bytes.`);
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; out.length < CODE_LENGTH; i++) {
    buffer = ((buffer << 8) | mac[i]!) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < CODE_LENGTH) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  return out;
}

/** "K3QF-9XDA-7M2P-WT4E-B8NC" for print. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/**
 * A code as a person typed or a scanner read it: case, spaces and hyphens ignored, O read as 0 and I, L as 1
 * (Crockford's rule). Null when it cannot be a code, so that the page says "not a valid code" before any lookup.
 */
export function parseCode(input: string): string | null {
  const s = input.normalize('NFC').toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

/** The address in the QR code: short, so that the code stays small enough to scan off paper. */
export function verificationUrl(publicBaseUrl: string, code: string): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(base)) throw new RangeError('The public base URL must be absolute.');
  return `${base}/v/${code}`;
}

/** The code in a scanned verification URL, or null when the URL is not one of ours. */
export function codeFromUrl(publicBaseUrl: string, url: string): string | null {
  const prefix = `${publicBaseUrl.replace(/\/+$/, '')}/v/`;
  return url.startsWith(prefix) ? parseCode(url.slice(prefix.length)) : null;
}

export type VerificationOutcome =
  /** The code and its certificate's content agree; `numberMatches` says whether the number shown matches. */
  | { kind: 'genuine'; revoked: boolean; numberMatches: boolean | null }
  /** No certificate has this code: mistyped, or not issued by the organizers. */
  | { kind: 'unknown' }
  /** A certificate has the code but its content no longer gives it: the record was altered. */
  | { kind: 'altered' };

/**
 * What the verification page says. `stored` is the certificate found by the code (or null), `recomputed` the code
 * the server computed again from its content, `presentedNumber` the number a person typed from the paper, if any.
 */
export function verificationOutcome(
  code: string,
  stored: { number: string; revoked: boolean } | null,
  recomputed: string | null,
  presentedNumber?: string,
): VerificationOutcome {
  if (!stored) return { kind: 'unknown' };
  if (recomputed !== code) return { kind: 'altered' };
  const numberMatches =
    presentedNumber === undefined ? null : normalizeNumber(presentedNumber) === normalizeNumber(stored.number);
  return { kind: 'genuine', revoked: stored.revoked, numberMatches };
}

function normalizeNumber(s: string): string {
  return docLine(s)
    .toUpperCase()
    .replace(/^SỐ\s*:?\s*/, '')
    .replace(/\s+/g, '');
}
