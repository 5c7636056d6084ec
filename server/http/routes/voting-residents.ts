import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@core/api.ts';
import type { Deps } from '../../context.ts';
import { clearResidentList } from '../../services/voting/clear-resident-list.ts';
import { getResidentList } from '../../services/voting/get-resident-list.ts';
import { loadResidentList } from '../../services/voting/load-resident-list.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });

/** The resident list of a contest's public vote: read by voting staff, loaded and cleared by the organizer. */
export function votingResidentRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const url = '/api/contests/:slug/voting/residents';

  r.get(
    url,
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'The resident list',
          'Whether only numbers on the resident list may verify (`restricted`), how many numbers the loaded list ' +
            'holds, and who loaded it when. The numbers themselves are not kept, only their keyed hashes.',
          allowedBy('votes.view'),
        ),
        params: slugParams,
        response: {
          200: z.object({
            restricted: z.boolean(),
            numbers: z.number(),
            loadedAt: z.string().nullable(),
            loadedBy: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req) => getResidentList(deps, req.actor, req.params.slug),
  );

  // The file is the raw request body, as for the units' import.
  r.put(
    url,
    {
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Load the resident list',
          'The request body is a CSV file (`text/csv` or `application/octet-stream`, at most 10 MiB, UTF-8) with ' +
            'one Vietnamese mobile number a row: a header naming the column (`so_dien_thoai`, `sdt`, `phone`, …) ' +
            'or the number in the first column. It replaces the list whole; all or nothing: a bad row rejects the ' +
            'file with `residents.rowErrors`, the rows listed in `details.rows`. Only keyed hashes are stored. ' +
            'Audited with the count.',
          allowedBy('contest.edit'),
        ),
        params: slugParams,
        response: { 200: z.object({ numbers: z.number(), duplicates: z.number() }), ...errors },
      },
    },
    async (req) =>
      loadResidentList(
        deps,
        req.actor,
        req.params.slug,
        Buffer.isBuffer(req.body) ? req.body : Buffer.from(String(req.body ?? '')),
      ),
  );

  r.delete(
    url,
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Clear the resident list',
          'Removes the list; while only residents may vote, no number can then verify. Audited.',
          allowedBy('contest.edit'),
        ),
        params: slugParams,
        response: { 200: z.object({ removed: z.number() }), ...errors },
      },
    },
    async (req) => clearResidentList(deps, req.actor, req.params.slug),
  );
}
