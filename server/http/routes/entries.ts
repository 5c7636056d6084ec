import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  complianceSchema,
  contestEntryRowSchema,
  entryViewSchema,
  errorBodySchema,
  myEntrySchema,
  okSchema,
  receiptSchema,
} from '@core/api.ts';
import { entryDraftSchema } from '@core/entry.ts';
import type { Deps } from '../../context.ts';
import { exportEntriesXlsx } from '../../services/entries/export-entries-xlsx.ts';
import { getCompliance } from '../../services/entries/get-compliance.ts';
import { getEntry } from '../../services/entries/get-entry.ts';
import { getReceipt } from '../../services/entries/get-receipt.ts';
import { listContestEntries } from '../../services/entries/list-contest-entries.ts';
import { listMyEntries } from '../../services/entries/list-my-entries.ts';
import { saveEntryDraft } from '../../services/entries/save-entry-draft.ts';
import { submitEntry } from '../../services/entries/submit-entry.ts';
import { withdrawEntry } from '../../services/entries/withdraw-entry.ts';
import { deleteEntry } from '../../services/entries/delete-entry.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const entryParams = z.object({ entryId: z.coerce.number().int().positive() });
const listQuery = z.object({
  q: z.string().max(100).optional(),
  status: z.enum(['draft', 'submitted']).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  fileStatus: z.enum(['refused', 'accepted', 'checking', 'none']).optional(),
});

export function entryRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/contests/:slug/entries',
    {
      schema: {
        tags: ['entries'],
        params: slugParams,
        querystring: z.object({ intake: z.enum(['true', 'false']).optional() }),
        body: entryDraftSchema,
        response: { 201: z.object({ id: z.number() }), ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await saveEntryDraft(deps, req.actor, req.params.slug, req.body, { intake: req.query.intake === 'true' }),
        ),
  );

  r.put(
    '/api/contests/:slug/entries/:entryId',
    {
      schema: {
        tags: ['entries'],
        params: slugParams.extend(entryParams.shape),
        body: entryDraftSchema,
        response: { 200: z.object({ id: z.number() }), ...errors },
      },
    },
    async (req) => saveEntryDraft(deps, req.actor, req.params.slug, req.body, { entryId: req.params.entryId }),
  );

  r.get(
    '/api/entries/:entryId',
    { schema: { tags: ['entries'], params: entryParams, response: { 200: entryViewSchema, ...errors } } },
    async (req) => getEntry(deps, req.actor, req.params.entryId),
  );

  r.post(
    '/api/entries/:entryId/submit',
    { schema: { tags: ['entries'], params: entryParams, response: { 200: receiptSchema, ...errors } } },
    async (req) => submitEntry(deps, req.actor, req.params.entryId),
  );

  r.post(
    '/api/entries/:entryId/withdraw',
    { schema: { tags: ['entries'], params: entryParams, response: { 200: okSchema, ...errors } } },
    async (req) => {
      await withdrawEntry(deps, req.actor, req.params.entryId);
      return { ok: true as const };
    },
  );

  r.delete(
    '/api/entries/:entryId',
    {
      schema: {
        tags: ['entries'],
        description:
          'Deletes the entry and all its media: the entrant a draft, the organizer any entry (reason required, audited).',
        params: entryParams,
        body: z.object({ reason: z.string().max(1000).optional() }).nullish(),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await deleteEntry(deps, req.actor, req.params.entryId, { reason: req.body?.reason });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/entries/:entryId/receipt',
    { schema: { tags: ['entries'], params: entryParams, response: { 200: receiptSchema, ...errors } } },
    async (req) => getReceipt(deps, req.actor, req.params.entryId),
  );

  r.get(
    '/api/me/entries',
    { schema: { tags: ['entries'], response: { 200: z.array(myEntrySchema), ...errors } } },
    async (req) => listMyEntries(deps, req.actor),
  );

  r.get(
    '/api/contests/:slug/entries',
    {
      schema: {
        tags: ['entries'],
        params: slugParams,
        querystring: listQuery,
        response: { 200: z.array(contestEntryRowSchema), ...errors },
      },
    },
    async (req) => listContestEntries(deps, req.actor, req.params.slug, req.query),
  );

  r.get(
    '/api/contests/:slug/entries.xlsx',
    {
      schema: {
        tags: ['entries'],
        params: slugParams,
        querystring: listQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const file = await exportEntriesXlsx(deps, req.actor, req.params.slug, req.query, req.lang);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${req.params.slug}-tac-pham.xlsx"`)
        .send(file);
    },
  );

  r.get(
    '/api/contests/:slug/compliance',
    { schema: { tags: ['entries'], params: slugParams, response: { 200: complianceSchema, ...errors } } },
    async (req) => getCompliance(deps, req.actor, req.params.slug),
  );
}
