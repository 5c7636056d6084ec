import { describe, expect, it } from 'vitest';
import { contestCreateSchema, slugSchema } from './contest.ts';
import {
  blankContest,
  contestCopySchema,
  contestIdentitySchema,
  directContest,
  homeBucket,
  lastPhaseEnd,
  shiftPhases,
  statusChangeRefusal,
  suggestCopySlug,
} from './contest-lifecycle.ts';
import type { Phase } from './phases.ts';

const phases: Phase[] = [
  { kind: 'submission', startsAt: '2024-06-20T00:00:00.000Z', endsAt: '2024-06-25T17:00:00.000Z' },
  { kind: 'awards', startsAt: '2024-07-01T01:00:00.000Z', endsAt: '2024-07-01T05:00:00.000Z' },
];

describe('shifting phases', () => {
  it('moves every phase by whole days and keeps its length', () => {
    const moved = shiftPhases(phases, 365);
    expect(moved).toEqual([
      { kind: 'submission', startsAt: '2025-06-20T00:00:00.000Z', endsAt: '2025-06-25T17:00:00.000Z' },
      { kind: 'awards', startsAt: '2025-07-01T01:00:00.000Z', endsAt: '2025-07-01T05:00:00.000Z' },
    ]);
    expect(shiftPhases(moved, -365)).toEqual(phases);
    expect(shiftPhases([], 10)).toEqual([]);
  });

  it('accepts only a whole number of days within ten years', () => {
    const base = { slug: 'vinh-linh-2025', name: 'Vĩnh Linh 2025' };
    expect(contestCopySchema.safeParse({ ...base, offsetDays: 1.5 }).success).toBe(false);
    expect(contestCopySchema.safeParse({ ...base, offsetDays: 3651 }).success).toBe(false);
    expect(contestCopySchema.parse({ ...base, offsetDays: -30 })).toEqual({
      ...base,
      offsetDays: -30,
      includeRoster: false,
    });
  });
});

describe('slugs', () => {
  it('refuses capitals, accents, spaces and stray hyphens with a message of ours', () => {
    for (const bad of ['Vinh-Linh', 'vĩnh-linh', 'vinh linh', '-vinh', 'vinh--linh', 'vl']) {
      const r = slugSchema.safeParse(bad);
      expect(r.success, bad).toBe(false);
    }
    expect(slugSchema.safeParse('Vinh-Linh').error!.issues[0]!.message).toBe('slug.format');
    expect(slugSchema.parse('vinh-linh-2026')).toBe('vinh-linh-2026');
  });

  it('needs a new slug or a new name to rename', () => {
    expect(contestIdentitySchema.safeParse({}).error!.issues[0]!.message).toBe('contest.identityEmpty');
    expect(contestIdentitySchema.parse({ name: 'Tên mới' })).toEqual({ name: 'Tên mới' });
  });

  it('suggests a free slug for a copy', () => {
    expect(suggestCopySlug('vinh-linh-2024', [], 2026)).toBe('vinh-linh-2026');
    expect(suggestCopySlug('vinh-linh-2024', ['vinh-linh-2026'], 2026)).toBe('vinh-linh-2024-ban-sao');
    expect(suggestCopySlug('cuoc-thi', ['cuoc-thi-2026', 'cuoc-thi-ban-sao'], 2026)).toBe('cuoc-thi-ban-sao-2');
  });
});

describe('a blank contest', () => {
  it('is a valid contest with the plan’s technical rules and nothing scheduled', () => {
    const c = contestCreateSchema.parse(blankContest('cuoc-thi-moi', 'Cuộc thi mới'));
    expect(c).toMatchObject({ slug: 'cuoc-thi-moi', name: 'Cuộc thi mới', phases: [], prizes: [] });
    expect(c.entryRules.maxDurationSec).toBe(600);
  });
});

describe('status changes', () => {
  it('archives only a contest whose last phase has ended', () => {
    expect(lastPhaseEnd(phases)).toBe('2024-07-01T05:00:00.000Z');
    expect(statusChangeRefusal('archived', phases, new Date('2024-07-01T04:59:59Z'))).toEqual({
      code: 'contest.notOver',
      params: { end: '2024-07-01T05:00:00.000Z' },
    });
    expect(statusChangeRefusal('archived', phases, new Date('2024-07-01T05:00:00Z'))).toBeNull();
    expect(statusChangeRefusal('archived', [], new Date())).toBeNull();
  });

  it('publishes and unpublishes at any time', () => {
    const during = new Date('2024-06-21T00:00:00Z');
    expect(statusChangeRefusal('published', phases, during)).toBeNull();
    expect(statusChangeRefusal('draft', phases, during)).toBeNull();
  });
});

describe('the home page', () => {
  it('puts each contest in open, upcoming, past or draft', () => {
    expect(homeBucket('published', 'open')).toBe('open');
    expect(homeBucket('published', 'between')).toBe('open');
    expect(homeBucket('published', 'upcoming')).toBe('upcoming');
    expect(homeBucket('published', 'unscheduled')).toBe('upcoming');
    expect(homeBucket('published', 'closed')).toBe('past');
    expect(homeBucket('archived', 'open')).toBe('past');
    expect(homeBucket('draft', 'open')).toBe('draft');
  });

  it('opens the only running published contest directly, and none when two run', () => {
    const a = { slug: 'a', status: 'published' as const, phaseState: 'open' as const };
    const b = { slug: 'b', status: 'published' as const, phaseState: 'closed' as const };
    const c = { slug: 'c', status: 'draft' as const, phaseState: 'open' as const };
    const d = { slug: 'd', status: 'published' as const, phaseState: 'between' as const };
    expect(directContest([a, b, c])).toBe(a);
    expect(directContest([a, d])).toBeNull();
    expect(directContest([b, c])).toBeNull();
  });
});
