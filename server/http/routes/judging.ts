import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@core/api.ts';
import {
  judgingSettingsInputSchema,
  reasonInputSchema,
  recusalInputSchema,
  roundInputSchema,
  roundJurorsInputSchema,
  shortlistInputSchema,
  tieDecisionInputSchema,
} from '@core/judging/round-input.ts';
import { paperCheckInputSchema } from '@core/judging/paper-check.ts';
import { scoreSaveSchema } from '@core/judging/score-sheet.ts';
import type { Deps } from '../../context.ts';
import { createRound } from '../../services/judging/create-round.ts';
import { checkPaperSheet } from '../../services/judging/check-paper-sheet.ts';
import { declareConflict } from '../../services/judging/declare-conflict.ts';
import { enterPaperSheet } from '../../services/judging/enter-paper-sheet.ts';
import { getPaperDesk } from '../../services/judging/get-paper-desk.ts';
import { markPaperReceived } from '../../services/judging/mark-paper-received.ts';
import { decideTie } from '../../services/judging/decide-tie.ts';
import { getJurorEntry } from '../../services/judging/get-juror-entry.ts';
import { getRound } from '../../services/judging/get-round.ts';
import { getRoundProgress } from '../../services/judging/get-round-progress.ts';
import { exportRoundMinutes, exportScoreSheets } from '../../services/judging/export-round-papers.ts';
import { getRoundRanking } from '../../services/judging/get-round-ranking.ts';
import { listJurorEntries } from '../../services/judging/list-juror-entries.ts';
import { listMyJudging } from '../../services/judging/list-my-judging.ts';
import { listRounds } from '../../services/judging/list-rounds.ts';
import { lockJudgingRound } from '../../services/judging/lock-round.ts';
import { openJudgingRound } from '../../services/judging/open-round.ts';
import { recuseJuror } from '../../services/judging/recuse-juror.ts';
import { remindJurors } from '../../services/judging/remind-jurors.ts';
import { liftRecusal, withdrawConflict } from '../../services/judging/withdraw-block.ts';
import { reopenJurorSheet } from '../../services/judging/reopen-juror-sheet.ts';
import { reopenJudgingRound } from '../../services/judging/reopen-round.ts';
import { saveScoreSheet } from '../../services/judging/save-score-sheet.ts';
import { openJurorMedia, openJurorOriginal } from '../../services/judging/serve-juror-media.ts';
import { setRoundJurors } from '../../services/judging/set-round-jurors.ts';
import { setRoundShortlist } from '../../services/judging/set-round-shortlist.ts';
import { submitScoreSheets } from '../../services/judging/submit-score-sheets.ts';
import { updateJudgingSettings } from '../../services/judging/update-judging-settings.ts';
import { updateRound } from '../../services/judging/update-round.ts';
import { allowedBy, operationDoc, type Caller } from '../openapi.ts';
import { sendMedia, sendObject, withRangeSize } from './media.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
/** The answers are built by the services from whitelists; documented as objects. */
const body = z.looseObject({});
const ok = { 200: body, ...errors };
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const roundParams = z.object({ roundId: z.coerce.number().int().positive() });
const refParams = roundParams.extend({ ref: z.string().min(1).max(40) });
const name = z.string().max(4096);

const MANAGE = allowedBy('judging.manageRounds');
const FOLLOW: Caller[] = [...allowedBy('judging.viewProgress'), 'juror'];
const CHAIR: Caller[] = ['juror'];
const CHAIR_OR_MANAGE: Caller[] = ['juror', ...MANAGE];
const JUROR: Caller[] = ['juror'];
const CHAIR_NOTE = " `juror` here means the round's chair (a juror of the round with the chair's flag).";
const PAPER_CHECK: Caller[] = [...allowedBy('judging.checkPaper'), 'juror'];
const paperParams = roundParams.extend({ userId: z.coerce.number().int().positive() });
const PAPER_NOTE = " The juror is named by user id, the entry by the reference printed on the juror's phiếu chấm.";
const JUROR_NOTE = ' Only a juror appointed to the round; entries are named by reference (blind code in blind mode).';

