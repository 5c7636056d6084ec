import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkCode,
  CODE_MAX_ATTEMPTS,
  CODE_TTL_MS,
  codeHashInput,
  type FailureRecord,
  generateCode,
  lockedUntil,
  lockoutMs,
  readCode,
  sameText,
  type StoredCode,
} from './one-time-code.ts';

const keyed = (s: string) => createHmac('sha256', 'test-key').update(s).digest('hex');
const T0 = new Date('2024-07-01T03:00:00.000Z');
const MIN = 60_000;

function stored(code: string, over: Partial<StoredCode> = {}): StoredCode {
  return {
    requestId: 'req-1',
    deviceId: 'dev-1',
    codeHash: keyed(codeHashInput('req-1', code)),
    createdAt: T0,
    usedAt: null,
    failedAttempts: 0,
    superseded: false,
    ...over,
  };
}
const noFailures: FailureRecord = { failures: 0, lastFailureAt: null };
const present = (code: string, over: object = {}) => ({ requestId: 'req-1', deviceId: 'dev-1', code, ...over });
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('generateCode', () => {
  it('is six digits, zero-padded', () => {
    expect(generateCode(() => 42)).toBe('000042');
    expect(generateCode(() => 999_999)).toBe('999999');
  });

  it('asks the random source for a number below a million and refuses one out of range', () => {
    let asked = 0;
    generateCode((n) => {
      asked = n;
      return 0;
    });
    expect(asked).toBe(1_000_000);
    expect(() => generateCode(() => 1_000_000)).toThrow(RangeError);
    expect(() => generateCode(() => -1)).toThrow(RangeError);
  });
});

describe('readCode', () => {
  it('reads what people type: spaces, a dash, full-width digits', () => {
    expect(readCode(' 123 456 ')).toBe('123456');
    expect(readCode('123-456')).toBe('123456');
    expect(readCode('１２３４５６')).toBe('123456');
    expect(readCode('12345')).toBeNull();
    expect(readCode('1234567')).toBeNull();
    expect(readCode('12345a')).toBeNull();
  });
});

describe('lockoutMs', () => {
  it('grows with every five failures and stops at a day', () => {
    expect([0, 4, 5, 9, 10, 15, 20, 25, 1000].map(lockoutMs)).toEqual([
      0,
      0,
      5 * MIN,
      5 * MIN,
      15 * MIN,
      60 * MIN,
      240 * MIN,
      1440 * MIN,
      1440 * MIN,
    ]);
  });

  it('counts from the last failure', () => {
    expect(lockedUntil({ failures: 10, lastFailureAt: T0 })?.toISOString()).toBe('2024-07-01T03:15:00.000Z');
    expect(lockedUntil({ failures: 4, lastFailureAt: T0 })).toBeNull();
    expect(lockedUntil({ failures: 7, lastFailureAt: null })).toBeNull();
  });
});

describe('checkCode', () => {
  const check = (s: StoredCode, p: ReturnType<typeof present>, now: Date, f = noFailures) =>
    checkCode(s, p, f, now, keyed, '•••• •• 5678');

  it('accepts the right code within ten minutes', () => {
    expect(check(stored('123456'), present('123 456'), at(CODE_TTL_MS - 1))).toEqual({ ok: true });
  });

  it('refuses it at ten minutes', () => {
    const r = check(stored('123456'), present('123456'), at(CODE_TTL_MS));
    expect(r).toEqual({
      ok: false,
      problem: { code: 'code.expired', params: { minutes: 10 } },
      countsAsFailure: false,
    });
  });

  it('refuses a code already used', () => {
    const r = check(stored('123456', { usedAt: at(MIN) }), present('123456'), at(2 * MIN));
    expect(!r.ok && r.problem.code).toBe('code.used');
  });

  it('binds the code to its request: another request id, another device, or a newer code sent', () => {
    const s = stored('123456');
    for (const r of [
      check(s, present('123456', { requestId: 'req-2' }), at(MIN)),
      check(s, present('123456', { deviceId: 'dev-2' }), at(MIN)),
      check(s, present('123456', { deviceId: null }), at(MIN)),
      check(stored('123456', { superseded: true }), present('123456'), at(MIN)),
    ]) {
      expect(r).toEqual({ ok: false, problem: { code: 'code.otherRequest', params: {} }, countsAsFailure: false });
    }
  });

  it('a code made for one request does not match under another request id', () => {
    const other = { ...stored('123456'), codeHash: keyed(codeHashInput('req-2', '123456')) };
    const r = check(other, present('123456'), at(MIN));
    expect(!r.ok && r.problem.code).toBe('code.wrong');
  });

  it('counts a wrong code as a failure and says how many tries are left', () => {
    const r = check(stored('123456', { failedAttempts: 1 }), present('654321'), at(MIN));
    expect(r).toEqual({ ok: false, problem: { code: 'code.wrong', params: { left: 3 } }, countsAsFailure: true });
  });

  it('does not count malformed input as a try', () => {
    const r = check(stored('123456'), present('12a456'), at(MIN));
    expect(r).toEqual({ ok: false, problem: { code: 'code.format', params: {} }, countsAsFailure: false });
  });

  it('spends the code at its fifth wrong try, even with the right code afterwards', () => {
    const last = check(stored('123456', { failedAttempts: CODE_MAX_ATTEMPTS - 1 }), present('000000'), at(MIN));
    expect(!last.ok && last.problem).toEqual({ code: 'code.spent', params: { max: 5 } });
    const after = check(stored('123456', { failedAttempts: CODE_MAX_ATTEMPTS }), present('123456'), at(MIN));
    expect(!after.ok && after.problem.code).toBe('code.spent');
  });

  it('locks the identity on the device once failures reach five, until the lock-out ends', () => {
    const f = { failures: 4, lastFailureAt: at(30_000) };
    const r = check(stored('123456', { failedAttempts: 4 }), present('000000'), at(MIN), f);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe('code.locked');
      expect((r.problem.params.until as Date).toISOString()).toBe('2024-07-01T03:06:00.000Z');
      expect(r.countsAsFailure).toBe(true);
    }
    const locked = { failures: 5, lastFailureAt: at(MIN) };
    const during = check(stored('999999', { requestId: 'req-1' }), present('999999'), at(5 * MIN), locked);
    expect(!during.ok && during.problem.code).toBe('code.locked');
    expect(check(stored('999999'), present('999999'), at(6 * MIN), locked)).toEqual({ ok: true });
  });
});

describe('sameText', () => {
  it('compares strings exactly', () => {
    expect(sameText('abc', 'abc')).toBe(true);
    expect(sameText('abc', 'abd')).toBe(false);
    expect(sameText('abc', 'ab')).toBe(false);
  });
});
