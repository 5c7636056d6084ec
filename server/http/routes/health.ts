import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../context.ts';
import { checkHealth } from '../../services/system/check-health.ts';
import { checkReadiness } from '../../services/system/check-readiness.ts';
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
  const check = z.object({
    name: z.enum(['database', 'migrations', 'storage', 'uploads', 'queue']),
    ok: z.boolean(),
  });
  r.get(
    '/api/ready',
    {
      schema: {
        tags: ['system'],
        ...operationDoc(
          'Readiness of this process to serve',
          'Answers 200 with `status: ready` when the database answers, every migration has run, media storage ' +
            'takes a write and a delete, the upload directory is writable and the job queue answers; else 503 ' +
            'with `status: not_ready`. `checks` lists each check, and for a failed one `detail` says why (an ' +
            "error message or the migrations not yet run). For a load balancer's readiness probe; each check " +
            'gives up after 5 seconds.',
          ['anyone'],
        ),
        response: {
          200: z.object({ status: z.literal('ready'), checks: z.array(check) }),
          503: z.object({ status: z.literal('not_ready'), checks: z.array(check) }),
        },
      },
    },
    async (req, reply) => {
      const { ok, checks } = await checkReadiness(deps);
      const shown = checks.map((c) => ({ name: c.name, ok: c.ok }));
      reply.header('cache-control', 'no-store');
      if (ok) return { status: 'ready' as const, checks: shown };
      req.log.warn({ failed: checks.filter((c) => !c.ok) }, 'not ready');
      return reply.code(503).send({ status: 'not_ready' as const, checks: shown });
    },
  );
}
