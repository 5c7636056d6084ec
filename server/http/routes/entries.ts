import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  complianceSchema,
  contestEntryRowSchema,
  entryViewSchema,
  errorBodySchema,
  myEntrySchema,
  okSchema,
  receiptSchema,
  idParam,
} from '@core/api.ts';
import { entryDraftSchema } from '@core/entry.ts';
import type { Deps } from '../../context.ts';
import { exportComplianceXlsx } from '../../services/entries/export-compliance-xlsx.ts';
import { exportEntriesXlsx } from '../../services/entries/export-entries-xlsx.ts';
import { getCompliance } from '../../services/entries/get-compliance.ts';
import { getEntry } from '../../services/entries/get-entry.ts';
import { getReceipt } from '../../services/entries/get-receipt.ts';
import { listContestEntries } from '../../services/entries/list-contest-entries.ts';
import { listMyEntries } from '../../services/entries/list-my-entries.ts';
import { saveEntryDraft } from '../../services/entries/save-entry-draft.ts';
import { submitEntry } from '../../services/entries/submit-entry.ts';
import { withdrawEntry } from '../../services/entries/withdraw-entry.ts';
import { deleteEntry } from '../../services/entries/delete-entry.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const entryParams = z.object({ entryId: idParam });
const listQuery = z.object({
  q: z.string().max(100).optional(),
  status: z.enum(['draft', 'submitted']).optional(),
  unitId: idParam.optional(),
  fileStatus: z.enum(['refused', 'accepted', 'checking', 'none']).optional(),
});

