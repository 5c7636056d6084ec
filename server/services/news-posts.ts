/**
 * The contest's announcements on its home page (R19): the organizers write them; everyone reads them, newest first.
 * Bodies are plain text with light Markdown, rendered by the web app's safe renderer.
 */
import { AppError } from '../../core/errors.ts';
import { appendAudit } from './append-audit.ts';
import { authorize } from './authorize.ts';
import type { Actor, Deps } from './context.ts';
import { findContestRow } from './load-contest.ts';

export interface NewsPostView { id: number; title: string; body: string; publishedAt: string; updatedAt: string }
export interface NewsPostInput { title: string; body: string }

export async function listNews(deps: Deps, slug: string): Promise<NewsPostView[]> {
  const contest = await findContestRow(deps.db, { slug });
  const rows = await deps.db.selectFrom('news_posts').selectAll().where('contest_id', '=', contest.id).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(100).execute();
  return rows.map((r) => ({ id: Number(r.id), title: r.title, body: r.body, publishedAt: String(r.published_at), updatedAt: String(r.updated_at) }));
}

function clean(input: NewsPostInput): NewsPostInput {
  return { title: input.title.normalize('NFC').trim(), body: input.body.normalize('NFC').trim() };
}

export async function saveNewsPost(deps: Deps, actor: Actor, slug: string, postId: number | null, input: NewsPostInput): Promise<{ id: number }> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = Number(contest.id);
  await authorize(deps, actor, contestId, 'news.edit');
  const post = clean(input);
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    let id = postId;
    if (id === null) {
      const row = await trx.insertInto('news_posts').values({ contest_id: contestId, title: post.title, body: post.body, author_user_id: actor.userId ?? null, published_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      id = Number(row.id);
    } else {
      const done = await trx.updateTable('news_posts').set({ title: post.title, body: post.body, updated_at: now }).where('id', '=', id).where('contest_id', '=', contestId).executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new AppError('news.notFound');
    }
    await appendAudit(trx, deps, actor, { action: postId === null ? 'news.create' : 'news.update', contestId, target: `news:${id}`, details: { title: post.title } });
    return { id };
  });
}

export async function deleteNewsPost(deps: Deps, actor: Actor, slug: string, postId: number): Promise<void> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = Number(contest.id);
  await authorize(deps, actor, contestId, 'news.edit');
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx.deleteFrom('news_posts').where('id', '=', postId).where('contest_id', '=', contestId).executeTakeFirst();
    if (Number(done.numDeletedRows) !== 1) throw new AppError('news.notFound');
    await appendAudit(trx, deps, actor, { action: 'news.delete', contestId, target: `news:${postId}` });
  });
}
