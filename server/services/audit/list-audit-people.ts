import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

/** Everyone who appears in the contest's audit log, for the filter by person. */
export async function listAuditPeople(
  deps: Deps,
  actor: Actor,
  slug: string,
): Promise<{ userId: number; fullName: string }[]> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'audit.view', { auditDenied: false });
  const rows = await deps.db
    .selectFrom('audit_log')
    .innerJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select(['users.id as userId', 'users.full_name as fullName'])
    .where('audit_log.contest_id', '=', contest.id)
    .groupBy(['users.id', 'users.full_name'])
    .orderBy('users.full_name')
    .execute();
  return rows;
}
