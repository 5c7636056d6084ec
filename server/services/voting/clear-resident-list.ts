import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadVotingContest } from './voting-contest.ts';

/** The organizer removes the resident list; with the restriction still on, no number can then verify. Audited. */
export async function clearResidentList(deps: Deps, actor: Actor, slug: string): Promise<{ removed: number }> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'contest.edit');
  return deps.db.transaction().execute(async (trx) => {
    const list = await trx
      .selectFrom('voting_resident_lists')
      .select('numbers')
      .where('contest_id', '=', v.contest.id)
      .executeTakeFirst();
    await trx.deleteFrom('voting_residents').where('contest_id', '=', v.contest.id).execute();
    await trx.deleteFrom('voting_resident_lists').where('contest_id', '=', v.contest.id).execute();
    await appendAudit(trx, deps, actor, {
      action: 'voting.residentsClear',
      contestId: v.contest.id,
      target: `contest:${v.contest.id}`,
      details: { numbers: list?.numbers ?? 0 },
    });
    return { removed: list?.numbers ?? 0 };
  });
}
