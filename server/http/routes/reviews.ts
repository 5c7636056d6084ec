import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  entryReviewsSchema,
  errorBodySchema,
  extendFixDeadlineSchema,
  fixDeadlineExtendedSchema,
  reviewQueueSchema,
  reviewRecordedSchema,
} from '@core/api.ts';
import { ENTRY_FORMS } from '@core/contest.ts';
import { REVIEW_STATUSES, reviewInputSchema } from '@core/review.ts';
import type { Deps } from '../../context.ts';
import { extendFixDeadline } from '../../services/reviews/extend-fix-deadline.ts';
import { getEntryReviews } from '../../services/reviews/get-entry-reviews.ts';
import { listReviewQueue } from '../../services/reviews/list-review-queue.ts';
import { recordReview } from '../../services/reviews/record-review.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const entryParams = z.object({ entryId: z.coerce.number().int().positive() });
const queueQuery = z.object({
  q: z.string().max(100).optional(),
  reviewStatus: z.enum(REVIEW_STATUSES).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  form: z.enum(ENTRY_FORMS).optional(),
});

export function reviewRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/contests/:slug/review-queue',
    {
      schema: {
        tags: ['reviews'],
        params: slugParams,
        querystring: queueQuery,
        response: { 200: reviewQueueSchema, ...errors },
      },
    },
    async (req) => listReviewQueue(deps, req.actor, req.params.slug, req.query),
  );

  r.get(
    '/api/entries/:entryId/reviews',
    { schema: { tags: ['reviews'], params: entryParams, response: { 200: entryReviewsSchema, ...errors } } },
    async (req) => getEntryReviews(deps, req.actor, req.params.entryId),
  );

  r.post(
    '/api/entries/:entryId/reviews',
    {
      schema: {
        tags: ['reviews'],
        description:
          'Records a review decision (approve, reject, return with a fix deadline); with two reviews required, the organizer settles a disagreement. Audited; the entrant is notified once the round is settled.',
        params: entryParams,
        body: reviewInputSchema,
        response: { 201: reviewRecordedSchema, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await recordReview(deps, req.actor, req.params.entryId, req.body)),
  );

  r.post(
    '/api/entries/:entryId/fix-deadline',
    {
      schema: {
        tags: ['reviews'],
        description:
          'Gives an entry returned for a fix a later fix deadline (also after the old one passed). Audited; the entrant is notified.',
        params: entryParams,
        body: extendFixDeadlineSchema,
        response: { 200: fixDeadlineExtendedSchema, ...errors },
      },
    },
    async (req) => extendFixDeadline(deps, req.actor, req.params.entryId, req.body),
  );
}
