import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  errorBodySchema,
  okSchema,
  publicationRowSchema,
  publishResultSchema,
  reportRowSchema,
  idParam,
} from '@core/api.ts';
import { titleText } from '@core/text-fields.ts';
import type { Deps } from '../../context.ts';
import { exportCaptionsCsv } from '../../services/publication/export-captions.ts';
import { listPublication } from '../../services/publication/list-publication.ts';
import { listReports } from '../../services/publication/list-reports.ts';
import { deleteNewsPost } from '../../services/publication/delete-news-post.ts';
import { saveNewsPost } from '../../services/publication/save-news-post.ts';
import { publishEntries } from '../../services/publication/publish-entries.ts';
import { resolveReport } from '../../services/publication/resolve-report.ts';
import { unpublishEntry } from '../../services/publication/unpublish-entry.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const newsBody = z.object({ title: titleText(3, 300), body: z.string().trim().min(1).max(20_000) });

/** Staff: publication (publisher), reports (committee), news (organizer). */
export function publicationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/contests/:slug/publication',
    {
      schema: {
        tags: ['publication'],
        ...operationDoc(
          'Entries to publish and their state',
          'Every approved or published entry with its publication state, caption, public URL and whether its ' +
            'streaming copy is ready.',
          allowedBy('entries.publish'),
        ),
        params: slugParams,
        response: { 200: z.array(publicationRowSchema), ...errors },
      },
    },
    async (req) => listPublication(deps, req.actor, req.params.slug),
  );

  r.post(
    '/api/contests/:slug/publication/publish',
    {
      schema: {
        tags: ['publication'],
        ...operationDoc(
          'Publish entries in the gallery',
          'Publishes the listed entries, or with `entryIds: null` every approved entry not yet public, each ' +
            'with a caption crediting its authors (`caption` overrides it when publishing one entry). Entries not ' +
            'approved or whose streaming copy is not ready are skipped and listed in `skipped` with the reason. ' +
            'Audited; authors are notified.',
          allowedBy('entries.publish'),
        ),
        params: slugParams,
        body: z.object({
          entryIds: z.array(z.number().int().positive()).max(2000).nullable(),
          caption: z.string().max(3000).optional(),
        }),
        response: { 200: publishResultSchema, ...errors },
      },
    },
    async (req) => publishEntries(deps, req.actor, req.params.slug, req.body),
  );

  r.post(
    '/api/contests/:slug/publication/:entryId/unpublish',
    {
      schema: {
        tags: ['publication'],
        ...operationDoc(
          'Take an entry out of the gallery',
          'Unpublishes an entry with a `reason` of at least 5 characters that its author is told ' +
            '(`publish.reasonRequired`). Audited.',
          allowedBy('entries.publish'),
        ),
        params: slugParams.extend({ entryId: idParam }),
        body: z.object({ reason: z.string().max(1000) }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await unpublishEntry(deps, req.actor, req.params.slug, req.params.entryId, req.body.reason);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/contests/:slug/publication/captions.csv',
    {
      schema: {
        tags: ['publication'],
        ...operationDoc(
          'Captions for the fanpage (CSV)',
          'Every published entry with its caption, public link and download address, as CSV (UTF-8 with a BOM, ' +
            'for Excel).',
          allowedBy('entries.publish'),
        ),
        params: slugParams,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const csv = await exportCaptionsCsv(deps, req.actor, req.params.slug, req.lang);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="captions-${req.params.slug}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(csv);
    },
  );

  r.get(
    '/api/contests/:slug/reports',
    {
      schema: {
        tags: ['reports'],
        ...operationDoc(
          'Reports about published entries',
          "The public's reports with their status (`open`, `dismissed`, `upheld`) and outcome; filter by " +
            '`status`.',
          allowedBy('reports.handle'),
        ),
        params: slugParams,
        querystring: z.object({ status: z.enum(['open', 'dismissed', 'upheld']).optional() }),
        response: { 200: z.array(reportRowSchema), ...errors },
      },
    },
    async (req) => listReports(deps, req.actor, req.params.slug, req.query),
  );

  r.post(
    '/api/reports/:reportId/resolve',
    {
      schema: {
        tags: ['reports'],
        ...operationDoc(
          'Resolve a report',
          'Records the outcome (at least 5 characters): `dismissed` or `upheld`; an upheld report may take the ' +
            'entry out of the gallery in the same step (`unpublish: true`). Audited. `report.alreadyResolved` ' +
            'when handled already.',
          allowedBy('reports.handle'),
        ),
        params: z.object({ reportId: idParam }),
        body: z.object({
          status: z.enum(['dismissed', 'upheld']),
          outcome: z.string().max(2000),
          unpublish: z.boolean().optional(),
        }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await resolveReport(deps, req.actor, req.params.reportId, req.body);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/contests/:slug/news',
    {
      schema: {
        tags: ['news'],
        ...operationDoc(
          'Post news',
          "Publishes an announcement on the contest's home page (title 3–300 characters, body in plain text " +
            'with light Markdown). Audited.',
          allowedBy('news.edit'),
        ),
        params: slugParams,
        body: newsBody,
        response: { 201: z.object({ id: z.number() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await saveNewsPost(deps, req.actor, req.params.slug, null, req.body)),
  );

  r.put(
    '/api/contests/:slug/news/:postId',
    {
      schema: {
        tags: ['news'],
        ...operationDoc('Edit news', "Replaces a news post's title and body. Audited.", allowedBy('news.edit')),
        params: slugParams.extend({ postId: idParam }),
        body: newsBody,
        response: { 200: z.object({ id: z.number() }), ...errors },
      },
    },
    async (req) => saveNewsPost(deps, req.actor, req.params.slug, req.params.postId, req.body),
  );

  r.delete(
    '/api/contests/:slug/news/:postId',
    {
      schema: {
        tags: ['news'],
        ...operationDoc('Delete news', 'Deletes a news post. Audited.', allowedBy('news.edit')),
        params: slugParams.extend({ postId: idParam }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await deleteNewsPost(deps, req.actor, req.params.slug, req.params.postId);
      return { ok: true as const };
    },
  );
}
