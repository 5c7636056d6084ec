import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

export async function listContestRoles(deps: Deps, actor: Actor, slug: string) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'roles.view', { auditDenied: false });
  const rows = await deps.db
    .selectFrom('contest_roles')
    .innerJoin('users', 'users.id', 'contest_roles.user_id')
    .leftJoin('units', 'units.id', 'contest_roles.unit_id')
    .select([
      'contest_roles.id',
      'contest_roles.role',
      'contest_roles.unit_id',
      'units.name as unitName',
      'users.id as userId',
      'users.full_name',
      'users.email',
    ])
    .where('contest_roles.contest_id', '=', contest.id)
    .orderBy('contest_roles.role')
    .orderBy('contest_roles.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    unitId: r.unit_id,
    unitName: r.unitName,
    userId: r.userId,
    fullName: r.full_name,
    email: r.email,
  }));
}
