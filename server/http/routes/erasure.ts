import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, idParam, okSchema } from '@core/api.ts';
import type { Deps } from '../../context.ts';
import { carryOutErasure } from '../../services/privacy/carry-out-erasure.ts';
import { getMyErasureRequest } from '../../services/privacy/get-my-erasure-request.ts';
import { listErasureRequests } from '../../services/privacy/list-erasure-requests.ts';
import { refuseErasure } from '../../services/privacy/refuse-erasure.ts';
import { requestErasure } from '../../services/privacy/request-erasure.ts';
import { getRetention, setRetentionPeriod } from '../../services/privacy/set-retention-period.ts';
import { operationDoc } from '../openapi.ts';
import { limiter } from '../plugins/rate-limit.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const outcomeSchema = z.object({
  keptWinners: z.array(z.object({ id: z.number(), code: z.string().nullable(), title: z.string() })),
  entriesErased: z.number(),
  fieldsCleared: z.number(),
  withdrawn: z.number(),
  takenDown: z.number(),
  mediaRemoved: z.number(),
  sessionsEnded: z.number(),
  rolesRemoved: z.number(),
  notificationsDeleted: z.number(),
});
const requestSchema = z.object({
  id: z.number(),
  status: z.enum(['pending', 'done', 'refused']),
  requestedAt: z.string(),
  dueAt: z.string(),
  hoursLeft: z.number().nullable(),
  note: z.string(),
  handledAt: z.string().nullable(),
  staffReason: z.string().nullable(),
  outcome: outcomeSchema.nullable(),
});
const queuedSchema = requestSchema.extend({
  user: z.object({ id: z.number(), fullName: z.string() }),
  entries: z.number(),
});
const retentionSchema = z.object({
  months: z.number(),
  runs: z.array(
    z.object({
      kind: z.enum(['entrants', 'voters']),
      ranAt: z.string(),
      report: z.record(z.string(), z.unknown()),
    }),
  ),
});
const requestParams = z.object({ requestId: idParam });
const slugParams = z.object({ slug: z.string().min(1).max(80) });

/** Erasure on request (the person, then the site administrators' queue) and each contest's retention period. */
export function erasureRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const perUser = limiter(deps, 'erasure-request-user', 5, 3600);

  r.get(
    '/api/account/erasure-request',
    {
      schema: {
        tags: ['account'],
        ...operationDoc(
          'My request to erase my data',
          "The caller's latest request to erase their personal data, with its deadline and outcome, or null.",
          ['signedIn'],
        ),
        response: { 200: requestSchema.nullable(), ...errors },
      },
    },
    async (req) => getMyErasureRequest(deps, req.actor),
  );

  r.post(
    '/api/account/erasure-request',
    {
      schema: {
        tags: ['account'],
        ...operationDoc(
          'Ask for my data to be erased',
          'Queues a request for the site administrators, due within `ERASURE_DEADLINE_HOURS` (72 by default). ' +
            'Needs the current `password` (`auth.wrongPassword`, slowed down like log-in). One waiting request at ' +
            'a time (`privacy.erasurePending`, 409). Winners keep their names on results and certificates.',
          ['signedIn'],
        ),
        body: z.object({ password: z.string().min(1).max(200), note: z.string().max(2000).optional() }),
        response: { 201: requestSchema, ...errors },
      },
    },
    async (req, reply) => {
      if (req.actor.userId !== null) await perUser(`erasure:${req.actor.userId}`);
      return reply.code(201).send(await requestErasure(deps, req.actor, req.body));
    },
  );

  r.get(
    '/api/admin/erasure-requests',
    {
      schema: {
        tags: ['admin'],
        ...operationDoc(
          'The queue of erasure requests',
          'Waiting requests, most urgent first (`hoursLeft` negative once overdue), then the last 100 handled.',
          ['siteAdmin'],
        ),
        response: { 200: z.array(queuedSchema), ...errors },
      },
    },
    async (req) => listErasureRequests(deps, req.actor),
  );

  r.post(
    '/api/admin/erasure-requests/:requestId/carry-out',
    {
      schema: {
        tags: ['admin'],
        ...operationDoc(
          'Carry out an erasure request',
          "Erases the person's account and the personal data of the entries they own (see docs/decisions/0042): " +
            "non-winners lose the authors' names, contact details and video files and leave the gallery; winners " +
            'keep names and unit. The person is told by e-mail. Audited. Already handled: `privacy.erasureHandled`.',
          ['siteAdmin'],
        ),
        params: requestParams,
        response: { 200: outcomeSchema, ...errors },
      },
    },
    async (req) => carryOutErasure(deps, req.actor, req.params.requestId),
  );

  r.post(
    '/api/admin/erasure-requests/:requestId/refuse',
    {
      schema: {
        tags: ['admin'],
        ...operationDoc(
          'Refuse an erasure request',
          'Answers the request without erasing, with a `reason` of at least 10 characters that the person is sent. ' +
            'Audited.',
          ['siteAdmin'],
        ),
        params: requestParams,
        body: z.object({ reason: z.string().max(2000) }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await refuseErasure(deps, req.actor, req.params.requestId, req.body.reason);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/contests/:slug/retention',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc(
          'Retention of personal data',
          "How many months after the results the non-winners' contact details are kept, and what the retention " +
            'job has removed so far.',
          ['organizer'],
        ),
        params: slugParams,
        response: { 200: retentionSchema, ...errors },
      },
    },
    async (req) => getRetention(deps, req.actor, req.params.slug),
  );

  r.put(
    '/api/contests/:slug/retention',
    {
      schema: {
        tags: ['contests'],
        ...operationDoc(
          'Set the retention period',
          "`months` (0–120) after the results before non-winners' addresses, phones and e-mails are removed. Audited.",
          ['organizer'],
        ),
        params: slugParams,
        body: z.object({ months: z.number() }),
        response: { 200: retentionSchema, ...errors },
      },
    },
    async (req) => setRetentionPeriod(deps, req.actor, req.params.slug, req.body.months),
  );
}
