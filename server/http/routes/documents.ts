import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { rosterDecisionOptionsSchema } from '@core/documents/roster-decision.ts';
import type { Deps } from '../../context.ts';
import { renderRosterDecision } from '../../services/documents/render-roster-decision.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const slugParams = z.object({ slug: z.string().min(1).max(80) });
const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

export function documentRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const format of ['docx', 'pdf'] as const) {
    r.get(
      `/api/contests/:slug/documents/roster-decision.${format}`,
      {
        schema: {
          tags: ['documents'],
          ...operationDoc(
            `Decision establishing the organizing committee or the jury (${format.toUpperCase()})`,
            'A draft laid out per Nghị định 30/2020 from the roster: `body` (organizing_committee or jury), ' +
              '`issuer` (the People’s Committee), `abbr`, `place` of the date line, `signer`, further `grounds` one ' +
              'per line. Members head first, with position and role; no contacts. Audited.',
            allowedBy('documents.generate'),
          ),
          params: slugParams,
          querystring: rosterDecisionOptionsSchema,
          produces: [TYPES[format]],
        },
      },
      async (req, reply) => {
        const file = await renderRosterDecision(deps, req.actor, req.params.slug, format, req.query);
        const name = req.query.body === 'jury' ? 'qd-thanh-lap-ban-giam-khao' : 'qd-thanh-lap-ban-to-chuc';
        return reply
          .headers({
            'content-type': TYPES[format],
            'content-disposition': `attachment; filename="${name}.${format}"`,
            'cache-control': 'private, no-store',
          })
          .send(file);
      },
    );
  }
}
