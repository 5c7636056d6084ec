import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { setLanguage } from './i18n/index.ts';
import './app/public.css';
import { App, preloadRenderedPage } from './app/App.tsx';
import { queryClient } from './app/query-client.ts';
import { AGE_METRIC, PAYLOAD_ELEMENT_ID, seedQueries, type SsrPayload } from './ssr/payload.ts';
import { setRenderContext } from './ssr/render-context.ts';

/** How old the server's rendered page was when sent (it caches them), from its Server-Timing header. */
function pageAgeMs(): number {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.serverTiming?.find((m) => m.name === AGE_METRIC)?.duration ?? 0;
}

const root = document.getElementById('root')!;
const embedded = document.getElementById(PAYLOAD_ELEMENT_ID);
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);

if (embedded?.textContent && root.firstElementChild) {
  // A page the server rendered (docs/decisions/0046): the same language, clock and data, then hydration.
  const payload = JSON.parse(embedded.textContent) as SsrPayload;
  setLanguage(payload.lang);
  setRenderContext({ now: payload.now, origin: payload.origin });
  seedQueries(queryClient, payload, pageAgeMs(), Date.now());
  // The page is readable meanwhile: it is the server's HTML.
  void preloadRenderedPage(location.pathname).then(
    () => hydrateRoot(root, app),
    () => hydrateRoot(root, app),
  );
} else {
  createRoot(root).render(app);
}
