import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditRecordViewSchema, errorBodySchema, idParam } from '@core/api.ts';
import type { Deps } from '../../context.ts';
import { exportAuditXlsx } from '../../services/audit/export-audit-xlsx.ts';
import { listAuditLog } from '../../services/audit/list-audit-log.ts';
import { listAuditPeople } from '../../services/audit/list-audit-people.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** The filters of the screen and of its export. */
const filterQuery = z.object({
  actorUserId: z.coerce.number().int().positive().optional(),
  action: z.string().trim().min(1).max(60).optional(),
  from: day.optional(),
  to: day.optional(),
});
const FILTERS_DOC =
  'Filters: `actorUserId` (who did it), `action` (its code, e.g. `entry.review`), `from` and `to` (days as ' +
  "yyyy-mm-dd in the contest's time zone, both included).";

export function auditRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/contests/:slug/audit',
    {
      schema: {
        tags: ['audit'],
        ...operationDoc(
          'Read the audit log',
          "The contest's audit records, newest first: who did what, when, from which address, with the outcome " +
            'and the hash that chains each record to the one before; `targetLabel` names the entry, unit or ' +
            'person acted on. Pages with `before` (a `seq`) and `limit` (100 by default, at most 500). ' +
            FILTERS_DOC,
          allowedBy('audit.view'),
        ),
        params: slugParams,
        querystring: filterQuery.extend({
          before: idParam.optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
        response: { 200: z.array(auditRecordViewSchema), ...errors },
      },
    },
    async (req) => listAuditLog(deps, req.actor, req.params.slug, req.query),
  );

  r.get(
    '/api/contests/:slug/audit/people',
    {
      schema: {
        tags: ['audit'],
        ...operationDoc(
          'People in the audit log',
          "Everyone who appears as the actor of a record in the contest's audit log, by name: the choices of the " +
            'filter by person.',
          allowedBy('audit.view'),
        ),
        params: slugParams,
        response: { 200: z.array(z.object({ userId: z.number(), fullName: z.string() })), ...errors },
      },
    },
    async (req) => listAuditPeople(deps, req.actor, req.params.slug),
  );

  r.get(
    '/api/contests/:slug/audit.xlsx',
    {
      schema: {
        tags: ['audit'],
        ...operationDoc(
          'Export the audit log (XLSX)',
          "The audit log as a workbook in the caller's language: one row per record, newest first, with the " +
            'sentence saying who did what to which entry, unit or person, the outcome and the details as labelled ' +
            `lines; at most 5000 records. ${FILTERS_DOC}`,
          allowedBy('audit.view'),
        ),
        params: slugParams,
        querystring: filterQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const file = await exportAuditXlsx(deps, req.actor, req.params.slug, req.query, req.lang);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${req.params.slug}-nhat-ky.xlsx"`)
        .send(file);
    },
  );
}
