import { z } from 'zod';
import { defaultEntryRules, slugSchema, type ContestCreate } from './contest.ts';
import type { Phase, PhaseState } from './phases.ts';
import { DEFAULT_TIME_ZONE } from './time.ts';

/**
 * A contest's life in the staff area (ADR 0023): a draft only its staff see, published for everyone, archived once
 * over (still public, read-only).
 */
export const CONTEST_STATUSES = ['draft', 'published', 'archived'] as const;
export type ContestStatus = (typeof CONTEST_STATUSES)[number];

const DAY_MS = 86_400_000;
/** How far a copy may move the schedule: ten years either way. */
export const MAX_OFFSET_DAYS = 3650;

export const contestCopySchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(3).max(300),
  /** Whole days added to every phase of the source (negative moves them earlier). */
  offsetDays: z.number().int().min(-MAX_OFFSET_DAYS).max(MAX_OFFSET_DAYS),
  /** Copy the committee, jury and secretariat members too (R4). */
  includeRoster: z.boolean().default(false),
});
export type ContestCopy = z.infer<typeof contestCopySchema>;

export const contestIdentitySchema = z
  .object({ slug: slugSchema.optional(), name: z.string().trim().min(3).max(300).optional() })
  .refine((v) => v.slug !== undefined || v.name !== undefined, { message: 'contest.identityEmpty' });
export type ContestIdentity = z.infer<typeof contestIdentitySchema>;

export const contestStatusChangeSchema = z.object({ status: z.enum(CONTEST_STATUSES) });

/** The phases moved by whole days, each keeping its length. */
export function shiftPhases(phases: readonly Phase[], offsetDays: number): Phase[] {
  const by = offsetDays * DAY_MS;
  return phases.map((p) => ({
    kind: p.kind,
    startsAt: new Date(Date.parse(p.startsAt) + by).toISOString(),
    endsAt: new Date(Date.parse(p.endsAt) + by).toISOString(),
  }));
}

/** The end of the contest's last phase, or null when none is scheduled. */
export function lastPhaseEnd(phases: readonly Phase[]): string | null {
  if (phases.length === 0) return null;
  return new Date(Math.max(...phases.map((p) => Date.parse(p.endsAt)))).toISOString();
}

/**
 * Why a status change is refused, or null when it may happen. Only a contest whose every phase has ended may be
 * archived: archiving one still running would hide its open phases behind "past".
 */
export function statusChangeRefusal(
  to: ContestStatus,
  phases: readonly Phase[],
  now: Date,
): { code: 'contest.notOver'; params: { end: string } } | null {
  if (to !== 'archived') return null;
  const end = lastPhaseEnd(phases);
  if (end && Date.parse(end) > now.getTime()) return { code: 'contest.notOver', params: { end } };
  return null;
}

export type HomeBucket = 'open' | 'upcoming' | 'past' | 'draft';

/** Where the public list puts a contest: running (a phase open or between two), not started, or over. */
export function homeBucket(status: ContestStatus, state: PhaseState['state']): HomeBucket {
  if (status === 'draft') return 'draft';
  if (status === 'archived' || state === 'closed') return 'past';
  if (state === 'open' || state === 'between') return 'open';
  return 'upcoming';
}

/** The contest the site's home page opens directly: the only published one running now, if there is exactly one. */
export function directContest<T extends { status: ContestStatus; phaseState: PhaseState['state'] }>(
  contests: readonly T[],
): T | null {
  const open = contests.filter((c) => homeBucket(c.status, c.phaseState) === 'open');
  return open.length === 1 ? open[0]! : null;
}

/** A free slug for a copy: the source's with the new year, or with "-ban-sao" (copy) and a number. */
export function suggestCopySlug(source: string, taken: readonly string[], year: number): string {
  const base = /\d{4}$/.test(source) ? source.replace(/\d{4}$/, String(year)) : `${source}-${year}`;
  const candidates = [base, `${source}-ban-sao`];
  for (const c of candidates) if (!taken.includes(c)) return c;
  for (let n = 2; ; n++) if (!taken.includes(`${source}-ban-sao-${n}`)) return `${source}-ban-sao-${n}`;
}

/** A contest with nothing decided yet but its name: the plan's technical rules, no phases, prizes or units. */
export function blankContest(slug: string, name: string): ContestCreate {
  return {
    slug,
    name,
    theme: name,
    topics: [],
    rulesMarkdown: '',
    timeZone: DEFAULT_TIME_ZONE,
    entryRules: defaultEntryRules(),
    prizes: [],
    rubric: [],
    maxEntriesPerPerson: 2,
    phases: [],
    unitCategories: [],
  };
}
