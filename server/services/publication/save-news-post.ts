/** The organizer writes or edits a news post of the contest (audited). */
import { AppError } from '@core/errors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { changedRows } from '../../db/dialect.ts';

export interface NewsPostInput {
  title: string;
  body: string;
}

function clean(input: NewsPostInput): NewsPostInput {
  return { title: input.title.normalize('NFC').trim(), body: input.body.normalize('NFC').trim() };
}

export async function saveNewsPost(
  deps: Deps,
  actor: Actor,
  slug: string,
  postId: number | null,
  input: NewsPostInput,
): Promise<{ id: number }> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = contest.id;
  await authorize(deps, actor, contestId, 'news.edit');
  const post = clean(input);
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    let id = postId;
    if (id === null) {
      const row = await trx
        .insertInto('news_posts')
        .values({
          contest_id: contestId,
          title: post.title,
          body: post.body,
          author_user_id: actor.userId ?? null,
          published_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    } else {
      const done = await trx
        .updateTable('news_posts')
        .set({ title: post.title, body: post.body, updated_at: now })
        .where('id', '=', id)
        .where('contest_id', '=', contestId)
        .executeTakeFirst();
      if (changedRows(done) !== 1) throw new AppError('news.notFound');
    }
    await appendAudit(trx, deps, actor, {
      action: postId === null ? 'news.create' : 'news.update',
      contestId,
      target: `news:${id}`,
      details: { title: post.title },
    });
    return { id };
  });
}
