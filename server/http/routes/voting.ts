import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@core/api.ts';
import { votingSettingsSchema } from '@core/voting/settings.ts';
import type { Deps } from '../../context.ts';
import { randomToken } from '../../security/tokens.ts';
import { castVote } from '../../services/voting/cast-vote.ts';
import { decideQuarantinedVotes } from '../../services/voting/decide-quarantined-votes.ts';
import { listQuarantinedVotes } from '../../services/voting/list-quarantined-votes.ts';
import { INVALIDATION_REASONS } from '@core/voting/vote-status.ts';
import { openVoteLog } from '../../services/voting/download-vote-log.ts';
import { getVotingResults } from '../../services/voting/get-voting-results.ts';
import { confirmVoterCode } from '../../services/voting/confirm-voter-code.ts';
import { getVoterStatus } from '../../services/voting/get-voter-status.ts';
import { getVotingSettings } from '../../services/voting/get-voting-settings.ts';
import { requestVoterCode } from '../../services/voting/request-voter-code.ts';
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

/** A first-party id of the browser: codes and voter sessions are bound to it (ADR 0021). */
export const VOTE_DEVICE_COOKIE = 'vdev';
/** The id of the latest code request of this browser, for the contest: the code is only valid with it. */
export const VOTE_REQUEST_COOKIE = 'vreq';
/** The verified voter's session, for one contest. */
export const VOTER_SESSION_COOKIE = 'vsid';

const contestPath = (slug: string) => `/api/contests/${encodeURIComponent(slug)}/`;

function deviceId(req: FastifyRequest, reply: FastifyReply, deps: Deps): string {
  const known = req.cookies[VOTE_DEVICE_COOKIE];
  if (known && /^[A-Za-z0-9_-]{20,64}$/.test(known)) return known;
  const id = randomToken(24);
  reply.setCookie(VOTE_DEVICE_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    maxAge: 400 * 24 * 3600,
  });
  return id;
}

const voterStatusSchema = z.object({
  open: z.boolean(),
  window: z.object({ startsAt: z.string(), endsAt: z.string() }).nullable(),
  rule: z.object({ kind: z.string(), votes: z.number().optional() }),
  identities: z.array(z.enum(['phone', 'email'])),
  timeZone: z.string(),
  voter: z.object({ kind: z.enum(['phone', 'email']), display: z.string() }).nullable(),
});

