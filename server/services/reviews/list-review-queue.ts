import { missingForSubmission } from '@core/entry.ts';
import { foldVietnamese } from '@core/normalize.ts';
import { missingAuthorDetails, type ReviewDecision, type ReviewStatus } from '@core/review.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadContest } from '../contests/load-contest.ts';
import { decodeDraft, decodeVerdict } from '../../db/json-columns.ts';

export interface ReviewQueueFilter {
  q?: string;
  reviewStatus?: ReviewStatus;
  unitId?: number;
  form?: string;
}

/**
 * The review queue of a contest (R11): every entry that was submitted and is in review or was decided, with the
 * decisions of its current round (so that a disagreement shows), the checklist facts the server knows and the number
 * of originality flags on its file. Searchable without diacritics by title, unit or code.
 */
export async function listReviewQueue(deps: Deps, actor: Actor, slug: string, filter: ReviewQueueFilter = {}) {
  const contest = await loadContest(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'entries.viewAll', { auditDenied: false });
  let q = deps.db
    .selectFrom('entries')
    .leftJoin('units', 'units.id', 'entries.unit_id')
    .leftJoin('uploads', 'uploads.id', 'entries.accepted_upload_id')
    .leftJoin('users', 'users.id', 'entries.owner_user_id')
    .select([
      'entries.id',
      'entries.code',
      'entries.status',
      'entries.draft_json',
      'entries.is_intake',
      'entries.submitted_at',
      'entries.review_status',
      'entries.review_round',
      'entries.fix_deadline',
      'entries.accepted_upload_id',
      'units.id as unitId',
      'units.name as unitName',
      'uploads.status as uploadStatus',
      'uploads.verdict_json',
      'users.full_name as ownerName',
    ])
    .where('entries.contest_id', '=', contest.id)
    .where('entries.review_status', 'is not', null);
  if (filter.reviewStatus) q = q.where('entries.review_status', '=', filter.reviewStatus);
  if (filter.unitId) q = q.where('entries.unit_id', '=', filter.unitId);
  if (filter.q?.trim()) {
    const term = `%${foldVietnamese(filter.q).replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([
        eb('entries.title_folded', 'like', term),
        eb('units.name_folded', 'like', term),
        eb('entries.code', 'like', filter.q!.trim().toUpperCase()),
      ]),
    );
  }
  const rows = await q.orderBy('entries.submitted_at').orderBy('entries.id').execute();
  const ids = rows.map((r) => r.id);
  const decisions = ids.length
    ? await deps.db
        .selectFrom('reviews')
        .innerJoin('entries', 'entries.id', 'reviews.entry_id')
        .leftJoin('users', 'users.id', 'reviews.reviewer_user_id')
        .select([
          'reviews.entry_id',
          'reviews.reviewer_user_id',
          'reviews.decision',
          'reviews.is_final',
          'reviews.created_at',
          'users.full_name',
        ])
        .where('reviews.entry_id', 'in', ids)
        .whereRef('reviews.round', '=', 'entries.review_round')
        .orderBy('reviews.id')
        .execute()
    : [];
  const uploadIds = rows.map((r) => r.accepted_upload_id).filter((x): x is string => !!x);
  const flags = uploadIds.length
    ? await deps.db
        .selectFrom('originality_flags')
        .select(['upload_id', 'other_upload_id'])
        .where((eb) => eb.or([eb('upload_id', 'in', uploadIds), eb('other_upload_id', 'in', uploadIds)]))
        .execute()
    : [];
  const allowedForms = contest.settings.entryRules.allowedForms;

  const entries = rows.flatMap((r) => {
    const draft = decodeDraft(r.draft_json);
    if (filter.form && draft.form !== filter.form) return [];
    const verdict = decodeVerdict(r.verdict_json);
    const upload = r.accepted_upload_id;
    return [
      {
        id: r.id,
        code: r.code,
        title: draft.title,
        form: draft.form,
        isIntake: r.is_intake,
        unitId: r.unitId,
        unitName: r.unitName,
        entrantName:
          draft.isGroup && draft.groupName ? draft.groupName : (draft.authors[0]?.fullName ?? r.ownerName ?? ''),
        submittedAt: r.submitted_at,
        status: r.status,
        reviewStatus: r.review_status as ReviewStatus,
        round: r.review_round,
        fixDeadline: r.fix_deadline,
        technicalPassed: r.uploadStatus === 'accepted' && verdict?.ok === true,
        authorDetailsComplete: missingAuthorDetails(missingForSubmission(draft, allowedForms)).length === 0,
        originalityFlags: upload
          ? flags.filter((f) => f.upload_id === upload || f.other_upload_id === upload).length
          : 0,
        decisions: decisions
          .filter((d) => d.entry_id === r.id)
          .map((d) => ({
            reviewerUserId: d.reviewer_user_id,
            reviewerName: d.full_name,
            decision: d.decision as ReviewDecision,
            isFinal: Boolean(d.is_final),
            createdAt: d.created_at,
          })),
      },
    ];
  });
  return { reviewsRequired: contest.settings.reviewsRequired ?? 1, entries };
}
