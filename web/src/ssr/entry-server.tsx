/**
 * The server's half of the public pages (docs/decisions/0046, 0051): built by Vite into dist/ssr and called by
 * server/http/ssr/, it renders the contest's home page, the gallery, an entry's page and the results with the very
 * components the browser then hydrates, from data the server already holds (no request is made while rendering).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { Route, Routes, StaticRouter } from 'react-router';
import i18n from 'i18next';
import '../i18n/index.ts';
import { PublicLayout } from '../app/PublicLayout.tsx';
import { makeQueryClient } from '../app/query-client.ts';
import ContestHomePage from '../features/contests/ContestHomePage.tsx';
import GalleryPage from '../features/gallery/GalleryPage.tsx';
import PublicEntryPage from '../features/public-entry/PublicEntryPage.tsx';
import ResultsPage from '../features/results/ResultsPage.tsx';
import { galleryPageSearch, parseGalleryQuery } from '../features/gallery/gallery-query.ts';
import type { GalleryQuery } from '../api/gallery-query.ts';
import { setRenderContext } from './render-context.ts';
import { payloadJson, type SsrPayload } from './payload.ts';

export { payloadJson };
export type PageKind = 'home' | 'gallery' | 'entry' | 'results';

/**
 * The source modules of the pages rendered here, as the client build's manifest names them: the server preloads the
 * page's chunk and inlines its CSS.
 */
export const PAGE_MODULES = {
  home: 'src/features/contests/ContestHomePage.tsx',
  gallery: 'src/features/gallery/GalleryPage.tsx',
  entry: 'src/features/public-entry/PublicEntryPage.tsx',
  results: 'src/features/results/ResultsPage.tsx',
} as const;

/** The gallery's filters in a page address's query string, as the page reads them, and their canonical form. */
export function galleryQueryOf(search: string): { query: GalleryQuery; key: string } {
  const query = parseGalleryQuery(new URLSearchParams(search));
  return { query, key: galleryPageSearch(query).toString() };
}

/** The tab's title, as the page's useTitle() sets it once running. */
function pageTitle(kind: PageKind, payload: SsrPayload): string {
  const data = (name: string) => payload.queries.find((q) => q.key[0] === name)?.data;
  const contest = data('contest') as { name: string } | undefined;
  const results = data('public-results') as { contest: { name: string } } | undefined;
  const title =
    kind === 'home'
      ? contest?.name
      : kind === 'gallery'
        ? i18n.t('gallery.pageTitle', { contest: contest?.name ?? '' })
        : kind === 'results'
          ? i18n.t('results.pageTitle', { contest: results?.contest.name ?? '' })
          : (data('public-entry') as { title: string } | undefined)?.title;
  const app = i18n.t('app.name');
  return title ? `${title} – ${app}` : app;
}

/**
 * The inside of `<div id="root">` for `url` (path and query) and the tab's title, rendered from `payload`.
 * Synchronous.
 */
export function renderPage(kind: PageKind, url: string, payload: SsrPayload): { html: string; title: string } {
  // One render at a time (renderToString does not yield), so the shared language and context cannot interleave.
  void i18n.changeLanguage(payload.lang);
  setRenderContext({ now: payload.now, origin: payload.origin });
  const client = makeQueryClient();
  for (const q of payload.queries) client.setQueryData(q.key, q.data, { updatedAt: q.at });
  try {
    const html = renderToString(
      <QueryClientProvider client={client}>
        <StaticRouter location={url}>
          <Routes>
            <Route element={<PublicLayout />}>
              <Route path="c/:slug" element={<ContestHomePage />} />
              <Route path="c/:slug/gallery" element={<GalleryPage />} />
              <Route path="c/:slug/e/:entryId" element={<PublicEntryPage />} />
              <Route path="c/:slug/results" element={<ResultsPage />} />
            </Route>
          </Routes>
        </StaticRouter>
      </QueryClientProvider>,
    );
    return { html, title: pageTitle(kind, payload) };
  } finally {
    client.clear();
  }
}