export function entryRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/contests/:slug/entries',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc(
          'Start an entry (draft)',
          'Creates a draft entry for the caller; any field may still be incomplete (`GET ' +
            '/api/entries/{entryId}` lists what is `missing` before submission). `party` is `{ "kind": "person" ' +
            '}`, or `{ "kind": "unit", "unitId" }` for a unit\'s representative. Members of the contest\'s staff ' +
            'may not enter (`entry.staffExcluded`); an account has at most `MAX_DRAFTS_PER_ENTRANT` drafts ' +
            '(`entry.tooManyDrafts`); drafts can be started until the submission deadline (`phase.*`). With ' +
            '`intake=true`, the organizer or secretariat registers an entry received by e-mail or in person (it ' +
            'has no owner).',
          ['signedIn', ...allowedBy('entries.intake')],
        ),
        params: slugParams,
        querystring: z.object({ intake: z.enum(['true', 'false']).optional() }),
        body: entryDraftSchema,
        response: { 201: z.object({ id: z.number() }), ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await saveEntryDraft(deps, req.actor, req.params.slug, req.body, { intake: req.query.intake === 'true' }),
        ),
  );

  r.put(
    '/api/contests/:slug/entries/:entryId',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc(
          'Save a draft',
          "Replaces the draft's fields (the same body as when starting it). Only drafts can change " +
            '(`entry.locked` once submitted); a returned entry stays editable until its fix deadline. For an ' +
            'entry registered through intake (it has no owner), the organizer or secretariat acts for the ' +
            'entrant.',
          ['entryOwner', ...allowedBy('entries.intake')],
        ),
        params: slugParams.extend(entryParams.shape),
        body: entryDraftSchema,
        response: { 200: z.object({ id: z.number() }), ...errors },
      },
    },
    async (req) => saveEntryDraft(deps, req.actor, req.params.slug, req.body, { entryId: req.params.entryId }),
  );

  r.get(
    '/api/entries/:entryId',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc(
          'An entry with its file, checks and history',
          'The draft, what is still `missing` for submission (each with its field and a message in both ' +
            'languages), the current upload with its check verdict, the review outcome meant for the entrant, and ' +
            'the history. To anyone who may not see it, the entry does not exist (`entry.notFound`).',
          ['entryOwner', ...allowedBy('entries.viewAll')],
        ),
        params: entryParams,
        response: { 200: entryViewSchema, ...errors },
      },
    },
    async (req) => getEntry(deps, req.actor, req.params.entryId),
  );

  r.post(
    '/api/entries/:entryId/submit',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc(
          'Submit an entry',
          'Submits a complete draft whose file passed the checks, claims its place in the quota, gives it a ' +
            'code and returns the receipt. Errors: `entry.incomplete` (every missing field in `details.missing`), ' +
            '`entry.noAcceptedFile`, `entry.unitQuotaFull`, `entry.personQuotaFull`, `entry.staffExcluded`, ' +
            '`phase.submissionClosed`. An upload begun before the deadline may finish, and its entry be ' +
            'submitted, within the grace period. For an entry registered through intake (it has no owner), the ' +
            'organizer or secretariat acts for the entrant.',
          ['entryOwner', ...allowedBy('entries.intake')],
        ),
        params: entryParams,
        response: { 200: receiptSchema, ...errors },
      },
    },
    async (req) => submitEntry(deps, req.actor, req.params.entryId),
  );

  r.post(
    '/api/entries/:entryId/withdraw',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc(
          'Withdraw a submitted entry',
          'Takes a submitted entry back to draft before the deadline, freeing its place in the quota; its code ' +
            'is kept. Errors: `entry.notWithdrawable`, `review.rejectedLocked`. For an entry registered through ' +
            'intake (it has no owner), the organizer or secretariat acts for the entrant.',
          ['entryOwner', ...allowedBy('entries.intake')],
        ),
        params: entryParams,
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await withdrawEntry(deps, req.actor, req.params.entryId);
      return { ok: true as const };
    },
  );

  r.delete(
    '/api/entries/:entryId',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc(
          'Delete an entry and its media',
          'The entrant deletes a draft (a submitted entry must be withdrawn first: `entry.notDeletable`); the ' +
            'organizer deletes any entry of the contest, giving a `reason` of at least 5 characters ' +
            '(`entry.deleteReasonRequired`), audited. Every stored file of the entry goes with it. For an entry ' +
            'registered through intake (it has no owner), the organizer or secretariat acts for the entrant.',
          ['entryOwner', ...allowedBy('entries.delete'), 'secretariat'],
        ),
        params: entryParams,
        body: z.object({ reason: z.string().max(1000).optional() }).nullish(),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await deleteEntry(deps, req.actor, req.params.entryId, { reason: req.body?.reason });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/entries/:entryId/receipt',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc(
          'The receipt of a submitted entry',
          "Code, submission time (ISO and in the contest's time zone), file name, size and SHA-256, and the " +
            'checks passed.',
          ['entryOwner', ...allowedBy('entries.viewAll')],
        ),
        params: entryParams,
        response: { 200: receiptSchema, ...errors },
      },
    },
    async (req) => getReceipt(deps, req.actor, req.params.entryId),
  );

  r.get(
    '/api/me/entries',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc('My entries', "The caller's own entries in every contest, newest first.", ['signedIn']),
        response: { 200: z.array(myEntrySchema), ...errors },
      },
    },
    async (req) => listMyEntries(deps, req.actor),
  );

  r.get(
    '/api/contests/:slug/entries',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc(
          "List a contest's entries",
          'Every entry of the contest with its status, unit, entrant and file state; filters by status, unit ' +
            'and file status; `q` searches titles, units and codes without diacritics.',
          allowedBy('entries.viewAll'),
        ),
        params: slugParams,
        querystring: listQuery,
        response: { 200: z.array(contestEntryRowSchema), ...errors },
      },
    },
    async (req) => listContestEntries(deps, req.actor, req.params.slug, req.query),
  );

  r.get(
    '/api/contests/:slug/entries.xlsx',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc(
          'Export the entry list (XLSX)',
          "The same list and filters as `GET /api/contests/{slug}/entries`, as a workbook in the caller's " +
            'language (no phones or addresses).',
          allowedBy('entries.viewAll'),
        ),
        params: slugParams,
        querystring: listQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const file = await exportEntriesXlsx(deps, req.actor, req.params.slug, req.query, req.lang);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${req.params.slug}-tac-pham.xlsx"`)
        .send(file);
    },
  );

  r.get(
    '/api/contests/:slug/compliance.xlsx',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc(
          'Export the compliance table (XLSX)',
          'One row per unit: submitted, draft and returned entries, category, minimum–maximum, state, contact ' +
            "person and last reminder, in the caller's language; A4 landscape, with the contest's name, the time " +
            "it was made and the deadline above the table. Holds contacts' phones: staff only.",
          allowedBy('entries.viewAll'),
        ),
        params: slugParams,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const file = await exportComplianceXlsx(deps, req.actor, req.params.slug, req.lang);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${req.params.slug}-tien-do-don-vi.xlsx"`)
        .send(file);
    },
  );

  r.get(
    '/api/contests/:slug/compliance',
    {
      schema: {
        tags: ['entries'],
        ...operationDoc(
          'Entries per unit against the quotas',
          "For each unit: submitted, draft and returned entries against its category's minimum and maximum; the " +
            'units still below their minimum; the number of refused files.',
          allowedBy('entries.viewAll'),
        ),
        params: slugParams,
        response: { 200: complianceSchema, ...errors },
      },
    },
    async (req) => getCompliance(deps, req.actor, req.params.slug),
  );
}