export function votingRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/contests/:slug/voting/me',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Voting: this browser’s voter',
          'Whether votes are taken now, the rule, the ways of verifying the contest allows, and the verified voter ' +
            'of this browser (the masked number or address only), or null until verified.',
          ['anyone'],
        ),
        params: slugParams,
        response: { 200: voterStatusSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return getVoterStatus(deps, req.params.slug, {
        session: req.cookies[VOTER_SESSION_COOKIE],
        device: req.cookies[VOTE_DEVICE_COOKIE],
      });
    },
  );

  r.post(
    '/api/contests/:slug/voting/codes',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Voting: send a verification code',
          'Sends a 6-digit code, valid 10 minutes, to a Vietnamese mobile number (text message) or an e-mail ' +
            'address, as the contest allows, while voting is open. Needs a solved proof-of-work challenge ' +
            '(`altcha`, from `GET /api/challenge`). Foreign, premium and landline numbers and disposable mailboxes ' +
            'are refused; sends are limited per number or address, per client address and per /24 network ' +
            '(`send.*`, with `details.retryAfterSec`). The code is bound to this browser: a `vreq` cookie names ' +
            'the request, a `vdev` cookie the device. The number or address is not stored, only a keyed hash.',
          ['anyone'],
        ),
        params: slugParams,
        body: z.object({
          kind: z.enum(['phone', 'email']),
          value: z.string().min(1).max(254),
          altcha: z.string().max(4096).optional(),
        }),
        response: {
          200: z.object({
            kind: z.enum(['phone', 'email']),
            display: z.string(),
            expiresAt: z.string(),
            resendAfterSec: z.number(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const device = deviceId(req, reply, deps);
      const sent = await requestVoterCode(deps, req.params.slug, {
        ...req.body,
        deviceId: device,
        ip: req.ip,
        lang: req.lang,
      });
      reply.setCookie(VOTE_REQUEST_COOKIE, sent.requestId, {
        path: contestPath(req.params.slug),
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.config.secureCookies,
        maxAge: 15 * 60,
      });
      const { requestId: _id, ...body } = sent;
      return body;
    },
  );

  r.post(
    '/api/contests/:slug/entries/:entryId/votes',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Vote for an entry',
          'A verified voter (`vsid` cookie) votes for a published entry while the `public_voting` phase is open, ' +
            'with a fresh solved challenge (`altcha`). The rule (by default one vote per person per day, the day ' +
            'in the contest’s time zone) is held by unique keys in the database: a second vote gets ' +
            '`vote.alreadyToday` with the time the next one opens. Answered after the vote is committed; ' +
            '`status` is `quarantined` when a signal about the voter or device asks for a review. Refusals: ' +
            '`vote.verifyFirst`, `vote.notOpen`, `vote.closed`, `vote.entryNotPublished`, `vote.entryWithdrawn`, ' +
            '`vote.challengeRequired`, `vote.challengeInvalid`, `vote.challengeReplayed`.',
          ['anyone'],
        ),
        params: slugParams.extend({ entryId: z.coerce.number().int().positive() }),
        body: z.object({ altcha: z.string().max(4096).optional() }),
        response: {
          200: z.object({
            status: z.enum(['counted', 'quarantined']),
            castAt: z.string(),
            nextVoteOpensAt: z.string().nullable(),
            message: z.object({ vi: z.string(), en: z.string() }),
          }),
          ...errors,
        },
      },
    },
    async (req) =>
      castVote(deps, req.params.slug, {
        entryId: req.params.entryId,
        altcha: req.body.altcha,
        session: req.cookies[VOTER_SESSION_COOKIE],
        device: req.cookies[VOTE_DEVICE_COOKIE],
        ip: req.ip,
      }),
  );

  const count = { counted: z.number(), quarantined: z.number(), invalidated: z.number() };
  r.get(
    '/api/contests/:slug/voting/results',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Voting results',
          'Per published entry, the votes counted, quarantined (awaiting review) and invalidated, the reasons in ' +
            'aggregate with their text, and the most-voted entries by counted votes with the tie rule applied. ' +
            'With end-only tallies, `visible` is false and nothing else is given until voting closes.',
          ['anyone'],
        ),
        params: slugParams,
        response: {
          200: z.object({
            visible: z.boolean(),
            visibleFrom: z.string().nullable(),
            final: z.boolean(),
            entries: z.array(z.object({ entryId: z.number(), code: z.string(), ...count })),
            totals: z.object(count),
            reasons: z.array(
              z.object({
                status: z.enum(['quarantined', 'invalidated']),
                code: z.string(),
                count: z.number(),
                vi: z.string(),
                en: z.string(),
              }),
            ),
            mostVoted: z.unknown(),
            tieRule: z.string(),
            published: z.object({ at: z.string() }).nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return getVotingResults(deps, req.params.slug);
    },
  );

  r.get(
    '/api/contests/:slug/voting/log',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Download the vote log',
          'The pseudonymous, hash-chained log of every vote and status change (text, format in ' +
            '`core/voting/vote-log.ts`): check it and recompute the tally with `npm run votes:verify FILE`. ' +
            'Given when the tallies are shown (`voting.resultsAtEnd` before that with end-only tallies).',
          ['anyone'],
        ),
        params: slugParams,
      },
    },
    async (req, reply) => {
      const log = await openVoteLog(deps, req.params.slug);
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="votes-${req.params.slug}.log"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(log));
    },
  );

  r.get(
    '/api/contests/:slug/voting/quarantine',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Quarantined votes',
          'Votes held for review, oldest first, with the reasons in both languages, the voter’s pseudonym and the ' +
            'network (/24 or /64) they came from; never a number, an address or an IP.',
          allowedBy('votes.review'),
        ),
        params: slugParams,
        response: {
          200: z.array(
            z.object({
              id: z.number(),
              entryId: z.number(),
              entryCode: z.string(),
              castAt: z.string(),
              voter: z.string(),
              network: z.string().nullable(),
              reasons: z.array(z.object({ code: z.string(), vi: z.string(), en: z.string() })),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) => listQuarantinedVotes(deps, req.actor, req.params.slug),
  );

  r.post(
    '/api/contests/:slug/voting/quarantine/decisions',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Count or invalidate quarantined votes',
          'A batch decision, all or nothing: every vote must still be quarantined (`quarantine.notAllowed` ' +
            'otherwise). Invalidating names a public reason and needs a note of at least 10 characters ' +
            '(`quarantine.reasonRequired`). Each change is a status line of the public log; audited.',
          allowedBy('votes.review'),
        ),
        params: slugParams,
        body: z.object({
          voteIds: z.array(z.number().int().positive()).min(1).max(5000),
          decision: z.discriminatedUnion('to', [
            z.object({ to: z.literal('counted') }),
            z.object({ to: z.literal('invalidated'), reason: z.enum(INVALIDATION_REASONS) }),
          ]),
          note: z.string().max(2000).default(''),
        }),
        response: { 200: z.object({ changed: z.number() }), ...errors },
      },
    },
    async (req) => decideQuarantinedVotes(deps, req.actor, req.params.slug, req.body),
  );

  r.post(
    '/api/contests/:slug/voting/codes/confirm',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Voting: confirm the code',
          'Checks the code against the request this browser made (`vreq` and `vdev` cookies): 5 tries a code, ' +
            'then a lock-out per number and device that grows (5 min, 15 min, 1 h, 4 h, 24 h). On success the ' +
            'browser holds a voter session for the contest (`vsid` cookie) and the masked identity is returned.',
          ['anyone'],
        ),
        params: slugParams,
        body: z.object({ code: z.string().min(1).max(20) }),
        response: { 200: z.object({ kind: z.enum(['phone', 'email']), display: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const confirmed = await confirmVoterCode(deps, req.params.slug, {
        requestId: req.cookies[VOTE_REQUEST_COOKIE],
        deviceId: req.cookies[VOTE_DEVICE_COOKIE],
        code: req.body.code,
      });
      const path = contestPath(req.params.slug);
      reply.clearCookie(VOTE_REQUEST_COOKIE, { path });
      reply.setCookie(VOTER_SESSION_COOKIE, confirmed.sessionToken, {
        path,
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        expires: new Date(confirmed.sessionExpiresAt),
      });
      return { kind: confirmed.kind, display: confirmed.display };
    },
  );

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
