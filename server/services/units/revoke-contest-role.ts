import { AppError } from '@core/errors.ts';
import { lockChain } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

const ROLES_LOCK_KEY = 7_301_002;

/** Removes a role; the contest always keeps at least one organizer. */
export async function revokeContestRole(deps: Deps, actor: Actor, slug: string, roleId: number): Promise<void> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = contest.id;
  await authorize(deps, actor, contestId, 'roles.edit');
  await deps.db.transaction().execute(async (trx) => {
    await lockChain(trx, deps.dialect, ROLES_LOCK_KEY + contestId);
    const row = await trx
      .selectFrom('contest_roles')
      .selectAll()
      .where('id', '=', roleId)
      .where('contest_id', '=', contestId)
      .executeTakeFirst();
    if (!row) throw new AppError('role.notFound');
    if (row.role === 'organizer') {
      const { n } = await trx
        .selectFrom('contest_roles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('contest_id', '=', contestId)
        .where('role', '=', 'organizer')
        .executeTakeFirstOrThrow();
      if (n <= 1) throw new AppError('role.lastOrganizer');
    }
    await trx.deleteFrom('contest_roles').where('id', '=', roleId).execute();
    await appendAudit(trx, deps, actor, {
      action: 'role.revoke',
      contestId,
      target: `user:${row.user_id}`,
      details: { role: row.role },
    });
  });
}
