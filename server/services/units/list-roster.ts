import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

export async function listRoster(deps: Deps, actor: Actor, slug: string) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'roster.view', { auditDenied: false });
  const rows = await deps.db
    .selectFrom('roster_members')
    .selectAll()
    .where('contest_id', '=', contest.id)
    .orderBy('body')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    fullName: r.full_name,
    position: r.position,
    roleInBody: r.role_in_body,
    email: r.email_norm,
    phone: r.phone_norm,
  }));
}
