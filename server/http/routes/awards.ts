import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, idParam } from '@core/api.ts';
import {
  revocationInputSchema,
  stepReasonInputSchema,
  tieDecisionInputSchema,
  tieIdSchema,
} from '@core/awards/inputs.ts';
import type { Deps } from '../../context.ts';
import { amendResults } from '../../services/awards/amend-results.ts';
import { announceResults } from '../../services/awards/announce-results.ts';
import { approveAllocation } from '../../services/awards/approve-allocation.ts';
import { getAllocation } from '../../services/awards/get-allocation.ts';
import { getPublicResults } from '../../services/awards/get-public-results.ts';
import { proposeAllocation } from '../../services/awards/propose-allocation.ts';
import { recordTieDecision } from '../../services/awards/record-tie-decision.ts';
import { reopenAllocation } from '../../services/awards/reopen-allocation.ts';
import { republicationPackage } from '../../services/awards/republication-package.ts';
import { revokePrize } from '../../services/awards/revoke-prize.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
/** The answers are built by the services; documented as objects. */
const body = z.looseObject({});
const ok = { 200: body, ...errors };
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const tieParams = slugParams.extend({ tieId: tieIdSchema });

const VIEW = allowedBy('awards.view');
const ALLOCATE = allowedBy('awards.allocate');
const DECIDE = allowedBy('awards.decide');
const PUBLISH = allowedBy('entries.publish');

export function awardsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['awards'];
  const base = '/api/contests/:slug/awards';

  r.get(
    `${base}/allocation`,
    {
      schema: {
        tags,
        ...operationDoc(
          'The prize allocation',
          'The version in force and the allocation computed now from the locked final round, the vote, the ' +
            'entries that left and the committee’s decisions; open ties; winners who left since announcement; ' +
            'decisions and versions; whether each step is allowed now and why not.',
          VIEW,
        ),
        params: slugParams,
        response: ok,
      },
    },
    async (req) => getAllocation(deps, req.actor, req.params.slug),
  );

  r.get(
    '/api/public/contests/:slug/results',
    {
      schema: {
        tags,
        ...operationDoc(
          'The announced results',
          'Prizes in order with each winner (title, recipient, authors, unit; poster and player when published), ' +
            'places not awarded and why, the vote prize rule, the vote figures and the amendments. 404 ' +
            '`awards.resultsNotAnnounced` before the announcement. Never phones, addresses or e-mails.',
          ['anyone'],
        ),
        params: slugParams,
        response: ok,
      },
    },
    async (req) => getPublicResults(deps, req.params.slug),
  );

  r.get(
    `${base}/winners/:entryId/republication.zip`,
    {
      schema: {
        tags,
        ...operationDoc(
          'The republication package of a winner',
          'A ZIP with the original video as accepted, the poster and a caption (Vietnamese and English: title, ' +
            'authors, unit, prize and the usage licence accepted at submission). Streamed. ' +
            '`awards.resultsNotAnnounced` before the announcement, `awards.notAWinner` for an entry that did not ' +
            'win. Audited.',
          PUBLISH,
        ),
        params: slugParams.extend({ entryId: idParam }),
        produces: ['application/zip'],
      },
    },
    async (req, reply) => {
      const pkg = await republicationPackage(deps, req.actor, req.params.slug, req.params.entryId);
      return reply
        .headers({
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="${pkg.fileName}"`,
          'cache-control': 'private, no-store',
        })
        .send(pkg.stream);
    },
  );

  r.post(
    `${base}/allocation/propose`,
    {
      schema: {
        tags,
        ...operationDoc(
          'Propose the allocation',
          'Computes the allocation and stores it as the draft (again, in place, while it is a draft). Refused ' +
            'before the final round is locked or the vote is final, and once approved or announced.',
          ALLOCATE,
        ),
        params: slugParams,
        response: ok,
      },
    },
    async (req) => proposeAllocation(deps, req.actor, req.params.slug),
  );

  r.post(
    `${base}/ties/:tieId/decision`,
    {
      schema: {
        tags,
        ...operationDoc(
          'Break a tie at a prize boundary',
          'The committee’s order of exactly the tied entries (ids, best first) and its reason (10 characters or ' +
            'more). A later decision on the same tie replaces an earlier one.',
          DECIDE,
        ),
        params: tieParams,
        body: tieDecisionInputSchema,
        response: ok,
      },
    },
    async (req) =>
      recordTieDecision(deps, req.actor, req.params.slug, {
        kind: 'breakTie',
        tieId: req.params.tieId,
        order: req.body.order,
        reason: req.body.reason,
      }),
  );

  r.post(
    `${base}/allocation/approve`,
    {
      schema: {
        tags,
        ...operationDoc(
          'Approve the allocation',
          'The committee approves the draft: refused with ties open, if the facts changed since it was proposed, ' +
            'or if it is approved already.',
          DECIDE,
        ),
        params: slugParams,
        response: ok,
      },
    },
    async (req) => approveAllocation(deps, req.actor, req.params.slug),
  );

  r.post(
    `${base}/allocation/reopen`,
    {
      schema: {
        tags,
        ...operationDoc('Reopen the allocation', 'An approved allocation back to draft, with the reason.', DECIDE),
        params: slugParams,
        body: stepReasonInputSchema,
        response: ok,
      },
    },
    async (req) => reopenAllocation(deps, req.actor, req.params.slug, req.body),
  );

  r.post(
    `${base}/allocation/announce`,
    {
      schema: {
        tags,
        ...operationDoc(
          'Announce the results',
          'The approved allocation becomes public; refused if the facts changed since approval.',
          DECIDE,
        ),
        params: slugParams,
        response: ok,
      },
    },
    async (req) => announceResults(deps, req.actor, req.params.slug),
  );

  r.post(
    `${base}/revocations`,
    {
      schema: {
        tags,
        ...operationDoc(
          'Revoke an announced prize',
          'The place stays unawarded and nobody moves up; recorded with the reason and applied at once as an ' +
            'amendment of the announced results.',
          DECIDE,
        ),
        params: slugParams,
        body: revocationInputSchema,
        response: ok,
      },
    },
    async (req) => revokePrize(deps, req.actor, req.params.slug, { kind: 'revoke', ...req.body }),
  );

  r.post(
    `${base}/allocation/amend`,
    {
      schema: {
        tags,
        ...operationDoc(
          'Amend the announced results',
          'Stores the allocation computed now (an entry that left is taken out and those below move up, or a tie ' +
            'decision applies) as a new announced version, with the reason.',
          DECIDE,
        ),
        params: slugParams,
        body: stepReasonInputSchema,
        response: ok,
      },
    },
    async (req) => amendResults(deps, req.actor, req.params.slug, req.body),
  );
}
