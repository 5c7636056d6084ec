import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditRecordViewSchema, errorBodySchema, idParam } from '@core/api.ts';
import type { Deps } from '../../context.ts';
import { listAuditLog } from '../../services/audit/list-audit-log.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };

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
            'and the hash that chains each record to the one before. Pages with `before` (a `seq`) and `limit` ' +
            '(100 by default, at most 500).',
          allowedBy('audit.view'),
        ),
        params: z.object({ slug: z.string().min(1).max(80) }),
        querystring: z.object({
          before: idParam.optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
        response: { 200: z.array(auditRecordViewSchema), ...errors },
      },
    },
    async (req) => listAuditLog(deps, req.actor, req.params.slug, req.query),
  );
}
