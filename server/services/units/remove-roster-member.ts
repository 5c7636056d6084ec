import { AppError } from '@core/errors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

export async function removeRosterMember(deps: Deps, actor: Actor, slug: string, memberId: number): Promise<void> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = contest.id;
  await authorize(deps, actor, contestId, 'roster.edit');
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('roster_members')
      .where('id', '=', memberId)
      .where('contest_id', '=', contestId)
      .returning(['body', 'full_name'])
      .executeTakeFirst();
    if (!row) throw new AppError('roster.notFound');
    await appendAudit(trx, deps, actor, {
      action: 'roster.remove',
      contestId,
      target: `roster:${memberId}`,
      details: { body: row.body, fullName: row.full_name },
    });
  });
}
