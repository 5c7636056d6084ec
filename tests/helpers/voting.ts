import type { TestApp } from './test-app.ts';

/**
 * Sets the contest's `public_voting` phase to start `openForMs` ago (negative: in the future) and last `lengthMs`,
 * by the real clock, since proof-of-work challenges expire by the wall clock.
 */
export async function setVotingWindow(
  t: TestApp,
  slug: string,
  opts: { openForMs?: number; lengthMs?: number } = {},
): Promise<{ startsAt: string; endsAt: string }> {
  const contest = await t.deps.db
    .selectFrom('contests')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  const start = new Date(Date.now() - (opts.openForMs ?? 60_000));
  const end = new Date(start.getTime() + (opts.lengthMs ?? 7 * 24 * 3_600_000));
  const startsAt = start.toISOString();
  const endsAt = end.toISOString();
  await t.deps.db
    .deleteFrom('contest_phases')
    .where('contest_id', '=', contest.id)
    .where('kind', '=', 'public_voting')
    .execute();
  await t.deps.db
    .insertInto('contest_phases')
    .values({ contest_id: contest.id, kind: 'public_voting', starts_at: startsAt, ends_at: endsAt })
    .execute();
  return { startsAt, endsAt };
}
