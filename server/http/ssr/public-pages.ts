/**
 * The public pages rendered on the server (docs/decisions/0046, 0051): the contest's home page, the gallery (first
 * page, with the filters of its address), an entry's page and the results come as full HTML that shows its text and
 * posters before any script runs, then the same React components hydrate it. The rendered page is kept, with its
 * gzip and Brotli copies, under the version of the data it shows (the gallery's cards, the contest's face, the
 * results) and the language, so that under load a page is a lookup. Whatever cannot be rendered (a draft, an
 * unpublished entry, results not yet announced, a failure) gets the plain web app, which shows the right message.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Lang } from '@core/errors.ts';
import type { Deps } from '../../context.ts';
import { AGE_METRIC, type SsrPayload } from '../../../web/src/ssr/payload.ts';
import type * as EntryServer from '../../../web/src/ssr/entry-server.tsx';
import { CONTEST_TTL_MS, publicPageData, type PublicPage } from '../../services/publication/public-page-data.ts';
import { publicEntryUrl } from '../../services/publication/publish-entries.ts';
import { resultsMetaTags, shareMetaTags } from '../share-page.ts';
import { loadPageShell, type PageShell } from './page-shell.ts';
import { anonCsrfToken } from '../plugins/session.ts';
import { SESSION_COOKIE } from '../request-context.ts';

type Renderer = typeof EntryServer;

interface RenderedPage {
  html: Buffer;
  /** Compressed copies, made off the main thread when first asked for (see `encoded`). */
  gzip?: Promise<Buffer>;
  brotli?: Promise<Buffer>;
  /** The copies once made: most answers need no `await`. */
  ready: { gzip?: Buffer; brotli?: Buffer };
  /** When it was rendered, in ms (its age goes to the Server-Timing header). */
  at: number;
}

const MAX_PAGES = 500;

/** The language of the page: the visitor's choice (the `lang` cookie the web app writes), Vietnamese otherwise. */
function pageLang(req: FastifyRequest): Lang {
  return req.cookies?.lang === 'en' ? 'en' : 'vi';
}

const brotliAsync = promisify(zlib.brotliCompress);
const gzipAsync = promisify(zlib.gzip);

function brotli(html: Buffer, quality: number): Promise<Buffer> {
  return brotliAsync(html, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: html.length },
  });
}

/**
 * The page as the visitor's browser accepts it. Compression runs in libuv's thread pool, never on the main thread:
 * Brotli at quality 9 took 90 to 180 ms for a 48 KB gallery page, during which every other request waited (a new
 * version of a page, every 10 s for a home page, was the gallery's p99). Brotli at quality 5 comes first (a few ms,
 * 3% larger), then quality 11 (8% smaller than 9) replaces it when done.
 */
async function encoded(page: RenderedPage, accept: string): Promise<{ body: Buffer; encoding: string | null }> {
  if (/\bbr\b/.test(accept)) {
    if (page.ready.brotli) return { body: page.ready.brotli, encoding: 'br' };
    if (!page.brotli) {
      page.brotli = brotli(page.html, 5);
      page.brotli.then(
        (fast) => {
          page.ready.brotli ??= fast;
          brotli(page.html, 11).then(
            (best) => (page.ready.brotli = best),
            () => {},
          );
        },
        () => {},
      );
    }
    return { body: await page.brotli, encoding: 'br' };
  }
  if (/\bgzip\b/.test(accept)) {
    if (page.ready.gzip) return { body: page.ready.gzip, encoding: 'gzip' };
    page.gzip ??= gzipAsync(page.html, { level: 9 });
    return { body: (page.ready.gzip = await page.gzip), encoding: 'gzip' };
  }
  return { body: page.html, encoding: null };
}

