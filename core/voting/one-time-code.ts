/**
 * One-time codes that prove a phone number or an e-mail address: 6 digits, valid 10 minutes, used once, bound to the
 * request that asked for them (its id and the device that sent it), at most 5 tries each, and a lock-out that grows
 * with repeated failures. The server stores only a keyed hash of `codeHashInput`, never the code.
 *
 * Guessing is bounded without the lock-out: with at most `identityPerDay` codes a day to one number and 5 tries a
 * code, a guesser has at most 25 tries in a million a day per number. The lock-out slows a device that keeps trying.
 */
import { problem, type VotingProblem } from './messages.ts';

export const CODE_DIGITS = 6;
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;

/** `randomInt(n)` must return a uniformly random integer in [0, n) from a cryptographic source. */
export function generateCode(randomInt: (maxExclusive: number) => number): string {
  const n = randomInt(10 ** CODE_DIGITS);
  if (!Number.isInteger(n) || n < 0 || n >= 10 ** CODE_DIGITS) throw new RangeError('randomInt out of range');
  return String(n).padStart(CODE_DIGITS, '0');
}

/** The text whose keyed hash is stored: the code is only valid together with the request id. */
export function codeHashInput(requestId: string, code: string): string {
  return `code:${requestId}:${code}`;
}

/** Reads what the voter typed: spaces and dashes dropped, full-width digits accepted; null when not 6 digits. */
export function readCode(input: string): string | null {
  const s = input.normalize('NFKC').replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(s) ? s : null;
}

/**
 * Lock-out after consecutive failures (counted per identity and device, reset by a success): none below 5, then
 * 5 minutes, 15 minutes, 1 hour, 4 hours, and 24 hours from the 25th failure on, counted from the last failure.
 */
export function lockoutMs(failures: number): number {
  const steps = [0, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000, 24 * 60 * 60_000];
  return steps[Math.min(Math.floor(Math.max(failures, 0) / CODE_MAX_ATTEMPTS), steps.length - 1)]!;
}

export interface FailureRecord {
  failures: number;
  lastFailureAt: Date | null;
}

export function lockedUntil(r: FailureRecord): Date | null {
  const ms = lockoutMs(r.failures);
  if (ms === 0 || !r.lastFailureAt) return null;
  return new Date(r.lastFailureAt.getTime() + ms);
}

export interface StoredCode {
  requestId: string;
  deviceId: string | null;
  codeHash: string;
  createdAt: Date;
  usedAt: Date | null;
  failedAttempts: number;
  /** A newer code was sent to the same identity since; only the latest one works. */
  superseded: boolean;
}

export interface PresentedCode {
  requestId: string;
  deviceId: string | null;
  code: string;
}

export type CodeVerdict =
  | { ok: true }
  | {
      ok: false;
      problem: VotingProblem;
      /** Whether this try counts as a failure: add 1 to the code's attempts and to the failure record. */
      countsAsFailure: boolean;
    };

/** Compares two strings in time that depends only on their length. */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Checks a code. On success the caller marks the code used in the same statement that checks it is still unused
 * (UPDATE … SET used_at WHERE used_at IS NULL), so two racing requests cannot both use it, and clears the failures.
 */
export function checkCode(
  stored: StoredCode,
  presented: PresentedCode,
  failures: FailureRecord,
  now: Date,
  keyedHash: (s: string) => string,
  identityDisplay: string,
): CodeVerdict {
  const refuse = (p: VotingProblem, countsAsFailure = false): CodeVerdict => ({
    ok: false,
    problem: p,
    countsAsFailure,
  });
  const code = readCode(presented.code);
  if (code === null) return refuse(problem('code.format'));
  const until = lockedUntil(failures);
  if (until && now < until) return refuse(problem('code.locked', { until, identity: identityDisplay }));
  if (presented.requestId !== stored.requestId || presented.deviceId !== stored.deviceId || stored.superseded) {
    return refuse(problem('code.otherRequest'));
  }
  if (stored.usedAt) return refuse(problem('code.used'));
  if (now.getTime() >= stored.createdAt.getTime() + CODE_TTL_MS) {
    return refuse(problem('code.expired', { minutes: CODE_TTL_MS / 60_000 }));
  }
  if (stored.failedAttempts >= CODE_MAX_ATTEMPTS) return refuse(problem('code.spent', { max: CODE_MAX_ATTEMPTS }));
  if (sameText(keyedHash(codeHashInput(stored.requestId, code)), stored.codeHash)) return { ok: true };

  const lockAfter = lockedUntil({ failures: failures.failures + 1, lastFailureAt: now });
  if (lockAfter) return refuse(problem('code.locked', { until: lockAfter, identity: identityDisplay }), true);
  const left = CODE_MAX_ATTEMPTS - stored.failedAttempts - 1;
  if (left <= 0) return refuse(problem('code.spent', { max: CODE_MAX_ATTEMPTS }), true);
  return refuse(problem('code.wrong', { left }), true);
}
