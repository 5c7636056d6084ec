import type { Deps } from '../../context.ts';

/** The contests where the user holds a role, for the menu and for hiding what the user may not do. */
export async function listMemberships(deps: Deps, userId: number) {
  const rows = await deps.db
    .selectFrom('contest_roles')
    .innerJoin('contests', 'contests.id', 'contest_roles.contest_id')
    .leftJoin('units', 'units.id', 'contest_roles.unit_id')
    .select([
      'contests.id as contestId',
      'contests.slug',
      'contests.name as contestName',
      'contest_roles.role',
      'contest_roles.unit_id as unitId',
      'units.name as unitName',
    ])
    .where('contest_roles.user_id', '=', userId)
    .orderBy('contests.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    contestId: r.contestId,
    unitId: r.unitId,
  }));
}
