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
import { sendObject } from './media.ts';
import { listFanpageCounts } from '../../services/voting/list-fanpage-counts.ts';
import { recordFanpageCount } from '../../services/voting/record-fanpage-count.ts';
import { attachFanpageEvidence } from '../../services/voting/attach-fanpage-evidence.ts';
import { openFanpageEvidence } from '../../services/voting/open-fanpage-evidence.ts';
import { importFanpageCounts } from '../../services/voting/import-fanpage-counts.ts';
import { confirmFanpageCounts } from '../../services/voting/confirm-fanpage-counts.ts';
import { digestsText, listVoteDigests } from '../../services/voting/list-vote-digests.ts';
import { getVotingStats } from '../../services/voting/get-voting-stats.ts';

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
            '`vote.challengeRequired`, `vote.challengeInvalid`, `vote.challengeReplayed`, and ' +
            '`vote.contestChanged` (the contest changed as the vote was written, three times running: vote again).',
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
            'aggregate with their text, and the most-voted entries by counted votes with the tie rule applied; ' +
            '`prize`: the counts the settings show (platform, fanpage or both), the deciding one named, the ' +
            'fanpage formula in words and its confirmed figures (pending until all are confirmed). ' +
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
            prize: z.unknown(),
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

  const digestSchema = z.object({ day: z.string(), seq: z.number(), hash: z.string() });
  r.get(
    '/api/contests/:slug/voting/digests',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Daily digests of the vote log',
          'The head of the vote log (sequence number and hash) at the end of each finished day of voting, the day ' +
            'in the contest’s time zone. A downloaded log that reproduces them was not rewritten afterwards: ' +
            '`npm run votes:verify FILE --digests DIGESTS`. Given when the log is (`voting.resultsAtEnd`).',
          ['anyone'],
        ),
        params: slugParams,
        querystring: z.object({ format: z.enum(['json', 'text']).default('json') }),
      },
    },
    async (req, reply) => {
      const digests = await listVoteDigests(deps, req.params.slug);
      reply.header('cache-control', 'no-store');
      if (req.query.format === 'json') return z.array(digestSchema).parse(digests);
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="votes-${req.params.slug}-digests.txt"`)
        .send(digestsText(digests));
    },
  );

  const statCounts = { counted: z.number(), quarantined: z.number(), invalidated: z.number() };
  r.get(
    '/api/contests/:slug/voting/stats',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Voting statistics',
          'Votes per hour and per entry by their status now (counted, quarantined, invalidated), for the staff’s ' +
            'charts; at any time, whatever the tallies setting.',
          allowedBy('votes.view'),
        ),
        params: slugParams,
        response: {
          200: z.object({
            timeZone: z.string(),
            perHour: z.array(z.object({ hour: z.string(), ...statCounts })),
            perEntry: z.array(z.object({ code: z.string(), ...statCounts })),
            totals: z.object(statCounts),
          }),
          ...errors,
        },
      },
    },
    async (req) => getVotingStats(deps, req.actor, req.params.slug),
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

  fanpageRoutes(app, deps);

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

const entryParams = slugParams.extend({ entryId: z.coerce.number().int().positive() });
const countSchema = z.number().int().min(0).max(1_000_000_000);

/** The fanpage's figures (ADR 0021, 0038): entered or imported by staff, confirmed by a second person. */
function fanpageRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/contests/:slug/voting/fanpage',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Fanpage figures',
          'Per published entry, the Facebook post’s link and its reactions, shares and comments at the close, ' +
            'its score by the contest’s formula (in words), whether a screenshot is attached, who entered and who ' +
            'confirmed the figures, and why this caller cannot confirm now (`confirmBlocked`).',
          allowedBy('fanpage.confirm'),
        ),
        params: slugParams,
      },
    },
    async (req) => listFanpageCounts(deps, req.actor, req.params.slug),
  );

  r.put(
    '/api/contests/:slug/voting/fanpage/:entryId',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Enter an entry’s fanpage figures',
          'The post’s link (a Facebook post, `fanpage.postUrlInvalid` otherwise) and its reactions, shares and ' +
            'comments at the close, for a published entry (`fanpage.notInGallery`). A change clears the ' +
            'confirmation. Audited with the figures before and after.',
          allowedBy('fanpage.record'),
        ),
        params: entryParams,
        body: z.object({
          postUrl: z.string().min(1).max(2000),
          reactions: countSchema,
          shares: countSchema,
          comments: countSchema,
        }),
        response: { 200: z.object({ changed: z.boolean() }), ...errors },
      },
    },
    async (req) => recordFanpageCount(deps, req.actor, req.params.slug, req.params.entryId, req.body),
  );

  // The image is the raw request body (`application/octet-stream`); its type is read from its bytes.
  r.post(
    '/api/contests/:slug/voting/fanpage/:entryId/evidence',
    {
      bodyLimit: 6 * 1024 * 1024,
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Attach the screenshot of the post',
          'The request body is the image itself (`application/octet-stream`): PNG, JPEG or WebP by its bytes, at ' +
            'most 5 MB (`fanpage.evidenceInvalid`). The figures must be entered first (`fanpage.recordFirst`). ' +
            'The confirmation is cleared. Audited with the image’s SHA-256.',
          allowedBy('fanpage.record'),
        ),
        params: entryParams,
        response: { 200: z.object({ contentType: z.string(), size: z.number() }), ...errors },
      },
    },
    async (req) => attachFanpageEvidence(deps, req.actor, req.params.slug, req.params.entryId, req.body as Buffer),
  );

  r.get(
    '/api/contests/:slug/voting/fanpage/:entryId/evidence',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'The screenshot of the post',
          'The image attached as evidence of the entry’s fanpage figures.',
          allowedBy('fanpage.confirm'),
        ),
        params: entryParams,
      },
    },
    async (req, reply) => {
      const obj = await openFanpageEvidence(deps, req.actor, req.params.slug, req.params.entryId);
      return sendObject(reply, obj, { 'cache-control': 'private, no-store' });
    },
  );

  r.post(
    '/api/contests/:slug/voting/fanpage/import',
    {
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Import fanpage figures from CSV',
          'The request body is the CSV file (`text/csv`): a header row (mã tác phẩm / entry code, liên kết / ' +
            'link, cảm xúc / reactions, chia sẻ / shares, bình luận / comments; comma or semicolon), then one row ' +
            'per published entry. All or nothing: any bad row rejects the file with `fanpage.csvRowErrors`, every ' +
            'bad row listed in `details.rows` with its line. Changed rows lose their confirmation. Audited.',
          allowedBy('fanpage.record'),
        ),
        params: slugParams,
        response: { 200: z.object({ rows: z.number(), changed: z.number() }), ...errors },
      },
    },
    async (req) => importFanpageCounts(deps, req.actor, req.params.slug, req.body as Buffer),
  );

  r.post(
    '/api/contests/:slug/voting/fanpage/confirm',
    {
      schema: {
        tags: ['voting'],
        ...operationDoc(
          'Confirm the fanpage figures',
          'Confirms every figure not yet confirmed. Each needs its screenshot (`fanpage.evidenceRequired`) and the ' +
            'confirmer must not be the last person who entered or changed any of them (`fanpage.sameEditor`). ' +
            'The figures decide the most-voted prize (where the settings say so) once every published entry’s ' +
            'are confirmed. Audited.',
          allowedBy('fanpage.confirm'),
        ),
        params: slugParams,
        response: { 200: z.object({ confirmed: z.number() }), ...errors },
      },
    },
    async (req) => confirmFanpageCounts(deps, req.actor, req.params.slug),
  );
}