export function judgingRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['judging'];

  r.get(
    '/api/contests/:slug/judging/rounds',
    {
      schema: {
        tags,
        ...operationDoc(
          "A contest's judging rounds",
          'The rounds in order with their state, window, entry set and assignment mode, and the judging settings.',
          allowedBy('judging.viewProgress'),
        ),
        params: slugParams,
        response: ok,
      },
    },
    async (req) => listRounds(deps, req.actor, req.params.slug),
  );

  r.post(
    '/api/contests/:slug/judging/rounds',
    {
      schema: {
        tags,
        ...operationDoc(
          'Add a judging round',
          'A new round after the last one, in draft. Omitted fields take the defaults: the contest rubric, the ' +
            'judging phase as window, all approved entries (first round) or the top 10 of the previous one, everyone ' +
            'scores everything, the mean.',
          MANAGE,
        ),
        params: slugParams,
        body: roundInputSchema,
        response: { 201: body, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await createRound(deps, req.actor, req.params.slug, req.body)),
  );

  r.put(
    '/api/contests/:slug/judging/settings',
    {
      schema: {
        tags,
        ...operationDoc(
          'Judging settings',
          '`blind`: jurors never see authors, unit, phones, addresses or accounts and work with blind codes; ' +
            '`othersScores`: a juror sees the others\u2019 scores after submitting, or after the round is locked.',
          MANAGE,
        ),
        params: slugParams,
        body: judgingSettingsInputSchema,
        response: ok,
      },
    },
    async (req) => updateJudgingSettings(deps, req.actor, req.params.slug, req.body),
  );

  r.get(
    '/api/judging/rounds/:roundId',
    {
      schema: {
        tags,
        ...operationDoc(
          'A judging round',
          'Configuration, jurors, entries, conflicts (automatic, declared, recusals), loads and, in draft, what ' +
            'stops it from opening.' +
            CHAIR_NOTE,
          FOLLOW,
        ),
        params: roundParams,
        response: ok,
      },
    },
    async (req) => getRound(deps, req.actor, req.params.roundId),
  );

  r.put(
    '/api/judging/rounds/:roundId',
    {
      schema: {
        tags,
        ...operationDoc('Change a round in draft', 'Name, window, entry set, rubric, assignment, method.', MANAGE),
        params: roundParams,
        body: roundInputSchema,
        response: ok,
      },
    },
    async (req) => {
      await updateRound(deps, req.actor, req.params.roundId, req.body);
      return {};
    },
  );

  r.put(
    '/api/judging/rounds/:roundId/jurors',
    {
      schema: {
        tags,
        ...operationDoc(
          "A round's jurors",
          'People with the contest\u2019s juror role, one of them the chair, each with their unit (for the automatic ' +
            'same-unit conflict) and mode (online or paper). In draft only.',
          MANAGE,
        ),
        params: roundParams,
        body: roundJurorsInputSchema,
        response: ok,
      },
    },
    async (req) => {
      await setRoundJurors(deps, req.actor, req.params.roundId, req.body);
      return {};
    },
  );

  r.put(
    '/api/judging/rounds/:roundId/shortlist',
    {
      schema: {
        tags,
        ...operationDoc(
          'Shortlist from the previous round',
          'Which entries of the previous round a round in draft takes: the top `n` of its ranking, or the entries ' +
            'chosen by reference with a reason (`judging.reasonRequired` under 10 characters). Refused for a first ' +
            'round (`judging.noPreviousRound`).' +
            CHAIR_NOTE,
          CHAIR_OR_MANAGE,
        ),
        params: roundParams,
        body: shortlistInputSchema,
        response: ok,
      },
    },
    async (req) => {
      await setRoundShortlist(deps, req.actor, req.params.roundId, req.body);
      return {};
    },
  );

  r.post(
    '/api/judging/rounds/:roundId/open',
    {
      schema: {
        tags,
        ...operationDoc(
          'Open a round',
          'Fixes its entries and assignment and draws the blind codes; refused with the list of problems.' + CHAIR_NOTE,
          CHAIR_OR_MANAGE,
        ),
        params: roundParams,
        response: ok,
      },
    },
    async (req) => openJudgingRound(deps, req.actor, req.params.roundId),
  );

  r.post(
    '/api/judging/rounds/:roundId/lock',
    {
      schema: {
        tags,
        ...operationDoc(
          'Lock a round',
          'No score changes after it; jurors who have not submitted are named in `warnings`.' + CHAIR_NOTE,
          CHAIR_OR_MANAGE,
        ),
        params: roundParams,
        response: ok,
      },
    },
    async (req) => lockJudgingRound(deps, req.actor, req.params.roundId),
  );

  r.post(
    '/api/judging/rounds/:roundId/reopen',
    {
      schema: {
        tags,
        ...operationDoc(
          'Reopen a locked round',
          'The chair alone, with a reason, while the next round is in draft.' + CHAIR_NOTE,
          CHAIR,
        ),
        params: roundParams,
        body: reasonInputSchema,
        response: ok,
      },
    },
    async (req) => {
      await reopenJudgingRound(deps, req.actor, req.params.roundId, req.body.reason);
      return {};
    },
  );

  r.post(
    '/api/judging/rounds/:roundId/jurors/:userId/reopen',
    {
      schema: {
        tags,
        ...operationDoc(
          "Give a juror's submitted sheet back",
          'The chair, with a reason, while the round is open.' + CHAIR_NOTE,
          CHAIR,
        ),
        params: roundParams.extend({ userId: z.coerce.number().int().positive() }),
        body: reasonInputSchema,
        response: ok,
      },
    },
    async (req) => {
      await reopenJurorSheet(deps, req.actor, req.params.roundId, req.params.userId, req.body.reason);
      return {};
    },
  );

  r.post(
    '/api/judging/rounds/:roundId/recusals',
    {
      schema: {
        tags,
        ...operationDoc(
          'Recuse a juror from an entry',
          'The chair takes a juror off an entry (by reference) with a reason; it holds in every round.' + CHAIR_NOTE,
          CHAIR,
        ),
        params: roundParams,
        body: recusalInputSchema,
        response: ok,
      },
    },
    async (req) => {
      await recuseJuror(deps, req.actor, req.params.roundId, req.body);
      return {};
    },
  );

  r.post(
    '/api/judging/rounds/:roundId/recusals/lift',
    {
      schema: {
        tags,
        ...operationDoc(
          'Lift a recusal',
          'The chair, with a reason, while the round is open and no locked round was judged with it. The automatic ' +
            'same-unit conflict cannot be lifted (`judging.unitConflictFixed`). Audited.' +
            CHAIR_NOTE,
          CHAIR,
        ),
        params: roundParams,
        body: recusalInputSchema,
        response: ok,
      },
    },
    async (req) => {
      await liftRecusal(deps, req.actor, req.params.roundId, req.body);
      return {};
    },
  );

  r.get(
    '/api/judging/rounds/:roundId/progress',
    {
      schema: {
        tags,
        ...operationDoc(
          "A round's progress",
          'Per juror: submitted or not, and the state of each sheet; per entry, the complete sheets.' + CHAIR_NOTE,
          FOLLOW,
        ),
        params: roundParams,
        response: ok,
      },
    },
    async (req) => getRoundProgress(deps, req.actor, req.params.roundId),
  );

  r.post(
    '/api/judging/rounds/:roundId/reminders',
    {
      schema: {
        tags,
        ...operationDoc(
          'Remind jurors ("Nhắc giám khảo")',
          'E-mail and text message to the jurors of an open round who score online and have not submitted, or to ' +
            'the one named by `jurorUserId`; at most once every 12 hours per juror (those reminded too recently ' +
            'come back in `tooSoon`). Audited. Errors: `judging.remindNotOpen`, `judging.remindLocked` (wrong ' +
            'state), `judging.remindNotNeeded` (the named juror submitted or scores on paper), ' +
            '`judging.remindTooSoon` (429, the named juror).' +
            CHAIR_NOTE,
          FOLLOW,
        ),
        params: roundParams,
        body: z.object({ jurorUserId: z.number().int().positive().optional() }).optional(),
        response: ok,
      },
    },
    async (req) => remindJurors(deps, req.actor, req.params.roundId, { jurorUserId: req.body?.jurorUserId }),
  );

  r.get(
    '/api/judging/rounds/:roundId/ranking',
    {
      schema: {
        tags,
        ...operationDoc(
          "A round's ranking, explained",
          'The method in words, each place with its scores, what was dropped or left out and why, and the ties. ' +
            '`provisional=1` counts drafts too while the round is open.' +
            CHAIR_NOTE,
          FOLLOW,
        ),
        params: roundParams,
        querystring: z.object({ provisional: z.enum(['0', '1']).optional() }),
        response: ok,
      },
    },
    async (req) => getRoundRanking(deps, req.actor, req.params.roundId, { provisional: req.query.provisional === '1' }),
  );

  // The place name of the date line ("Vĩnh Linh, ngày …") is required by NĐ30; the meeting's place is optional.
  const paperQuery = z.object({
    place: z.string().trim().min(1).max(100),
    meetingPlace: z.string().trim().max(200).optional(),
  });
  const download = (name: string, type: string) => ({
    'content-type': type,
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'private, no-store',
  });

  r.get(
    '/api/judging/rounds/:roundId/score-sheets.pdf',
    {
      schema: {
        tags,
        ...operationDoc(
          'Printed score sheets (phiếu chấm)',
          'One A4 page per juror: the entries they score (blind codes in blind mode), a column per criterion with ' +
            'its weight and scale, and the signature line. `place` (required) fills the date line. Audited.',
          FOLLOW,
        ),
        params: roundParams,
        querystring: paperQuery,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const pdf = await exportScoreSheets(deps, req.actor, req.params.roundId, { place: req.query.place });
      return reply.headers(download(`phieu-cham-vong-${req.params.roundId}.pdf`, 'application/pdf')).send(pdf);
    },
  );

  for (const format of ['docx', 'pdf'] as const) {
    r.get(
      `/api/judging/rounds/:roundId/minutes.${format}`,
      {
        schema: {
          tags,
          ...operationDoc(
            `Minutes of a locked round (${format.toUpperCase()})`,
            'The biên bản chấm thi laid out per NĐ30: time and place, the jurors present, criteria and method, the ' +
              'result, each tie and how it was settled, signatures; annexes with the ranking, every juror total and ' +
              'the jurors signature list. Only once the round is locked (`judging.minutesNeedLock`). Audited.',
            FOLLOW,
          ),
          params: roundParams,
          querystring: paperQuery,
          produces: [
            format === 'pdf'
              ? 'application/pdf'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          ],
        },
      },
      async (req, reply) => {
        const file = await exportRoundMinutes(deps, req.actor, req.params.roundId, format, {
          place: req.query.place,
          meetingPlace: req.query.meetingPlace ?? '',
        });
        const type =
          format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
        return reply.headers(download(`bien-ban-vong-${req.params.roundId}.${format}`, type)).send(file);
      },
    );
  }

  r.post(
    '/api/judging/rounds/:roundId/tie-decisions',
    {
      schema: {
        tags,
        ...operationDoc(
          'Break a tie',
          'The chair orders exactly the entries still tied (by reference, best first) with a reason, on a locked ' +
            'round.' +
            CHAIR_NOTE,
          CHAIR,
        ),
        params: roundParams,
        body: tieDecisionInputSchema,
        response: ok,
      },
    },
    async (req) => {
      await decideTie(deps, req.actor, req.params.roundId, req.body);
      return {};
    },
  );

  r.get(
    '/api/judging/rounds/:roundId/paper',
    {
      schema: {
        tags,
        ...operationDoc(
          "A round's paper desk",
          'Each juror who scores on paper, their entries, what was typed, by whom, and its check (not typed, ' +
            "pending, confirmed, rejected with the reason). `juror` here means the round's chair.",
          [...new Set([...allowedBy('judging.enterPaper'), ...PAPER_CHECK])],
        ),
        params: roundParams,
        response: ok,
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return getPaperDesk(deps, req.actor, req.params.roundId);
    },
  );

  r.put(
    '/api/judging/rounds/:roundId/paper/:userId/entries/:ref',
    {
      schema: {
        tags,
        ...operationDoc(
          "Type a juror's paper sheet for an entry",
          'The whole sheet as signed and the version it was based on (as a juror\u2019s save); stored as paper, ' +
            'typed by the caller, and waiting for a second person\u2019s check.' +
            PAPER_NOTE,
          allowedBy('judging.enterPaper'),
        ),
        params: paperParams.extend({ ref: z.string().min(1).max(40) }),
        body: scoreSaveSchema,
        response: ok,
      },
    },
    async (req) => enterPaperSheet(deps, req.actor, req.params.roundId, req.params.userId, req.params.ref, req.body),
  );

  r.post(
    '/api/judging/rounds/:roundId/paper/:userId/entries/:ref/check',
    {
      schema: {
        tags,
        ...operationDoc(
          'Check a typed paper sheet',
          'Confirm the version compared with the signed sheet, or send it back with a reason; never the person ' +
            "who typed it (403 `judging.paperSelfCheck`). `juror` here means the round's chair." +
            PAPER_NOTE,
          PAPER_CHECK,
        ),
        params: paperParams.extend({ ref: z.string().min(1).max(40) }),
        body: paperCheckInputSchema,
        response: ok,
      },
    },
    async (req) => checkPaperSheet(deps, req.actor, req.params.roundId, req.params.userId, req.params.ref, req.body),
  );

  r.post(
    '/api/judging/rounds/:roundId/paper/:userId/received',
    {
      schema: {
        tags,
        ...operationDoc(
          "Mark a juror's signed paper sheet received",
          'Every entry typed, complete and confirmed (else 409 `judging.paperNotReady` listing what is left); ' +
            "submits the juror's round so that their scores count.",
          allowedBy('judging.enterPaper'),
        ),
        params: paperParams,
        response: ok,
      },
    },
    async (req) => markPaperReceived(deps, req.actor, req.params.roundId, req.params.userId),
  );

  r.get(
    '/api/me/judging',
    {
      schema: {
        tags,
        ...operationDoc(
          "A juror's judging home",
          'Each round the caller is a juror of, with its window, how many entries are done and the next step ' +
            '(an empty list for anyone else); and `paperChecks`: the open rounds with typed paper sheets waiting ' +
            'for the caller\u2019s check, for the chair and those who may check paper (never the sheets they typed).',
          ['signedIn'],
        ),
        response: ok,
      },
    },
    async (req) => listMyJudging(deps, req.actor),
  );

  r.get(
    '/api/judging/rounds/:roundId/my-entries',
    {
      schema: {
        tags,
        ...operationDoc(
          "A juror's entries in a round",
          'Assigned entries they are not blocked from, each with its sheet state, and the rubric.' + JUROR_NOTE,
          JUROR,
        ),
        params: roundParams,
        response: ok,
      },
    },
    async (req) => listJurorEntries(deps, req.actor, req.params.roundId),
  );

  r.get(
    '/api/judging/rounds/:roundId/entries/:ref',
    {
      schema: {
        tags,
        ...operationDoc(
          'An entry to score',
          'The blind view, media addresses, the caller\u2019s sheet and version, and the other jurors\u2019 scores ' +
            'once visible.' +
            JUROR_NOTE,
          JUROR,
        ),
        params: refParams,
        response: ok,
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return getJurorEntry(deps, req.actor, req.params.roundId, req.params.ref);
    },
  );

  r.put(
    '/api/judging/rounds/:roundId/entries/:ref/my-sheet',
    {
      schema: {
        tags,
        ...operationDoc(
          'Save a score sheet',
          'The whole sheet and the version it was based on. An older base with other content: 409 ' +
            '`judging.staleVersion` with the stored sheet in `details.stored`. Off-scale values: 400 ' +
            '`judging.sheetInvalid`; what is unfinished is saved and listed in `pending`.' +
            JUROR_NOTE,
          JUROR,
        ),
        params: refParams,
        body: scoreSaveSchema,
        response: ok,
      },
    },
    async (req) => saveScoreSheet(deps, req.actor, req.params.roundId, req.params.ref, req.body),
  );

  r.post(
    '/api/judging/rounds/:roundId/entries/:ref/conflict',
    {
      schema: {
        tags,
        ...operationDoc(
          'Declare a conflict of interest',
          'With a reason; the juror no longer sees or scores the entry, in any round.' + JUROR_NOTE,
          JUROR,
        ),
        params: refParams,
        body: reasonInputSchema,
        response: ok,
      },
    },
    async (req) => {
      await declareConflict(deps, req.actor, req.params.roundId, req.params.ref, req.body.reason);
      return {};
    },
  );

  r.post(
    '/api/judging/rounds/:roundId/entries/:ref/conflict/withdraw',
    {
      schema: {
        tags,
        ...operationDoc(
          'Withdraw a declared conflict',
          'The juror who declared it, with a reason, before submitting their sheet, while the round is open and no ' +
            'locked round was judged with it. Audited.' +
            JUROR_NOTE,
          JUROR,
        ),
        params: refParams,
        body: reasonInputSchema,
        response: ok,
      },
    },
    async (req) => {
      await withdrawConflict(deps, req.actor, req.params.roundId, req.params.ref, req.body.reason);
      return {};
    },
  );

  r.post(
    '/api/judging/rounds/:roundId/my-sheet/submit',
    {
      schema: {
        tags,
        ...operationDoc(
          'Submit my scores for the round',
          'Every assigned entry complete or abstained with a reason, else 400 `judging.sheetIncomplete` listing ' +
            'what is left. The scores are then locked unless the chair gives them back.' +
            JUROR_NOTE,
          JUROR,
        ),
        params: roundParams,
        response: ok,
      },
    },
    async (req) => submitScoreSheets(deps, req.actor, req.params.roundId),
  );

  r.get(
    '/api/judging/rounds/:roundId/entries/:ref/media/:file',
    {
      schema: {
        tags,
        ...operationDoc(
          'HLS master playlist or poster of an entry, for its juror',
          '`master.m3u8`, `poster.jpg` or `strip.jpg`; `Range` supported.' + JUROR_NOTE,
          JUROR,
        ),
        params: refParams.extend({ file: name }),
        produces: ['application/vnd.apple.mpegurl', 'image/jpeg'],
        response: errors,
      },
    },
    async (req, reply) => {
      const { roundId, ref, file } = req.params;
      const out = await withRangeSize(reply, () =>
        openJurorMedia(deps, req.actor, roundId, ref, [file], req.headers.range),
      );
      return sendMedia(reply, out);
    },
  );

  r.get(
    '/api/judging/rounds/:roundId/entries/:ref/media/:variant/:file',
    {
      schema: {
        tags,
        ...operationDoc(
          'HLS variant playlist or segment of an entry, for its juror',
          "A variant's `index.m3u8` or a segment; `Range` supported." + JUROR_NOTE,
          JUROR,
        ),
        params: refParams.extend({ variant: name, file: name }),
        produces: ['application/vnd.apple.mpegurl', 'video/mp2t', 'video/iso.segment'],
        response: errors,
      },
    },
    async (req, reply) => {
      const { roundId, ref, variant, file } = req.params;
      const out = await withRangeSize(reply, () =>
        openJurorMedia(deps, req.actor, roundId, ref, [variant, file], req.headers.range),
      );
      return sendMedia(reply, out);
    },
  );

  r.get(
    '/api/judging/rounds/:roundId/entries/:ref/original',
    {
      schema: {
        tags,
        ...operationDoc(
          'Download the original, for its juror',
          'As an attachment named by the reference (`P-417.mp4` in blind mode), never the uploaded name.' + JUROR_NOTE,
          JUROR,
        ),
        params: refParams,
        produces: ['video/mp4', 'video/quicktime'],
        response: errors,
      },
    },
    async (req, reply) => {
      const { roundId, ref } = req.params;
      const out = await withRangeSize(reply, () => openJurorOriginal(deps, req.actor, roundId, ref, req.headers.range));
      if (out.kind === 'redirect') return reply.header('cache-control', 'private, no-store').redirect(out.url, 302);
      return sendObject(reply, out.object, {
        'cache-control': 'private, no-store',
        'content-disposition': out.disposition,
      });
    },
  );
}
