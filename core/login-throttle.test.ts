import { describe, expect, it } from 'vitest';
import { challengeNeeded, challengePolicy, delayAfter, loginPolicies, secondsToWait } from './login-throttle.ts';

const { pair, address } = loginPolicies({ freeFailures: 3, maxDelayMinutes: 15 });
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, s));

describe('login throttle', () => {
  it('lets the first failures through, then doubles the delay up to the ceiling', () => {
    expect([0, 1, 2].map((f) => delayAfter(f, pair))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map((f) => delayAfter(f, pair))).toEqual([2, 4, 8, 16]);
    expect(delayAfter(40, pair)).toBe(900);
    expect(delayAfter(1000, pair)).toBe(900);
  });

  it('gives an address ten times as many free failures as one account from it', () => {
    expect(delayAfter(29, address)).toBe(0);
    expect(delayAfter(30, address)).toBe(1);
    expect(delayAfter(60, address)).toBe(60);
  });

  it('counts the wait from the last failure and forgets failures after a day', () => {
    const state = { failures: 5, lastFailureAt: at(0).toISOString() };
    expect(secondsToWait(state, at(0), pair)).toBe(8);
    expect(secondsToWait(state, at(5), pair)).toBe(3);
    expect(secondsToWait(state, at(8), pair)).toBe(0);
    expect(secondsToWait(null, at(0), pair)).toBe(0);
    const old = { failures: 50, lastFailureAt: new Date(at(0).getTime() - 25 * 3600 * 1000).toISOString() };
    expect(secondsToWait(old, at(0), pair)).toBe(0);
  });

  it('asks for a challenge once the identifier has failed often enough from anywhere, and forgets after a day', () => {
    const policy = challengePolicy({ freeFailures: 3 });
    expect(delayAfter(1000, policy)).toBe(0);
    const state = (failures: number, ago = 0) => ({
      failures,
      lastFailureAt: new Date(at(0).getTime() - ago * 1000).toISOString(),
    });
    expect(challengeNeeded(null, at(0), policy)).toBe(false);
    expect(challengeNeeded(state(2), at(0), policy)).toBe(false);
    expect(challengeNeeded(state(3), at(0), policy)).toBe(true);
    expect(challengeNeeded(state(3, 24 * 3600 + 1), at(0), policy)).toBe(false);
  });
});
