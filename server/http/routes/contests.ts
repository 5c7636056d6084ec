import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contestSummarySchema, contestViewSchema, errorBodySchema, okSchema } from '@core/api.ts';
import { contestCreateSchema, contestSettingsSchema, unitCategorySchema } from '@core/contest.ts';
import { phaseListSchema } from '@core/phases.ts';
import type { Deps } from '../../context.ts';
import { createContest } from '../../services/contests/create-contest.ts';
import { getContest } from '../../services/contests/get-contest.ts';
import { listContests } from '../../services/contests/list-contests.ts';
import { updateContest } from '../../services/contests/update-contest.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });

export function contestRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/contests',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc('List contests', 'Every contest of the installation with its name, theme and current phase.', [
          'anyone',
        ]),
        response: { 200: z.array(contestSummarySchema), ...errors },
      },
    },
    async () => listContests(deps),
  );

  r.post(
    '/api/contests',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc(
          'Create a contest',
          'Opens a new contest with its slug, name and settings; the caller becomes its first organizer. ' +
            'Audited. A slug already used: `contest.slugTaken`.',
          allowedBy('contest.create'),
        ),
        body: contestCreateSchema,
        response: { 201: z.object({ id: z.number(), slug: z.string() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await createContest(deps, req.actor, req.body)),
  );

  r.get(
    '/api/contests/:slug',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc(
          'A contest with its rules and current phase',
          'The contest as its public pages show it: theme, topics, rules text, entry rules (durations, ' +
            'resolutions, size), prizes, rubric, phases with the current and next one (times in ISO 8601; the ' +
            "contest's `timeZone` is the one its dates are shown in), unit categories and quotas, and the server " +
            'time.',
          ['anyone'],
        ),
        params: slugParams,
        response: { 200: contestViewSchema, ...errors },
      },
    },
    async (req) => getContest(deps, req.params.slug),
  );

  r.put(
    '/api/contests/:slug',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc(
          "Change a contest's settings",
          'Replaces the whole configuration at once (settings, phases, unit categories); the audit record names ' +
            'the parts that changed. Each wrong field is named in `details.issues` of the `validation` error.',
          allowedBy('contest.edit'),
        ),
        params: slugParams,
        body: contestSettingsSchema.extend({
          phases: phaseListSchema,
          unitCategories: z.array(unitCategorySchema).max(20),
        }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await updateContest(deps, req.actor, req.params.slug, req.body);
      return { ok: true as const };
    },
  );
}
