/**
 * The data a server-rendered page was rendered from, embedded once in the page as JSON
 * (`<script type="application/json" id="ssr-data">`, which the Content-Security-Policy lets through because it is
 * never executed). The browser puts it into its query cache before hydrating, so it fetches none of it again.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Lang } from '@core/errors.ts';

export const PAYLOAD_ELEMENT_ID = 'ssr-data';
/** The Server-Timing metric that tells how old the rendered page was when sent (rendered pages are cached). */
export const AGE_METRIC = 'ssr-age';

export interface SsrQuery {
  /** The React Query key the page's hooks read, e.g. ['contest', slug]. */
  key: readonly unknown[];
  data: unknown;
  /** The server's clock when the data was read, in ms. */
  at: number;
}

export interface SsrPayload {
  lang: Lang;
  /** The server's clock when it rendered the page, in ms. */
  now: number;
  /** The site's public address. */
  origin: string;
  queries: SsrQuery[];
}

/**
 * Puts the page's data into the cache as if it had been fetched `ageMs + (now - at)` ago by the browser's clock:
 * it is not fetched again while fresh, and the contest's clock offset (server time against arrival) stays right.
 */
export function seedQueries(client: QueryClient, payload: SsrPayload, ageMs: number, browserNow: number): void {
  for (const q of payload.queries)
    client.setQueryData(q.key, q.data, { updatedAt: browserNow - ageMs - (payload.now - q.at) });
}

/** The page's JSON made safe inside a <script> element: no `</script>` or `<!--` can end or comment it. */
export function payloadJson(payload: SsrPayload): string {
  return JSON.stringify(payload).replace(/</g, '\\u003c');
}
