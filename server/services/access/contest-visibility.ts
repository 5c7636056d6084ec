import { can } from '@core/roles.ts';
import type { ContestStatus } from '@core/contest-lifecycle.ts';
import type { Tx } from '../../db/dialect.ts';
import type { Actor } from '../../context.ts';

/** The contests whose staff area the caller may open (by id); every contest for a site administrator. */
export async function staffContestIds(db: Tx, actor: Actor): Promise<Set<number> | 'all'> {
  if (actor.isSiteAdmin) return 'all';
  if (actor.userId === null) return new Set();
  const rows = await db
    .selectFrom('contest_roles')
    .select(['contest_id', 'role'])
    .where('user_id', '=', actor.userId)
    .execute();
  const out = new Set<number>();
  for (const r of rows)
    if (can({ isSiteAdmin: false, roles: [r.role] }, 'contest.viewStaffArea')) out.add(r.contest_id);
  return out;
}

/** A draft contest exists only for its staff and the site administrators; published and archived ones for all. */
export function maySeeContest(status: ContestStatus, contestId: number, staff: Set<number> | 'all'): boolean {
  return status !== 'draft' || staff === 'all' || staff.has(contestId);
}
