/**
 * Share previews (Facebook, Zalo and others read Open Graph tags, never run JavaScript): the public page of a
 * published entry is the web app's index.html with the entry's title, description, poster and address written into
 * its head by the server. Any other path keeps the plain index.html.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PublicEntryView } from '../services/publication/get-public-entry.ts';
import { getPublicEntry } from '../services/publication/get-public-entry.ts';
import type { Deps } from '../context.ts';
import { publicEntryUrl } from '../services/publication/publish-entries.ts';
import { getPublicResults, type PublicResultsView } from '../services/awards/get-public-results.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function clip(s: string, n: number): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length <= n ? chars.join('') : `${chars.slice(0, n - 1).join('')}…`;
}

/** The head tags of an entry's share preview. */
export function shareMetaTags(
  entry: PublicEntryView,
  publicUrl: string,
  pageUrl: string,
): { title: string; tags: string } {
  const credit = entry.credits.groupName ?? entry.credits.authors.join(', ');
  const title = `${entry.title} — ${entry.contest.name}`;
  const description = clip(
    [credit && `Tác giả: ${credit}`, entry.credits.unitName && `Đơn vị: ${entry.credits.unitName}`, entry.synopsis]
      .filter(Boolean)
      .join('. '),
    300,
  );
  const meta: [string, string][] = [
    ['og:type', 'video.other'],
    ['og:site_name', 'Cuộc thi video'],
    ['og:locale', 'vi_VN'],
    ['og:title', entry.title],
    ['og:description', description],
    ['og:url', pageUrl],
  ];
  if (entry.posterUrl) meta.push(['og:image', `${publicUrl}${entry.posterUrl}`], ['og:image:alt', entry.title]);
  const tags = [
    ...meta.map(([p, c]) => `<meta property="${p}" content="${escapeHtml(c)}">`),
    `<meta name="description" content="${escapeHtml(description)}">`,
    `<meta name="twitter:card" content="${entry.posterUrl ? 'summary_large_image' : 'summary'}">`,
    `<link rel="canonical" href="${escapeHtml(pageUrl)}">`,
  ].join('\n    ');
  return { title, tags };
}

/** index.html with the page's title and tags in its head. */
function withHead(html: string, title: string, tags: string): string {
  // Replacer functions: a replacement string would read `$&`, `$'` or `` $` `` in a title as patterns.
  const titled = html.replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(title)}</title>`);
  return titled.replace('</head>', () => `    ${tags}\n  </head>`);
}

/** The head tags of the results page's preview: the winners named, the first prize's poster as the image. */
export function resultsMetaTags(
  r: PublicResultsView,
  publicUrl: string,
  pageUrl: string,
): { title: string; tags: string } {
  const title = `Kết quả — ${r.contest.name}`;
  const winners = r.prizes.flatMap((p) =>
    p.places.flatMap((o) =>
      o.kind === 'awarded' ? [`${p.name}: ${o.winner.title} (${o.winner.recipient.name})`] : [],
    ),
  );
  const description = clip(winners.join('; '), 300);
  const poster = r.prizes
    .flatMap((p) => p.places)
    .flatMap((o) => (o.kind === 'awarded' && o.winner.posterUrl ? [o.winner.posterUrl] : []))[0];
  const meta: [string, string][] = [
    ['og:type', 'website'],
    ['og:site_name', 'Cuộc thi video'],
    ['og:locale', 'vi_VN'],
    ['og:title', title],
    ['og:description', description],
    ['og:url', pageUrl],
  ];
  if (poster) meta.push(['og:image', `${publicUrl}${poster}`], ['og:image:alt', title]);
  const tags = [
    ...meta.map(([p, c]) => `<meta property="${p}" content="${escapeHtml(c)}">`),
    `<meta name="description" content="${escapeHtml(description)}">`,
    `<meta name="twitter:card" content="${poster ? 'summary_large_image' : 'summary'}">`,
    `<link rel="canonical" href="${escapeHtml(pageUrl)}">`,
  ].join('\n    ');
  return { title, tags };
}

/**
 * The share pages of an entry and of the results, registered only without the server-rendering bundle: otherwise
 * server/http/ssr/ serves those pages, with the same tags.
 */
export function sharePageRoutes(app: FastifyInstance, deps: Deps, indexHtml: () => string): void {
  const params = z.object({ slug: z.string().max(80), entryId: z.string().max(20) });
  app.get('/c/:slug/e/:entryId', { schema: { hide: true } }, async (req, reply) => {
    const { slug, entryId } = params.parse(req.params);
    let html = indexHtml();
    // Only the canonical form: "0x1" or "01" is not entry 1's page.
    const id = /^[1-9][0-9]{0,14}$/.test(entryId) ? Number(entryId) : 0;
    if (id > 0) {
      const entry = await getPublicEntry(deps, id).catch(() => null);
      if (entry && entry.contest.slug === slug) {
        const { title, tags } = shareMetaTags(entry, deps.config.publicUrl, publicEntryUrl(deps, slug, id));
        html = withHead(html, title, tags);
      }
    }
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });

  app.get('/c/:slug/results', { schema: { hide: true } }, async (req, reply) => {
    const { slug } = z.object({ slug: z.string().max(80) }).parse(req.params);
    let html = indexHtml();
    const results = await getPublicResults(deps, slug).catch(() => null);
    if (results) {
      const pageUrl = `${deps.config.publicUrl}/c/${encodeURIComponent(slug)}/results`;
      const { title, tags } = resultsMetaTags(results, deps.config.publicUrl, pageUrl);
      html = withHead(html, title, tags);
    }
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
