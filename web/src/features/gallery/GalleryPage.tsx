import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useContest } from '../../api/contests.ts';
import { errorText } from '../../api/errors.ts';
import { useGallery } from '../../api/public.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { clockOffset, DEADLINE_CHECK_MS, useServerNow } from '../../lib/server-clock.ts';
import { votingState } from '../voting/voting-window.ts';
import { useHydrated } from '../../ssr/render-context.ts';
import { GalleryCard } from './GalleryCard.tsx';
import { GalleryFilters } from './GalleryFilters.tsx';
import type { GalleryQuery } from '../../api/gallery-query.ts';
import { galleryPageSearch, hasFilters, parseGalleryQuery } from './gallery-query.ts';
import './gallery.css';

/** Cards in the first row on the widest screens (four columns of 13rem): their posters load first. */
const FIRST_ROW = 4;

/** The public gallery of a contest (R11): published entries, filters and search kept in the address. */
export default function GalleryPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = parseGalleryQuery(params);
  const contest = useContest(slug);
  const gallery = useGallery(slug, query);
  const offset = contest.data ? clockOffset(contest.data.serverTime, contest.dataUpdatedAt) : 0;
  const now = useServerNow(offset, DEADLINE_CHECK_MS);
  // The vote buttons come once hydrated: the server's HTML and the render hydrating it never carry them.
  const hydrated = useHydrated();
  const voting = hydrated && !!contest.data && votingState(contest.data.phases, now).kind === 'open';
  useTitle(contest.data ? t('gallery.pageTitle', { contest: contest.data.name }) : t('gallery.title'));

  const setQuery = (next: GalleryQuery) => setParams(galleryPageSearch(next), { replace: true });
  const [search, setSearch] = useSearchBox(query, setQuery);

  const first = gallery.data?.pages[0];
  const items = gallery.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = hasFilters(query);
  const clear = () => {
    setSearch('');
    setQuery({});
  };

  return (
    <section className="gallery" data-testid="gallery">
      <p className="crumbs">
        <Link to={`/c/${encodeURIComponent(slug)}`}>{contest.data?.name ?? t('gallery.backToContest')}</Link>
      </p>
      <h1>{t('gallery.title')}</h1>
      <GalleryFilters
        facets={first?.facets}
        topics={contest.data?.topics ?? []}
        query={query}
        search={search}
        onSearch={setSearch}
        onChange={setQuery}
      />
      {gallery.isError ? (
        <Notice kind="error" testId="gallery-error">
          <p>{errorText(gallery.error, t('errors.unreachable'))}</p>
          <button type="button" className="button button-secondary" onClick={() => void gallery.refetch()}>
            {t('gallery.retry')}
          </button>
        </Notice>
      ) : !first ? (
        <Loading />
      ) : (
        <>
          <p className="gallery-count" role="status" data-testid="gallery-count">
            {t('gallery.count', { count: first.total })}
            {filtered && (
              <>
                {' '}
                · {/* A link, so that it also works before or without JavaScript. */}
                <Link
                  to={`/c/${encodeURIComponent(slug)}/gallery`}
                  className="link-button"
                  onClick={(e) => {
                    e.preventDefault();
                    clear();
                  }}
                  data-testid="gallery-clear"
                >
                  {t('gallery.clear')}
                </Link>
              </>
            )}
          </p>
          {first.total === 0 ? (
            <div className="card" data-testid="gallery-empty">
              <p>{filtered ? t('gallery.noMatch') : t('gallery.empty')}</p>
            </div>
          ) : (
            <ul className="gallery-grid" aria-busy={gallery.isFetching} data-testid="gallery-grid">
              {items.map((it, i) => (
                <GalleryCard key={it.id} slug={slug} item={it} priority={i < FIRST_ROW} voting={voting} />
              ))}
            </ul>
          )}
          {gallery.hasNextPage && (
            <p className="gallery-more">
              <button
                type="button"
                className="button button-secondary"
                disabled={gallery.isFetchingNextPage}
                onClick={() => void gallery.fetchNextPage()}
                data-testid="gallery-more"
              >
                {gallery.isFetchingNextPage ? t('common.loading') : t('gallery.more')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The search box's text, written to the address once typing pauses. A change of the address from outside (back
 * button, a shared link) refills the box; the value we wrote ourselves is recognised so typing is never undone.
 */
function useSearchBox(query: GalleryQuery, setQuery: (q: GalleryQuery) => void): [string, (s: string) => void] {
  const [search, setSearch] = useState(query.q ?? '');
  const settled = useDebounced(search, 350);
  const written = useRef(query.q ?? '');
  const urlQ = query.q ?? '';

  // Only a settled change of the text writes the address, with the filters as they are when it does.
  const writeSearch = useEffectEvent((text: string) => {
    const next = text.normalize('NFC').trim();
    if (next === urlQ) return;
    written.current = next;
    setQuery({ ...query, q: next || undefined });
  });
  useEffect(() => writeSearch(settled), [settled]);

  useEffect(() => {
    if (urlQ !== written.current) {
      written.current = urlQ;
      setSearch(urlQ);
    }
  }, [urlQ]);

  return [search, setSearch];
}
