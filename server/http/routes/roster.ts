import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, okSchema, rosterMemberViewSchema, idParam } from '@core/api.ts';
import { rosterMemberInputSchema } from '@core/roster.ts';
import type { Deps } from '../../context.ts';
import { addRosterMember } from '../../services/units/add-roster-member.ts';
import { listRoster } from '../../services/units/list-roster.ts';
import { removeRosterMember } from '../../services/units/remove-roster-member.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });

export function rosterRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/contests/:slug/roster',
    {
      schema: {
        tags: ['roster'],
        ...operationDoc(
          'List the organizing committee, jury and secretariat',
          "Members of the contest's bodies, with their contact details; these people may not enter the contest.",
          allowedBy('roster.view'),
        ),
        params: slugParams,
        response: { 200: z.array(rosterMemberViewSchema), ...errors },
      },
    },
    async (req) => listRoster(deps, req.actor, req.params.slug) as Promise<z.infer<typeof rosterMemberViewSchema>[]>,
  );
  r.post(
    '/api/contests/:slug/roster',
    {
      schema: {
        tags: ['roster'],
        ...operationDoc(
          'Add a member to a body',
          'Adds a member of the organizing committee, jury or secretariat. Their e-mail or phone is required ' +
            '(`roster.contactRequired`): it bars them from entering. Audited.',
          allowedBy('roster.edit'),
        ),
        params: slugParams,
        body: rosterMemberInputSchema,
        response: { 201: z.object({ id: z.number() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await addRosterMember(deps, req.actor, req.params.slug, req.body)),
  );
  r.delete(
    '/api/contests/:slug/roster/:memberId',
    {
      schema: {
        tags: ['roster'],
        ...operationDoc('Remove a member from a body', 'Removes a roster member. Audited.', allowedBy('roster.edit')),
        params: slugParams.extend({ memberId: idParam }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await removeRosterMember(deps, req.actor, req.params.slug, req.params.memberId);
      return { ok: true as const };
    },
  );
}
