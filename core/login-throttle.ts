/**
 * Growing delays after wrong passwords (docs/decisions/0027). Nothing is ever locked: after `free` failures in a
 * row, the next attempt under the same key must wait `baseSeconds`, then twice that, up to `maxSeconds`. Failures
 * older than `forgetAfterSeconds` no longer count.
 */
export interface ThrottlePolicy {
  free: number;
  baseSeconds: number;
  maxSeconds: number;
  forgetAfterSeconds: number;
}

export interface ThrottleState {
  failures: number;
  lastFailureAt: string;
}

export type AddressCodePurpose = 'register' | 'change-email' | 'change-phone';

/**
 * The policy for one identifier from one address, and for a whole address (a guesser trying many accounts). The
 * address's delay stays short and is forgotten sooner: many honest people may share one office or mobile address.
 */
export function loginPolicies(opts: { freeFailures: number; maxDelayMinutes: number }): {
  pair: ThrottlePolicy;
  address: ThrottlePolicy;
} {
  const maxSeconds = opts.maxDelayMinutes * 60;
  return {
    pair: { free: opts.freeFailures, baseSeconds: 2, maxSeconds, forgetAfterSeconds: 24 * 3600 },
    address: { free: opts.freeFailures * 10, baseSeconds: 1, maxSeconds: 60, forgetAfterSeconds: 3600 },
  };
}

/**
 * The identifier alone, from any address. Its failures never make anyone wait (a stranger could then keep the owner
 * out), but once `free` of them count, every log-in to that identifier must carry a solved proof-of-work challenge:
 * guessing from many addresses then costs a second of CPU per guess, and the owner pays that second once.
 */
export function challengePolicy(opts: { freeFailures: number }): ThrottlePolicy {
  return { free: opts.freeFailures, baseSeconds: 0, maxSeconds: 0, forgetAfterSeconds: 24 * 3600 };
}

/** Whether a log-in under this key must carry a solved challenge. */
export function challengeNeeded(state: ThrottleState | null | undefined, now: Date, policy: ThrottlePolicy): boolean {
  return countingFailures(state, now, policy) >= policy.free;
}

/** The failures that still count at `now`. */
export function countingFailures(state: ThrottleState | null | undefined, now: Date, policy: ThrottlePolicy): number {
  if (!state) return 0;
  const age = (now.getTime() - Date.parse(state.lastFailureAt)) / 1000;
  return age > policy.forgetAfterSeconds ? 0 : state.failures;
}

/** The delay owed after `failures` wrong passwords in a row. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.min(30, failures - policy.free));
}

/** Whole seconds to wait before the next attempt may be checked; 0 when it may be checked now. */
export function secondsToWait(state: ThrottleState | null | undefined, now: Date, policy: ThrottlePolicy): number {
  const failures = countingFailures(state, now, policy);
  if (failures === 0) return 0;
  const readyAt = Date.parse(state!.lastFailureAt) + delayAfter(failures, policy) * 1000;
  return Math.max(0, Math.ceil((readyAt - now.getTime()) / 1000));
}
