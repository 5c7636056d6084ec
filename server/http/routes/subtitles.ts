import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '@core/errors.ts';
import { errorBodySchema, okSchema, subtitleListSchema, subtitleSavedSchema, idParam } from '@core/api.ts';
import { SUBTITLE_LABEL_MAX, SUBTITLE_MAX_BYTES } from '@core/subtitle-languages.ts';
import type { Deps } from '../../context.ts';
import { deleteEntrySubtitles } from '../../services/media/delete-entry-subtitles.ts';
import { listEntrySubtitles } from '../../services/media/list-entry-subtitles.ts';
import { saveEntrySubtitles } from '../../services/media/save-entry-subtitles.ts';
import { openEntrySubtitles } from '../../services/media/serve-entry-subtitles.ts';
import type { StoredObject } from '../../storage/storage.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const entryParams = z.object({ entryId: idParam });
/** Checked against the list of languages in the service, which names them in its error. */
const langParams = entryParams.extend({ lang: z.string().min(1).max(35) });
/** Types browsers and tools give .vtt and .srt files; the encoding comes from the bytes, never from a charset. */
const SUBTITLE_TYPES = ['text/vtt', 'application/x-subrip', 'text/plain', 'application/octet-stream'];

function sendVtt(reply: FastifyReply, obj: StoredObject): FastifyReply {
  // Track URLs carry the file's version (?v=), so a replaced file is fetched anew despite the cache.
  reply
    .header('content-type', obj.contentType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=3600');
  return reply.header('content-length', String(obj.size)).send(obj.body);
}

/** Subtitle tracks of an entry: upload (WebVTT or SubRip), delete, list, and the cleaned WebVTT for the player. */
export function subtitleRoutes(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    // In this scope only, the file arrives as bytes whatever its type (elsewhere text/plain is parsed as a string).
    scope.removeContentTypeParser(['text/plain']);
    scope.addContentTypeParser(
      ['text/vtt', 'application/x-subrip', 'text/plain'],
      { parseAs: 'buffer' },
      (_req, body, done) => done(null, body),
    );
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.put(
      '/api/entries/:entryId/subtitles/:lang',
      {
        // Twice the file limit, so that a file somewhat too large gets the subtitle rule's own message.
        bodyLimit: 2 * SUBTITLE_MAX_BYTES,
        schema: {
          tags: ['subtitles'],
          ...operationDoc(
            'Upload a subtitle track',
            "The request body is the subtitle file's bytes (WebVTT or SubRip; UTF-8, or UTF-16 with a BOM; at " +
              `most ${SUBTITLE_MAX_BYTES} bytes) sent as ${SUBTITLE_TYPES.map((t) => `\`${t}\``).join(', ')}; ` +
              '`lang` is a BCP-47 tag from the supported list (`subtitles.lang` names them) and `label` an ' +
              'optional display name. Replaces the track in that language; the answer says what cleaning ' +
              'removed. Each rule broken has its own code naming the line (`subtitles.timestamp`, ' +
              '`subtitles.timing`, `subtitles.encoding`, …). The entrant may change tracks while the entry is an ' +
              'editable draft; the organizer and secretariat at any time, audited.',
            ['entryOwner', ...allowedBy('entries.intake')],
          ),
          consumes: SUBTITLE_TYPES,
          params: langParams,
          querystring: z.object({ label: z.string().max(SUBTITLE_LABEL_MAX).optional() }),
          response: { 200: subtitleSavedSchema, ...errors },
        },
      },
      async (req) => {
        // JSON (or any other type with a parser of its own) is not a subtitle file.
        if (req.body !== undefined && !Buffer.isBuffer(req.body)) throw new AppError('request.unsupportedType');
        return saveEntrySubtitles(deps, req.actor, req.params.entryId, req.params.lang, req.body ?? Buffer.alloc(0), {
          label: req.query.label,
        });
      },
    );

    r.delete(
      '/api/entries/:entryId/subtitles/:lang',
      {
        schema: {
          tags: ['subtitles'],
          ...operationDoc(
            'Delete a subtitle track',
            'Removes the track in that language, by the same rules as uploading one.',
            ['entryOwner', ...allowedBy('entries.intake')],
          ),
          params: langParams,
          response: { 200: okSchema, ...errors },
        },
      },
      async (req) => {
        await deleteEntrySubtitles(deps, req.actor, req.params.entryId, req.params.lang);
        return { ok: true as const };
      },
    );

    r.get(
      '/api/entries/:entryId/subtitles',
      {
        schema: {
          tags: ['subtitles'],
          ...operationDoc(
            'List subtitle tracks',
            "The entry's tracks, Vietnamese first, and whether the caller may change them now.",
            ['entryOwner', ...allowedBy('entries.viewAll')],
          ),
          params: entryParams,
          response: { 200: subtitleListSchema, ...errors },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'private, no-store');
        return listEntrySubtitles(deps, req.actor, req.params.entryId);
      },
    );

    r.get(
      '/api/entries/:entryId/subtitles/:lang.vtt',
      {
        schema: {
          tags: ['subtitles'],
          ...operationDoc(
            'Download a subtitle track (WebVTT)',
            'The cleaned WebVTT file of a track, for `<track src>`.',
            ['entryOwner', ...allowedBy('entries.viewAll')],
          ),
          params: langParams,
          querystring: z.object({ v: z.string().max(32).optional() }),
          produces: ['text/vtt'],
          response: errors,
        },
      },
      async (req, reply) => {
        const obj = await openEntrySubtitles(deps, req.actor, req.params.entryId, req.params.lang);
        return sendVtt(reply, obj);
      },
    );
  });
}
