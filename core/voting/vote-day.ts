/** Voting days: the calendar day in the contest's time zone, and when a voter's next vote opens. */
import { DEFAULT_TIME_ZONE, formatDate, startOfLocalDay, utcToZonedLocal } from '../time.ts';
import type { VoteRule } from './settings.ts';

export type Lang = 'vi' | 'en';

// Days already worked out, per zone: every vote needs its day, and asking Intl each time is the slowest step.
const knownDays = new Map<string, { start: number; end: number; label: string }[]>();

/** The contest day of an instant, as "yyyy-MM-dd" in the contest's zone: the day part of the vote's unique key. */
export function voteDay(at: Date, timeZone: string): string {
  const t = at.getTime();
  let days = knownDays.get(timeZone);
  if (!days) knownDays.set(timeZone, (days = []));
  for (let i = days.length - 1; i >= 0; i--) {
    const d = days[i]!;
    if (t >= d.start && t < d.end) return d.label;
  }
  const label = utcToZonedLocal(at, timeZone).slice(0, 10);
  if (days.length >= 400) days.shift();
  days.push({
    start: startOfLocalDay(at, timeZone).getTime(),
    end: startOfLocalDay(at, timeZone, 1).getTime(),
    label,
  });
  return label;
}

/**
 * When a voter who has used today's vote may vote again: the next local midnight for the daily rules, null for a
 * fixed total (it never reopens) or when voting closes before that midnight.
 */
export function nextVoteOpensAt(rule: VoteRule, at: Date, timeZone: string, votingEndsAt: string | null): Date | null {
  if (rule.kind === 'total') return null;
  const next = startOfLocalDay(at, timeZone, 1);
  if (votingEndsAt !== null && next.getTime() >= Date.parse(votingEndsAt)) return null;
  return next;
}

/** How the zone is named to voters: "giờ Việt Nam" for the plan's zone, the zone's name otherwise. */
export function zoneLabel(timeZone: string, lang: Lang): string {
  if (timeZone === DEFAULT_TIME_ZONE) return lang === 'vi' ? 'giờ Việt Nam' : 'Vietnam time';
  return lang === 'vi' ? `múi giờ ${timeZone}` : `${timeZone} time`;
}

/** "00:00 ngày 21/06/2024 (giờ Việt Nam)" / "00:00 on 21/06/2024 (Vietnam time)". */
export function formatVoteInstant(instant: Date, timeZone: string, lang: Lang): string {
  const hhmm = utcToZonedLocal(instant, timeZone).slice(11, 16);
  const date = formatDate(instant, timeZone);
  return lang === 'vi'
    ? `${hhmm} ngày ${date} (${zoneLabel(timeZone, lang)})`
    : `${hhmm} on ${date} (${zoneLabel(timeZone, lang)})`;
}
