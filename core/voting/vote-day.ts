/** Voting days: the calendar day in the contest's time zone, and when a voter's next vote opens. */
import { DEFAULT_TIME_ZONE, formatDate, localDayOf, utcToZonedLocal } from '../time.ts';
import type { VoteRule } from './settings.ts';

export type Lang = 'vi' | 'en';

/** The contest day of an instant, as "yyyy-MM-dd" in the contest's zone: the day part of the vote's unique key. */
export function voteDay(at: Date, timeZone: string): string {
  return localDayOf(at, timeZone).label;
}

/**
 * When a voter who has used today's vote may vote again: the next local midnight for the daily rules, null for a
 * fixed total (it never reopens) or when voting closes before that midnight.
 */
export function nextVoteOpensAt(rule: VoteRule, at: Date, timeZone: string, votingEndsAt: string | null): Date | null {
  if (rule.kind === 'total') return null;
  const next = localDayOf(at, timeZone).end;
  if (votingEndsAt !== null && next >= Date.parse(votingEndsAt)) return null;
  return new Date(next);
}

/** How the zone is named to voters: "giờ Việt Nam" for the plan's zone, the zone's name otherwise. */
export function zoneLabel(timeZone: string, lang: Lang): string {
  if (timeZone === DEFAULT_TIME_ZONE) return lang === 'vi' ? 'giờ Việt Nam' : 'Vietnam time';
  return lang === 'vi' ? `múi giờ ${timeZone}` : `${timeZone} time`;
}

// Instants already said: a day's votes all name the same next midnight.
const saidInstants = new Map<string, string>();

/** "00:00 ngày 21/06/2024 (giờ Việt Nam)" / "00:00 on 21/06/2024 (Vietnam time)". */
export function formatVoteInstant(instant: Date, timeZone: string, lang: Lang): string {
  const key = `${lang}|${timeZone}|${instant.getTime()}`;
  let said = saidInstants.get(key);
  if (said === undefined) {
    const hhmm = utcToZonedLocal(instant, timeZone).slice(11, 16);
    const date = formatDate(instant, timeZone);
    said =
      lang === 'vi'
        ? `${hhmm} ngày ${date} (${zoneLabel(timeZone, lang)})`
        : `${hhmm} on ${date} (${zoneLabel(timeZone, lang)})`;
    if (saidInstants.size >= 1000) saidInstants.clear();
    saidInstants.set(key, said);
  }
  return said;
}