/** Registers the pages; returns false (nothing registered) when the server-rendering bundle is not built. */
export async function publicPageRoutes(
  app: FastifyInstance,
  deps: Deps,
  opts: { webDir: string; ssrEntry: string; indexHtml: () => string },
): Promise<boolean> {
  if (!fs.existsSync(opts.ssrEntry) || !fs.existsSync(`${opts.webDir}/.vite/manifest.json`)) return false;
  const renderer = (await import(pathToFileURL(opts.ssrEntry).href)) as Renderer;
  const shell: PageShell = loadPageShell(opts.webDir);
  // One render per version: requests that arrive while it is made wait for it (at 200 connections, a new snapshot
  // would otherwise be rendered and compressed by every one of them at once).
  const pages = new Map<string, { until: number; page: Promise<RenderedPage> }>();

  async function render(
    req: FastifyRequest,
    page: PublicPage,
    kind: EntryServer.PageKind,
    module: string,
  ): Promise<RenderedPage | null> {
    const data = await publicPageData(deps, page);
    if (!data) return null;
    const lang = pageLang(req);
    const key = `${data.version}|${lang}`;
    const now = Date.now();
    const hit = pages.get(key);
    if (hit && now < hit.until) return hit.page;
    const url = req.url;
    const made = Promise.resolve().then((): RenderedPage => {
      const at = Date.now();
      const payload: SsrPayload = {
        lang,
        now: deps.clock().getTime(),
        origin: deps.config.publicUrl,
        queries: data.queries(),
      };
      const { html, title } = renderer.renderPage(kind, url, payload);
      let headTags = '';
      if (data.entry) {
        const share = shareMetaTags(data.entry, deps.config.publicUrl, publicEntryUrl(deps, page.slug, data.entry.id));
        headTags = `    ${share.tags}\n`;
      } else if (data.results) {
        const pageUrl = `${deps.config.publicUrl}/c/${encodeURIComponent(page.slug)}/results`;
        headTags = `    ${resultsMetaTags(data.results, deps.config.publicUrl, pageUrl).tags}\n`;
      }
      const body = shell.page(module, {
        lang,
        title,
        headTags,
        body: html,
        payloadJson: renderer.payloadJson(payload),
      });
      return { html: Buffer.from(body), ready: {}, at };
    });
    if (pages.size >= MAX_PAGES) pages.clear();
    pages.set(key, { until: now + CONTEST_TTL_MS, page: made });
    made.catch(() => pages.delete(key));
    return made;
  }

  async function send(
    req: FastifyRequest,
    reply: FastifyReply,
    page: PublicPage,
    kind: EntryServer.PageKind,
  ): Promise<FastifyReply> {
    let rendered: RenderedPage | null = null;
    try {
      rendered = await render(req, page, kind, renderer.PAGE_MODULES[kind]);
    } catch (err) {
      req.log.error({ err }, 'server rendering failed; the plain web app is sent');
    }
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache');
    // The page's later API requests share one anonymous CSRF token (a logged-in visitor's session has its own).
    if (!req.cookies?.[SESSION_COOKIE]) anonCsrfToken(req, reply, deps);
    if (!rendered) return reply.send(opts.indexHtml());
    const { body, encoding } = await encoded(rendered, String(req.headers['accept-encoding'] ?? ''));
    reply.header('vary', 'accept-encoding').header('server-timing', `${AGE_METRIC};dur=${Date.now() - rendered.at}`);
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(body);
  }

  const slugParams = z.object({ slug: z.string().max(80) });
  app.get('/c/:slug', { schema: { hide: true } }, (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    return send(req, reply, { kind: 'home', slug }, 'home');
  });
  app.get('/c/:slug/gallery', { schema: { hide: true } }, (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const { query, key } = renderer.galleryQueryOf(search);
    return send(req, reply, { kind: 'gallery', slug, filter: query, filterKey: key }, 'gallery');
  });
  const entryParams = slugParams.extend({ entryId: z.string().max(20) });
  app.get('/c/:slug/e/:entryId', { schema: { hide: true } }, (req, reply) => {
    const { slug, entryId } = entryParams.parse(req.params);
    // Only the canonical form: "0x1" or "01" is not entry 1's page.
    const id = /^[1-9][0-9]{0,14}$/.test(entryId) ? Number(entryId) : 0;
    if (!id) return reply.header('content-type', 'text/html; charset=utf-8').send(opts.indexHtml());
    return send(req, reply, { kind: 'entry', slug, entryId: id }, 'entry');
  });
  app.get('/c/:slug/results', { schema: { hide: true } }, (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    return send(req, reply, { kind: 'results', slug }, 'results');
  });
  return true;
}
