import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, renditionStatusSchema, idParam } from '@core/api.ts';
import type { Deps } from '../../context.ts';
import { openEntryMedia, openEntryOriginal, type MediaResponse } from '../../services/media/serve-entry-media.ts';
import type { StoredObject } from '../../storage/storage.ts';
import { AppError } from '@core/errors.ts';
import { getEntryRenditions } from '../../services/media/get-entry-renditions.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const entryParams = z.object({ entryId: idParam });
/** Names are checked against the whitelist in the service; anything else is "not found", never a validation error. */
const name = z.string().max(4096);

export function sendObject(reply: FastifyReply, obj: StoredObject, headers: Record<string, string> = {}): FastifyReply {
  reply
    .header('content-type', obj.contentType)
    .header('accept-ranges', 'bytes')
    .header('x-content-type-options', 'nosniff');
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  reply.header('content-length', String(obj.size));
  if (obj.range) reply.code(206).header('content-range', `bytes ${obj.range.start}-${obj.range.end}/${obj.totalSize}`);
  return reply.send(obj.body);
}

export function sendMedia(reply: FastifyReply, out: MediaResponse): FastifyReply {
  if (out.kind === 'redirect') return reply.header('cache-control', 'private, no-store').redirect(out.url, 302);
  return sendObject(reply, out.object, { 'cache-control': out.cacheControl });
}

/** A 416 carries the size of the file, as RFC 9110 asks. */
export function withRangeSize<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  return run().catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'media.rangeNotSatisfiable')
      reply.header('content-range', `bytes */${(err.details as { totalSize: number }).totalSize}`);
    throw err;
  });
}

/**
 * Playback of an entry's file for its owner and contest staff: renditions status, the HLS files (master playlist at
 * `media/master.m3u8`, variants at `media/<variant>/…`, so the playlists' relative paths resolve under this prefix)
 * and the original for download.
 */
export function mediaRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/entries/:entryId/renditions',
    {
      schema: {
        tags: ['media'],
        ...operationDoc(
          'Streaming copies of an entry: progress and URLs',
          'Whether the HLS renditions are queued, running, done or failed (with a percentage), and once done ' +
            'the poster and master playlist URLs and the subtitle tracks.',
          ['entryOwner', ...allowedBy('entries.viewAll')],
        ),
        params: entryParams,
        response: { 200: renditionStatusSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return getEntryRenditions(deps, req.actor, req.params.entryId);
    },
  );

  r.get(
    '/api/entries/:entryId/media/:file',
    {
      schema: {
        tags: ['media'],
        ...operationDoc(
          'HLS master playlist or poster of an entry',
          '`file` is `master.m3u8`, `poster.jpg` or `strip.jpg`; `Range` is supported. With object storage, a ' +
            '302 to a short-lived signed URL. Any other name: `media.notFound`.',
          ['entryOwner', ...allowedBy('entries.viewAll')],
        ),
        params: entryParams.extend({ file: name }),
        produces: ['application/vnd.apple.mpegurl', 'image/jpeg'],
        response: errors,
      },
    },
    async (req, reply) => {
      const out = await withRangeSize(reply, () =>
        openEntryMedia(deps, req.actor, req.params.entryId, [req.params.file], req.headers.range),
      );
      return sendMedia(reply, out);
    },
  );

  r.get(
    '/api/entries/:entryId/media/:variant/:file',
    {
      schema: {
        tags: ['media'],
        ...operationDoc(
          'HLS variant playlist or segment of an entry',
          "A variant's `index.m3u8` or a segment (`seg_NNNNN.ts` / `.m4s`); `Range` is supported. With object " +
            'storage, a 302 to a short-lived signed URL.',
          ['entryOwner', ...allowedBy('entries.viewAll')],
        ),
        params: entryParams.extend({ variant: name, file: name }),
        produces: ['application/vnd.apple.mpegurl', 'video/mp2t', 'video/iso.segment'],
        response: errors,
      },
    },
    async (req, reply) => {
      const out = await withRangeSize(reply, () =>
        openEntryMedia(deps, req.actor, req.params.entryId, [req.params.variant, req.params.file], req.headers.range),
      );
      return sendMedia(reply, out);
    },
  );

  r.get(
    '/api/entries/:entryId/original',
    {
      schema: {
        tags: ['media'],
        ...operationDoc(
          'Download the original file',
          'The file as uploaded, as an attachment (`Range` supported), or a 302 to a short-lived signed URL ' +
            'when it is in object storage. The publisher may download the original of a published entry (for the ' +
            'fanpage).',
          ['entryOwner', ...allowedBy('entries.viewAll'), 'publisher'],
        ),
        params: entryParams,
        produces: ['video/mp4', 'video/quicktime'],
        response: errors,
      },
    },
    async (req, reply) => {
      const out = await withRangeSize(reply, () =>
        openEntryOriginal(deps, req.actor, req.params.entryId, req.headers.range),
      );
      if (out.kind === 'redirect') return reply.header('cache-control', 'private, no-store').redirect(out.url, 302);
      return sendObject(reply, out.object, {
        'cache-control': 'private, no-store',
        'content-disposition': out.disposition,
      });
    },
  );
}
