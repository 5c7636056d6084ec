import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@core/api.ts';
import type { Deps } from '../../context.ts';
import { publishVotingResults } from '../../services/voting/publish-voting-results.ts';
import { recordTieDecision } from '../../services/voting/record-tie-decision.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });

/** Deciding a tie the rule cannot settle, and publishing the public vote's result as final: the organizer's. */
export function votingResultRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/contests/:slug/voting/tie-decision',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Record the committee’s decision on a tie',
          'When entries tie for a prize place of the platform’s count and the tie rule cannot settle it (the ' +
            '`committee` rule, or the same count reached at the same instant), or tie on the fanpage’s confirmed ' +
            'figures (`source: "fanpage"`), the organizer records which of the ' +
            'tied entries (by code) take the open places, with the reason and where it is recorded (at least 10 ' +
            'characters). After voting closed and before publication (`results.votingOpen`, ' +
            '`results.alreadyPublished`, `tie.notNeeded`, `tie.invalidChoice`, `tie.reasonRequired`). A new ' +
            'decision replaces the last. Audited; the reason is shown with the result.',
          allowedBy('contest.edit'),
        ),
        params: slugParams,
        body: z.object({
          chosen: z.array(z.string().min(1).max(80)).min(1).max(50),
          record: z.string().max(2000),
          source: z.enum(['platform', 'fanpage']).optional(),
        }),
        response: { 200: z.object({ winners: z.array(z.string()) }), ...errors },
      },
    },
    async (req) => recordTieDecision(deps, req.actor, req.params.slug, req.body),
  );

  r.post(
    '/api/contests/:slug/voting/results/publish',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Publish the voting result as final',
          'After voting closed (`results.votingOpen`), with no vote still held for review ' +
            '(`results.quarantinePending`) and the most-voted entries decided (`results.committeeNeeded`), the ' +
            'result is frozen with the vote log’s head it was computed from; votes can then no longer change ' +
            'status (`quarantine.resultsFinal`). Once only (`results.alreadyPublished`). Audited.',
          allowedBy('contest.edit'),
        ),
        params: slugParams,
        response: { 200: z.object({ publishedAt: z.string(), logSeq: z.number() }), ...errors },
      },
    },
    async (req) => publishVotingResults(deps, req.actor, req.params.slug),
  );
}
