import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@core/api.ts';
import type { Deps } from '../../context.ts';
import { createChallenge } from '../../security/altcha.ts';
import { operationDoc } from '../openapi.ts';

const challengeSchema = z.object({
  parameters: z.object({
    algorithm: z.string(),
    nonce: z.string(),
    salt: z.string(),
    cost: z.number(),
    keyLength: z.number(),
    keyPrefix: z.string(),
    keySignature: z.string().optional(),
    expiresAt: z.number().optional(),
  }),
  signature: z.string().optional(),
});

export function challengeRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/challenge',
    {
      schema: {
        tags: ['system'],
        ...operationDoc(
          'A proof-of-work challenge',
          'A signed ALTCHA challenge (protocol v2, SHA-256) for the `altcha` widget, valid 10 minutes. Its solution ' +
            "(the widget's base64 payload) is sent as `altcha` with a request that needs it, such as asking for a " +
            'voting code or casting a vote, and is accepted once.',
          ['anyone'],
        ),
        response: { 200: challengeSchema, '4xx': errorBodySchema, '5xx': errorBodySchema },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return createChallenge(deps);
    },
  );
}
