import { statusChangeRefusal, type ContestStatus } from '@core/contest-lifecycle.ts';
import { AppError } from '@core/errors.ts';
import { formatDateTime } from '@core/time.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { requireSiteAdmin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadContest } from './load-contest.ts';

const ACTION: Record<ContestStatus, string> = {
  draft: 'contest.unpublish',
  published: 'contest.publish',
  archived: 'contest.archive',
};

/** A site administrator publishes a contest, takes it back to a draft, or archives it once it is over. */
export async function setContestStatus(
  deps: Deps,
  actor: Actor,
  slug: string,
  status: ContestStatus,
): Promise<{ status: ContestStatus }> {
  requireSiteAdmin(actor);
  const contest = await loadContest(deps.db, { slug });
  if (contest.status === status) return { status };
  const refusal = statusChangeRefusal(status, contest.phases, deps.clock());
  if (refusal) throw new AppError(refusal.code, { end: formatDateTime(refusal.params.end, contest.settings.timeZone) });
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('contests')
      .set({ status, updated_at: deps.clock().toISOString() })
      .where('id', '=', contest.id)
      .execute();
    await appendAudit(trx, deps, actor, {
      action: ACTION[status],
      contestId: contest.id,
      target: `contest:${contest.id}`,
      details: { from: contest.status, to: status },
    });
  });
  return { status };
}
