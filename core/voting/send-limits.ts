/**
 * Whether a one-time code may be sent now, from counts the server reads (or the simulation keeps): per identity (the
 * number or address the code goes to), per client address, per network (/24 or /64), and for text messages the
 * contest's daily budget and a pause when most recent messages go unconfirmed (SMS pumping: codes requested for
 * numbers nobody reads) — except, during such a pause, for networks with a good record. A proof-of-work challenge
 * comes before this (server), and foreign, premium and short numbers never get here (core/voting/phone.ts).
 */
import { problem, type VotingProblem } from './messages.ts';
import type { SendLimits } from './settings.ts';
import { startOfLocalDay } from '../time.ts';

/** Sends inside a trailing window, and when the oldest of them happened (for "try again in …"). */
export interface WindowCount {
  count: number;
  oldestAt: Date | null;
}

export interface SourceCounts {
  lastHour: WindowCount;
  lastDay: WindowCount;
  /** Codes sent in the last hour that have not been confirmed. */
  unconfirmedLastHour: WindowCount;
  /** Codes sent in the last 24 h that were confirmed: the source's good record. */
  confirmedLastDay: number;
}

export interface SendCounts {
  channel: 'sms' | 'email';
  identity: { lastSentAt: Date | null; lastHour: WindowCount; lastDay: WindowCount };
  address: SourceCounts;
  network: SourceCounts;
  /** Text messages of the contest: sent since local midnight, and over the last 24 h sent and still unconfirmed. */
  sms: { sentToday: number; sentLastDay: number; unconfirmedLastDay: number };
}

export type SendDecision = { ok: true } | { ok: false; problem: VotingProblem; retryAfterSec: number };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How long a pause lasts before the ratio is looked at again. */
export const SMS_PAUSE_MS = 30 * 60_000;

const WINDOW_NAMES = {
  hour: { vi: '1 giờ', en: 'an hour' },
  day: { vi: '24 giờ', en: '24 hours' },
} as const;

export function decideSend(
  c: SendCounts,
  limits: SendLimits,
  now: Date,
  timeZone: string,
  identityDisplay: string,
): SendDecision {
  const t = now.getTime();
  const refuse = (p: VotingProblem, retryMs: number): SendDecision => ({
    ok: false,
    problem: p,
    retryAfterSec: Math.max(1, Math.ceil(retryMs / 1000)),
  });
  const untilFree = (w: WindowCount, windowMs: number) => (w.oldestAt ? w.oldestAt.getTime() + windowMs - t : windowMs);
  const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

  const cooldown = limits.identityCooldownSec * 1000;
  if (c.identity.lastSentAt && t - c.identity.lastSentAt.getTime() < cooldown) {
    const ms = c.identity.lastSentAt.getTime() + cooldown - t;
    return refuse(problem('send.cooldown', { seconds: Math.ceil(ms / 1000) }), ms);
  }
  const identityWindows = [
    [c.identity.lastHour, limits.identityPerHour, HOUR, WINDOW_NAMES.hour],
    [c.identity.lastDay, limits.identityPerDay, DAY, WINDOW_NAMES.day],
  ] as const;
  for (const [w, max, span, name] of identityWindows) {
    if (w.count >= max) {
      const ms = untilFree(w, span);
      return refuse(
        problem('send.identityLimit', { max, window: name, identity: identityDisplay, minutes: minutes(ms) }),
        ms,
      );
    }
  }
  const sources = [
    ['send.addressLimit', c.address, limits.addressUnconfirmedPerHour, limits.addressPerHour, limits.addressPerDay],
    ['send.networkLimit', c.network, limits.networkUnconfirmedPerHour, limits.networkPerHour, limits.networkPerDay],
  ] as const;
  for (const [code, s, unconfirmed, perHour, perDay] of sources) {
    const windows = [
      [s.unconfirmedLastHour, unconfirmed, HOUR],
      [s.lastHour, perHour, HOUR],
      [s.lastDay, perDay, DAY],
    ] as const;
    for (const [w, max, span] of windows) {
      if (w.count >= max) {
        const ms = untilFree(w, span);
        return refuse(problem(code, { minutes: minutes(ms) }), ms);
      }
    }
  }
  if (c.channel === 'sms') {
    if (c.sms.sentToday >= limits.smsPerDay) {
      const next = startOfLocalDay(now, timeZone, 1);
      return refuse(problem('send.smsBudget', { next }), next.getTime() - t);
    }
    if (smsPaused(c.sms, limits) && !trustedNetwork(c.network)) {
      return refuse(problem('send.smsPaused', { minutes: SMS_PAUSE_MS / 60_000 }), SMS_PAUSE_MS);
    }
  }
  return { ok: true };
}

/**
 * During a pause, a network whose codes of the last day were mostly confirmed still gets text messages: the carrier
 * pools and home networks honest voters verify from keep working, while a pump's spread of fresh addresses does not.
 */
export function trustedNetwork(n: SourceCounts): boolean {
  return n.confirmedLastDay >= 2 && n.confirmedLastDay * 2 >= n.lastDay.count;
}

/** Most text messages of the last 24 h went unconfirmed, in numbers beyond honest mistakes. */
export function smsPaused(s: SendCounts['sms'], limits: SendLimits): boolean {
  if (s.unconfirmedLastDay < limits.smsUnconfirmedPerDay) return false;
  const confirmed = s.sentLastDay - s.unconfirmedLastDay;
  return confirmed < limits.smsMinConfirmedShare * s.sentLastDay;
}
