/**
 * The contest's announcements on its home page (R19), newest first, for everyone. Bodies are plain text with light
 * Markdown, rendered by the web app's safe renderer.
 */
import type { Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

export interface NewsPostView {
  id: number;
  title: string;
  body: string;
  publishedAt: string;
  updatedAt: string;
}

export async function listNews(deps: Deps, slug: string): Promise<NewsPostView[]> {
  const contest = await findContestRow(deps.db, { slug });
  const rows = await deps.db
    .selectFrom('news_posts')
    .selectAll()
    .where('contest_id', '=', contest.id)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    publishedAt: String(r.published_at),
    updatedAt: String(r.updated_at),
  }));
}
