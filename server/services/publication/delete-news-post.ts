/** The organizer deletes a news post of the contest (audited). */
import { AppError } from '@core/errors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { changedRows } from '../../db/dialect.ts';

export async function deleteNewsPost(deps: Deps, actor: Actor, slug: string, postId: number): Promise<void> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = contest.id;
  await authorize(deps, actor, contestId, 'news.edit');
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .deleteFrom('news_posts')
      .where('id', '=', postId)
      .where('contest_id', '=', contestId)
      .executeTakeFirst();
    if (changedRows(done) !== 1) throw new AppError('news.notFound');
    await appendAudit(trx, deps, actor, { action: 'news.delete', contestId, target: `news:${postId}` });
  });
}
