import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../context.ts';
import { checkHealth } from '../../services/system/check-health.ts';
import { operationDoc } from '../openapi.ts';

export function healthRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        ...operationDoc(
          'Health of the server and its database',
          'Answers 200 with `status: ok`, the database in use (`sqlite` or `postgres`) and the server time when ' +
            'the database answers a trivial query, else 503 with `status: error`. For load balancers and ' +
            'monitoring; it reveals nothing else.',
          ['anyone'],
        ),
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), time: z.string() }),
          503: z.object({ status: z.literal('error'), database: z.enum(['sqlite', 'postgres']), time: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      const { ok, database, time } = await checkHealth(deps);
      if (ok) return { status: 'ok' as const, database, time };
      return reply.code(503).send({ status: 'error' as const, database, time });
    },
  );
}
