import { useTranslation } from 'react-i18next';
import { formatDate } from '@core/time.ts';
import { useNews } from '../../api/public.ts';
import { Markdown } from '../../components/Markdown.tsx';

const LATEST = 5;

/** The organizers' latest news posts (R19), newest first; nothing at all while there are none. */
export function NewsSection({ slug, timeZone }: { slug: string; timeZone: string }) {
  const { t } = useTranslation();
  const news = useNews(slug);
  // News is an extra below the rules: a failure to load it puts no error on the contest's home page. Newest first.
  const posts = (news.data ?? []).slice(0, LATEST);
  if (posts.length === 0) return null;
  return (
    <section id="news" aria-labelledby="news-title" className="card" data-testid="news">
      <h2 id="news-title">{t('home.section.news')}</h2>
      {posts.map((p) => (
        <article key={p.id} className="news-post" data-testid={`news-${p.id}`}>
          <h3>{p.title}</h3>
          <p className="hint">
            <time dateTime={p.publishedAt}>{formatDate(p.publishedAt, timeZone)}</time>
          </p>
          <Markdown source={p.body} />
        </article>
      ))}
    </section>
  );
}
