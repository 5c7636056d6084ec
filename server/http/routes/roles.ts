import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contestRoleViewSchema, errorBodySchema, okSchema, idParam } from '@core/api.ts';
import { CONTEST_ROLES } from '@core/roles.ts';
import type { Deps } from '../../context.ts';
import { grantContestRole } from '../../services/units/grant-contest-role.ts';
import { listContestRoles } from '../../services/units/list-contest-roles.ts';
import { revokeContestRole } from '../../services/units/revoke-contest-role.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });

export function roleRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/contests/:slug/roles',
    {
      schema: {
        tags: ['roles'],
        ...operationDoc(
          'List who holds which role',
          'Every role granted in the contest, with the person and, for `unit_rep`, the unit.',
          allowedBy('roles.view'),
        ),
        params: slugParams,
        response: { 200: z.array(contestRoleViewSchema), ...errors },
      },
    },
    async (req) =>
      listContestRoles(deps, req.actor, req.params.slug) as Promise<z.infer<typeof contestRoleViewSchema>[]>,
  );
  r.post(
    '/api/contests/:slug/roles',
    {
      schema: {
        tags: ['roles'],
        ...operationDoc(
          'Give a person a role',
          'Gives a registered account (found by e-mail or phone in `identifier`) a contest role; `unit_rep` ' +
            'needs `unitId`. Granting twice is harmless. Audited. Errors: `role.userNotFound`, ' +
            '`role.unitRequired`, `role.otherUnit`.',
          allowedBy('roles.edit'),
        ),
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
        ...operationDoc(
          'Take a role away',
          "Revokes a role; it takes effect on the person's next request. The last organizer cannot be removed " +
            '(`role.lastOrganizer`). Audited.',
          allowedBy('roles.edit'),
        ),
        params: slugParams.extend({ roleId: idParam }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await revokeContestRole(deps, req.actor, req.params.slug, req.params.roleId);
      return { ok: true as const };
    },
  );
}
