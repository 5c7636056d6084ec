import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contestRoleViewSchema, errorBodySchema, okSchema } from '@core/api.ts';
import { CONTEST_ROLES } from '@core/roles.ts';
import type { Deps } from '../../context.ts';
import { grantContestRole } from '../../services/units/grant-contest-role.ts';
import { listContestRoles } from '../../services/units/list-contest-roles.ts';
import { revokeContestRole } from '../../services/units/revoke-contest-role.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });

export function roleRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/contests/:slug/roles',
    { schema: { tags: ['roles'], params: slugParams, response: { 200: z.array(contestRoleViewSchema), ...errors } } },
    async (req) =>
      listContestRoles(deps, req.actor, req.params.slug) as Promise<z.infer<typeof contestRoleViewSchema>[]>,
  );
  r.post(
    '/api/contests/:slug/roles',
    {
      schema: {
        tags: ['roles'],
        params: slugParams,
        body: z.object({
          identifier: z.string().trim().min(3).max(200),
          role: z.enum(CONTEST_ROLES),
          unitId: z.number().int().positive().optional(),
        }),
        response: { 201: z.object({ id: z.number() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await grantContestRole(deps, req.actor, req.params.slug, req.body)),
  );
  r.delete(
    '/api/contests/:slug/roles/:roleId',
    {
      schema: {
        tags: ['roles'],
        params: slugParams.extend({ roleId: z.coerce.number().int().positive() }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await revokeContestRole(deps, req.actor, req.params.slug, req.params.roleId);
      return { ok: true as const };
    },
  );
}
