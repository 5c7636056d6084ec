import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, okSchema } from '@core/api.ts';
import { REFERENCE_CLIP_TYPES, referenceClipInputSchema, referenceClipViewSchema } from '@core/reference-clips.ts';
import type { Deps } from '../../context.ts';
import { deleteReferenceClip } from '../../services/media/delete-reference-clip.ts';
import { listReferenceClips } from '../../services/media/list-reference-clips.ts';
import { loadReferenceClip } from '../../services/media/load-reference-clip.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });
type ClipType = keyof typeof REFERENCE_CLIP_TYPES;

/** R9: the contest's reference library (clips the entries are screened against), for organizers. */
export function referenceClipRoutes(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    // The video is the raw body, streamed to disk by the service (after the caller is authorized), never buffered.
    scope.addContentTypeParser(Object.keys(REFERENCE_CLIP_TYPES), (_req, payload, done) => done(null, payload));
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/contests/:slug/reference-clips',
      {
        schema: {
          tags: ['originality'],
          ...operationDoc(
            'Reference library of a contest',
            'The clips loaded by the organizers (title, source, duration, who loaded it), newest first, each with ' +
              'the entries whose current file matched it and the match score (per cent of the shorter covered).',
            allowedBy('references.manage'),
          ),
          params: slugParams,
          response: { 200: z.array(referenceClipViewSchema), ...errors },
        },
      },
      async (req) => listReferenceClips(deps, req.actor, req.params.slug),
    );

    r.post(
      '/api/contests/:slug/reference-clips',
      {
        schema: {
          tags: ['originality'],
          ...operationDoc(
            'Load a reference clip',
            'The request body is the video itself (`video/mp4` or `video/quicktime`, at most 4 GiB); `title` and ' +
              '`source` (where it comes from) are query parameters. The clip is fingerprinted (pictures and sound) ' +
              'and the file deleted: only fingerprints are kept. The contest’s fingerprinted entries are screened ' +
              'against it at once; `flags` counts the matches raised. A file whose pictures cannot be read gets ' +
              '`reference.unreadable`. Audited.',
            allowedBy('references.manage'),
          ),
          params: slugParams,
          querystring: referenceClipInputSchema,
          headers: z.looseObject({ 'content-type': z.enum(Object.keys(REFERENCE_CLIP_TYPES) as [ClipType]) }),
          response: { 201: z.object({ id: z.number(), flags: z.number() }), ...errors },
        },
      },
      async (req, reply) => {
        const format = REFERENCE_CLIP_TYPES[req.headers['content-type'] as ClipType];
        const out = await loadReferenceClip(
          deps,
          req.actor,
          req.params.slug,
          { ...req.query, format },
          req.body as Readable,
        );
        return reply.code(201).send(out);
      },
    );

    r.delete(
      '/api/contests/:slug/reference-clips/:clipId',
      {
        schema: {
          tags: ['originality'],
          ...operationDoc(
            'Delete a reference clip',
            'Removes the clip from the library with the matches it raised, which reviewers then no longer see. ' +
              'Audited.',
            allowedBy('references.manage'),
          ),
          params: slugParams.extend({ clipId: z.coerce.number().int().positive() }),
          response: { 200: okSchema, ...errors },
        },
      },
      async (req) => {
        await deleteReferenceClip(deps, req.actor, req.params.slug, req.params.clipId);
        return { ok: true as const };
      },
    );
  });
}
