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
  idParam,
} from '@core/api.ts';
import { ENTRY_FORMS } from '@core/contest.ts';
import { REVIEW_STATUSES, reviewInputSchema } from '@core/review.ts';
import type { Deps } from '../../context.ts';
import { extendFixDeadline } from '../../services/reviews/extend-fix-deadline.ts';
import { getEntryReviews } from '../../services/reviews/get-entry-reviews.ts';
import { listReviewQueue } from '../../services/reviews/list-review-queue.ts';
import { recordReview } from '../../services/reviews/record-review.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const entryParams = z.object({ entryId: idParam });
const queueQuery = z.object({
  q: z.string().max(100).optional(),
  reviewStatus: z.enum(REVIEW_STATUSES).optional(),
  unitId: idParam.optional(),
  form: z.enum(ENTRY_FORMS).optional(),
});

export function reviewRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/contests/:slug/review-queue',
    {
      schema: {
        tags: ['reviews'],
        ...operationDoc(
          'The review queue',
          'Submitted entries in review or decided, with the decisions of their current round, the checklist ' +
            'facts the server knows (`technicalPassed`, `authorDetailsComplete`) and their originality flags; ' +
            'filters by review status, unit and form, `q` without diacritics.',
          allowedBy('entries.viewAll'),
        ),
        params: slugParams,
        querystring: queueQuery,
        response: { 200: reviewQueueSchema, ...errors },
      },
    },
    async (req) => listReviewQueue(deps, req.actor, req.params.slug, req.query),
  );

  r.get(
    '/api/entries/:entryId/reviews',
    {
      schema: {
        tags: ['reviews'],
        ...operationDoc(
          'The reviews of an entry',
          'For staff who see all entries: every decision of every round with reviewer, note and checklist, and ' +
            'whether the caller may review, settle or extend the fix deadline. For the entrant: only the settled ' +
            'outcome of each round with the reason and fix deadline meant for them (`staff` is null).',
          ['entryOwner', ...allowedBy('entries.viewAll')],
        ),
        params: entryParams,
        response: { 200: entryReviewsSchema, ...errors },
      },
    },
    async (req) => getEntryReviews(deps, req.actor, req.params.entryId),
  );

  r.post(
    '/api/entries/:entryId/reviews',
    {
      schema: {
        tags: ['reviews'],
        ...operationDoc(
          'Record a review decision',
          '`decision` is `approve`, `reject` or `return`. Approval needs every checklist item met: the reviewer ' +
            'ticks `checklist.onTheme`, `checklist.lawfulRespectful` and `checklist.originalRights` (`{ "ok": ' +
            'true, "note": "" }`), and the server adds `technicalPassed` and `authorDetailsComplete` from what it ' +
            'knows; otherwise `review.checklistIncomplete` names the items in its message and lists their keys in ' +
            '`details.items`. Reject and return need a `reason` of at least 10 characters for the entrant ' +
            '(`review.reasonRequired`); return needs a `fixDeadline` (ISO 8601 with offset) between an hour and ' +
            '14 days ahead (`review.deadlineInvalid`). One decision per reviewer per round ' +
            '(`review.alreadyDecided`); with two reviews required, only the organizer settles a disagreement ' +
            '(`review.finalByOrganizer`). Audited; the entrant is notified once the round is settled.',
          allowedBy('entries.review'),
        ),
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
        ...operationDoc(
          'Extend the fix deadline of a returned entry',
          'Gives an entry returned for a fix, not yet sent again, a later fix deadline (also after the old one ' +
            'passed), between an hour and 14 days ahead. Audited; the entrant is notified. Errors: ' +
            '`review.notReturned`, `review.deadlineNotLater`, `review.deadlineInvalid`.',
          allowedBy('entries.review'),
        ),
        params: entryParams,
        body: extendFixDeadlineSchema,
        response: { 200: fixDeadlineExtendedSchema, ...errors },
      },
    },
    async (req) => extendFixDeadline(deps, req.actor, req.params.entryId, req.body),
  );
}
