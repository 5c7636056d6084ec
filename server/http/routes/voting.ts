import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@core/api.ts';
import { votingSettingsSchema } from '@core/voting/settings.ts';
import type { Deps } from '../../context.ts';
import { getVotingSettings } from '../../services/voting/get-voting-settings.ts';
import { updateVotingSettings } from '../../services/voting/update-voting-settings.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });

const votingSettingsViewSchema = z.object({
  settings: z.record(z.string(), z.unknown()),
  isDefault: z.boolean(),
  window: z.object({ startsAt: z.string(), endsAt: z.string() }).nullable(),
  lockedFields: z.array(z.string()),
});

export function votingRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/contests/:slug/voting/settings',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Voting settings',
          'The voting settings in force (the defaults until the organizer saves some): the rule (one vote per ' +
            'verified person per day in the contest’s time zone, one per entry per day, or a fixed total), live ' +
            'or end-only tallies, the source of the most-voted prize, and the thresholds; with the voting window ' +
            '(the `public_voting` phase) and the fields locked once voting started.',
          allowedBy('votes.view'),
        ),
        params: slugParams,
        response: { 200: votingSettingsViewSchema, ...errors },
      },
    },
    async (req) => getVotingSettings(deps, req.actor, req.params.slug),
  );

  r.put(
    '/api/contests/:slug/voting/settings',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Change the voting settings',
          'Replaces the voting settings; fields left out take their defaults. Once voting has started, the rule, ' +
            'the ways of verifying and the resident-list restriction cannot change (`voting.settingsLocked`). ' +
            'Audited with the fields that changed.',
          allowedBy('contest.edit'),
        ),
        params: slugParams,
        body: votingSettingsSchema,
        response: { 200: z.object({ changed: z.array(z.string()) }), ...errors },
      },
    },
    async (req) => updateVotingSettings(deps, req.actor, req.params.slug, req.body),
  );
}
