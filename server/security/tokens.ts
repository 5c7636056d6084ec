import crypto from 'node:crypto';

// Random bytes drawn 4 KB at a time, each byte handed out once: a rendered public page gives every new visitor a
// CSRF token, and a call to the system's generator for each was a twentieth of the server's time on a cached page.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let used = 0;

/** 32 random bytes, base64url: session tokens, CSRF tokens, reset links. */
export function randomToken(bytes = 32): string {
  if (bytes > POOL_SIZE) return crypto.randomBytes(bytes).toString('base64url');
  if (used + bytes > pool.length) {
    pool = crypto.randomBytes(POOL_SIZE);
    used = 0;
  }
  const token = pool.toString('base64url', used, used + bytes);
  pool.fill(0, used, used + bytes);
  used += bytes;
  return token;
}

export function sha256Hex(s: string | Buffer): string {
  // The one-shot form: half the cost of a Hash object, on every vote and every session's look-up.
  return crypto.hash('sha256', s, 'hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

/** A password that a person can type from a printed note: no look-alike characters. */
export function readablePassword(length = 16): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out.replace(/(.{4})(?!$)/g, '$1-');
}
