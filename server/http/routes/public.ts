import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StoredObject } from '../../storage/storage.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, galleryPageSchema, newsPostSchema, publicEntrySchema, idParam } from '@core/api.ts';
import { ENTRY_FORMS } from '@core/contest.ts';
import type { Deps } from '../../context.ts';
import { publicEntryJson } from '../../services/publication/get-public-entry.ts';
import { galleryPageJson } from '../../services/publication/list-gallery.ts';
import { listNews } from '../../services/publication/list-news.ts';
import { REPORT_KINDS, reportEntry } from '../../services/publication/report-entry.ts';
import { openPublicEntryMedia, openPublicSubtitles } from '../../services/media/serve-public-media.ts';
import { limiter } from '../plugins/rate-limit.ts';
import { sendMedia, withRangeSize } from './media.ts';
import { operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const entryParams = z.object({ entryId: idParam });
const name = z.string().max(4096);
const galleryQuery = z.object({
  form: z.enum(ENTRY_FORMS).optional(),
  unitId: idParam.optional(),
  topicIndex: z.coerce.number().int().min(0).max(50).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(1000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

/** JSON made and checked by the service once per snapshot (its shape is the route's schema), sent as it is. */
function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.header('cache-control', 'public, max-age=10').type('application/json; charset=utf-8').send(json);
}

function sendPublicObject(reply: FastifyReply, obj: StoredObject): FastifyReply {
  reply
    .header('content-type', obj.contentType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'public, max-age=600');
  return reply.header('content-length', String(obj.size)).send(obj.body);
}

/** What anyone may read without signing in: the gallery, published entries and their media, news; and reports. */
export function publicRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reportsByIp = limiter(deps, 'report-ip', deps.config.reportsPerHour, 3600);
  const shortCache = 'public, max-age=10';

  r.get(
    '/api/public/contests/:slug/gallery',
    {
      schema: {
        tags: ['public'],
        ...operationDoc(
          'The public gallery',
          'A page of published entries (names and unit only, never personal data) with counts for the filters; ' +
            'filters by form, unit and topic, `q` without diacritics. Cached for 10 s; no session needed.',
          ['anyone'],
        ),
        params: slugParams,
        querystring: galleryQuery,
        response: { 200: galleryPageSchema, ...errors },
      },
    },
    async (req, reply) => {
      return sendJson(reply, await galleryPageJson(deps, req.params.slug, req.query));
    },
  );

  r.get(
    '/api/public/entries/:entryId',
    {
      schema: {
        tags: ['public'],
        ...operationDoc(
          'A published entry',
          'The public view of a published entry: title, synopsis, credits, caption, player URLs and subtitles. ' +
            'Unpublished entries do not exist here (`entry.notFound`).',
          ['anyone'],
        ),
        params: entryParams,
        response: { 200: publicEntrySchema, ...errors },
      },
    },
    async (req, reply) => {
      return sendJson(reply, await publicEntryJson(deps, req.params.entryId));
    },
  );

  r.get(
    '/api/public/entries/:entryId/media/:file',
    {
      schema: {
        tags: ['public'],
        ...operationDoc(
          'HLS master playlist or poster of a published entry',
          '`master.m3u8`, `poster.jpg` or `strip.jpg` of a published entry; `Range` supported; cacheable.',
          ['anyone'],
        ),
        params: entryParams.extend({ file: name }),
        produces: ['application/vnd.apple.mpegurl', 'image/jpeg'],
        response: errors,
      },
    },
    async (req, reply) =>
      sendMedia(
        reply,
        await withRangeSize(reply, () =>
          openPublicEntryMedia(deps, req.params.entryId, [req.params.file], req.headers.range),
        ),
      ),
  );

  r.get(
    '/api/public/entries/:entryId/media/:variant/:file',
    {
      schema: {
        tags: ['public'],
        ...operationDoc(
          'HLS variant playlist or segment of a published entry',
          'A variant playlist or segment of a published entry; `Range` supported; cacheable.',
          ['anyone'],
        ),
        params: entryParams.extend({ variant: name, file: name }),
        produces: ['application/vnd.apple.mpegurl', 'video/mp2t'],
        response: errors,
      },
    },
    async (req, reply) =>
      sendMedia(
        reply,
        await withRangeSize(reply, () =>
          openPublicEntryMedia(deps, req.params.entryId, [req.params.variant, req.params.file], req.headers.range),
        ),
      ),
  );

  r.get(
    '/api/public/entries/:entryId/subtitles/:file',
    {
      schema: {
        tags: ['public'],
        ...operationDoc('Subtitles of a published entry', 'The cleaned WebVTT file of a track, named `<lang>.vtt`.', [
          'anyone',
        ]),
        params: entryParams.extend({ file: z.string().max(40) }),
        produces: ['text/vtt'],
        response: errors,
      },
    },
    async (req, reply) => {
      const obj = await openPublicSubtitles(deps, req.params.entryId, req.params.file.replace(/\.vtt$/i, ''));
      return sendPublicObject(reply, obj);
    },
  );

  r.post(
    '/api/public/entries/:entryId/reports',
    {
      schema: {
        tags: ['public'],
        ...operationDoc(
          'Report a published entry',
          "Tells the committee that a published entry copies someone, breaks someone's rights or is " +
            'inappropriate (`kind`), with a `reason` of at least 10 characters and an optional contact that is ' +
            'never shown publicly. Needs the CSRF token (anonymous token without a session); rate-limited per ' +
            'address (`RATE_LIMIT_REPORTS_PER_HOUR`).',
          ['anyone'],
        ),
        params: entryParams,
        body: z.object({
          kind: z.enum(REPORT_KINDS),
          reason: z.string().max(3000),
          contact: z.string().max(200).optional(),
        }),
        response: { 201: z.object({ id: z.number() }), ...errors },
      },
    },
    async (req, reply) => {
      await reportsByIp(req.ip);
      const out = await reportEntry(deps, req.actor, req.params.entryId, req.body);
      return reply.code(201).send(out);
    },
  );

  r.get(
    '/api/public/contests/:slug/news',
    {
      schema: {
        tags: ['public'],
        ...operationDoc('Contest news', "The contest's announcements, newest first; cached for 10 s.", ['anyone']),
        params: slugParams,
        response: { 200: z.array(newsPostSchema), ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', shortCache);
      return listNews(deps, req.params.slug);
    },
  );
}
