import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../context.ts';

export function healthRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), time: z.string() }),
          503: z.object({ status: z.literal('error'), database: z.enum(['sqlite', 'postgres']), time: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      const time = deps.clock().toISOString();
      try {
        await sql`select 1`.execute(deps.db);
        return { status: 'ok' as const, database: deps.dialect, time };
      } catch {
        return reply.code(503).send({ status: 'error' as const, database: deps.dialect, time });
      }
    },
  );
}
