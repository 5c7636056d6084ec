import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contestSummarySchema, contestViewSchema, errorBodySchema, okSchema } from '@core/api.ts';
import { contestCreateSchema, contestSettingsSchema, unitCategorySchema } from '@core/contest.ts';
import { contestCopySchema, contestIdentitySchema, contestStatusChangeSchema } from '@core/contest-lifecycle.ts';
import { phaseListSchema } from '@core/phases.ts';
import type { Deps } from '../../context.ts';
import { copyContest } from '../../services/contests/copy-contest.ts';
import { createContest } from '../../services/contests/create-contest.ts';
import { deleteDemoContest, previewDemoDeletion } from '../../services/contests/delete-demo-contest.ts';
import { getContest } from '../../services/contests/get-contest.ts';
import { listContests } from '../../services/contests/list-contests.ts';
import { renameContest } from '../../services/contests/rename-contest.ts';
import { setContestStatus } from '../../services/contests/set-contest-status.ts';
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
        ...operationDoc(
          'List contests',
          'The contests of the installation with their name, theme, status, current phase and where the home page ' +
            'lists them (`bucket`: open, upcoming, past; `draft` only for the staff of a draft and site ' +
            'administrators, to whom alone drafts are listed).',
          ['anyone'],
        ),
        response: { 200: z.array(contestSummarySchema), ...errors },
      },
    },
    async (req) => listContests(deps, req.actor),
  );

  r.post(
    '/api/contests',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc(
          'Create a contest',
          'Opens a new contest with its slug, name and settings; the caller becomes its first organizer. ' +
            '`status` `draft` keeps it hidden from the public until published (the staff area does so); absent, it ' +
            'is published at once. Audited. A slug already used: `contest.slugTaken`.',
          allowedBy('contest.create'),
        ),
        body: contestCreateSchema.extend({ status: z.enum(['draft', 'published']).optional() }),
        response: { 201: z.object({ id: z.number(), slug: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const { status, ...input } = req.body;
      return reply.code(201).send(await createContest(deps, req.actor, input, { status }));
    },
  );

  r.post(
    '/api/contests/:slug/copy',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc(
          'Copy a contest',
          'Starts a new contest, as a draft, from this one: its settings (topics, rules, entry rules, prizes, ' +
            'rubric), its phases moved by `offsetDays` whole days, its unit categories and units, and its roster ' +
            'when `includeRoster`. Entries, news and roles are not copied; the caller becomes the organizer. ' +
            'Audited. A slug already used: `contest.slugTaken`.',
          allowedBy('contest.create'),
        ),
        params: slugParams,
        body: contestCopySchema,
        response: { 201: z.object({ id: z.number(), slug: z.string() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await copyContest(deps, req.actor, req.params.slug, req.body)),
  );

  r.patch(
    '/api/contests/:slug',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc(
          "Change a contest's slug or name",
          'Sets a new short address (slug: lowercase letters, digits and hyphens) or name. Links with the old slug ' +
            'stop working. Audited with the old values. A slug already used: `contest.slugTaken`.',
          allowedBy('contest.create'),
        ),
        params: slugParams,
        body: contestIdentitySchema,
        response: { 200: z.object({ slug: z.string(), name: z.string() }), ...errors },
      },
    },
    async (req) => renameContest(deps, req.actor, req.params.slug, req.body),
  );

  r.post(
    '/api/contests/:slug/status',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc(
          'Publish, unpublish or archive a contest',
          '`published` shows the contest to everyone and lets entrants start entries; `draft` hides it again ' +
            '(only its staff and site administrators see it); `archived` lists it among past contests and stops ' +
            'changes to its settings, allowed only once its last phase has ended (`contest.notOver`). Audited.',
          allowedBy('contest.create'),
        ),
        params: slugParams,
        body: contestStatusChangeSchema,
        response: { 200: contestStatusChangeSchema, ...errors },
      },
    },
    async (req) => setContestStatus(deps, req.actor, req.params.slug, req.body.status),
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
            'time. A draft is found only by its staff and site administrators.',
          ['anyone'],
        ),
        params: slugParams,
        response: { 200: contestViewSchema, ...errors },
      },
    },
    async (req) => getContest(deps, req.params.slug, req.actor),
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

  const demoContents = z.object({
    slug: z.string(),
    name: z.string(),
    units: z.number(),
    rosterMembers: z.number(),
    roles: z.number(),
    entries: z.number(),
    uploads: z.number(),
    newsPosts: z.number(),
  });

  r.get(
    '/api/contests/:slug/demo-contents',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc(
          'What deleting the demo would remove',
          'Counts of what belongs to the demo contest (units, roster, roles, entries, uploads, news), for the ' +
            'confirmation before deleting it. A real contest: `contest.notDemo`.',
          allowedBy('contest.create'),
        ),
        params: slugParams,
        response: { 200: demoContents, ...errors },
      },
    },
    async (req) => previewDemoDeletion(deps, req.actor, req.params.slug),
  );

  r.delete(
    '/api/contests/:slug',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc(
          'Delete the demo contest with its data',
          'Removes the demo contest and everything in it (phases, units, roster, roles, entries with their videos ' +
            'and renditions, reviews, publications, news); audited with the counts removed. Only the demo: a real ' +
            'contest answers `contest.notDemo` and can only be archived.',
          allowedBy('contest.create'),
        ),
        params: slugParams,
        response: { 200: demoContents, ...errors },
      },
    },
    async (req) => deleteDemoContest(deps, req.actor, req.params.slug),
  );
}
