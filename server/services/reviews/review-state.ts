/** Reading the reviews of an entry: shared by the review use cases and the entry view. */
import { missingForSubmission } from '@core/entry.ts';
import type { EntryDraft } from '@core/entry.ts';
import {
  DECISION_STATUS,
  entrantStatus,
  roundOutcome,
  type ChecklistFacts,
  type ChecklistRow,
  type ReviewDecision,
  type ReviewStatus,
  type ReviewsRequired,
  type RoundDecision,
} from '@core/review.ts';
import type { Tx } from '../../db/dialect.ts';
import type { EntryRow } from '../../db/schema.ts';
import { decodeChecklist, decodeVerdict } from '../../db/json-columns.ts';

export interface StoredDecision extends RoundDecision {
  id: number;
  round: number;
  reviewerName: string | null;
  note: string;
  checklist: ChecklistRow[];
}

/** Every decision on the entry (or of one round), oldest first, with the reviewer's name for the staff. */
export async function loadDecisions(db: Tx, entryId: number, round?: number): Promise<StoredDecision[]> {
  let q = db
    .selectFrom('reviews')
    .leftJoin('users', 'users.id', 'reviews.reviewer_user_id')
    .select([
      'reviews.id',
      'reviews.round',
      'reviews.reviewer_user_id',
      'reviews.decision',
      'reviews.reason',
      'reviews.note',
      'reviews.checklist_json',
      'reviews.fix_deadline',
      'reviews.is_final',
      'reviews.created_at',
      'users.full_name',
    ])
    .where('reviews.entry_id', '=', entryId);
  if (round !== undefined) q = q.where('reviews.round', '=', round);
  const rows = await q.orderBy('reviews.id').execute();
  return rows.map((r) => ({
    id: r.id,
    round: r.round,
    reviewerId: r.reviewer_user_id,
    reviewerName: r.full_name,
    decision: r.decision as ReviewDecision,
    isFinal: Boolean(r.is_final),
    reason: r.reason,
    note: r.note,
    checklist: decodeChecklist(r.checklist_json),
    fixDeadline: r.fix_deadline,
    at: r.created_at,
  }));
}

/**
 * The decision the entrant is shown for a round in the state the entry records: the one that settled it. Falls back
 * to the latest decision matching the recorded state (the number of reviews required may have changed since).
 */
export function decidingDecision<D extends RoundDecision>(
  decisions: readonly D[],
  status: ReviewStatus | null,
  required: ReviewsRequired,
): D | null {
  if (status === null || status === 'pending' || status === 'disputed') return null;
  const deciding = roundOutcome(decisions, required).deciding as D | null;
  if (deciding && DECISION_STATUS[deciding.decision] === status) return deciding;
  return [...decisions].reverse().find((d) => DECISION_STATUS[d.decision] === status) ?? null;
}

export interface ReviewSummary {
  status: ReviewStatus;
  reason: string | null;
  fixDeadline: string | null;
}

/** What the entry view shows about review: staff see a dispute; the entrant sees it as still pending. */
export async function reviewSummary(
  db: Tx,
  entry: EntryRow,
  required: ReviewsRequired,
  asStaff: boolean,
): Promise<ReviewSummary | null> {
  const status = entry.review_status;
  if (status === null) return null;
  const deciding = decidingDecision(await loadDecisions(db, entry.id, entry.review_round), status, required);
  return {
    status: asStaff ? status : entrantStatus(status)!,
    reason: deciding?.reason || null,
    fixDeadline: status === 'returned' ? entry.fix_deadline : null,
  };
}

/** What the server knows for the checklist: the accepted file's verdict and the draft's missing author details. */
export async function checklistFacts(
  db: Tx,
  entry: EntryRow,
  draft: EntryDraft,
  allowedForms: readonly string[],
): Promise<ChecklistFacts> {
  const upload = entry.accepted_upload_id
    ? await db
        .selectFrom('uploads')
        .select(['status', 'verdict_json'])
        .where('id', '=', entry.accepted_upload_id)
        .executeTakeFirst()
    : undefined;
  const verdict = decodeVerdict(upload?.verdict_json ?? null);
  return {
    technicalPassed: upload?.status === 'accepted' && verdict?.ok === true,
    missing: missingForSubmission(draft, allowedForms),
  };
}

export interface FlagView {
  score: number;
  otherEntryId: number | null;
  otherEntryCode: string | null;
  referenceTitle: string | null;
}

/** R9: originality flags on the entry's accepted file, for the reviewers (a hint for a human, never a verdict). */
export async function originalityFlags(db: Tx, entry: EntryRow): Promise<FlagView[]> {
  const uploadId = entry.accepted_upload_id;
  if (!uploadId) return [];
  const rows = await db
    .selectFrom('originality_flags')
    .leftJoin('reference_clips', 'reference_clips.id', 'originality_flags.reference_id')
    .select([
      'originality_flags.upload_id',
      'originality_flags.other_upload_id',
      'originality_flags.score',
      'reference_clips.title',
    ])
    .where((eb) =>
      eb.or([eb('originality_flags.upload_id', '=', uploadId), eb('originality_flags.other_upload_id', '=', uploadId)]),
    )
    .orderBy('originality_flags.score', 'desc')
    .execute();
  const otherUploads = rows
    .map((r) => (r.upload_id === uploadId ? r.other_upload_id : r.upload_id))
    .filter((x): x is string => !!x);
  const others = otherUploads.length
    ? await db
        .selectFrom('uploads')
        .innerJoin('entries', 'entries.id', 'uploads.entry_id')
        .select(['uploads.id', 'entries.id as entryId', 'entries.code'])
        .where('uploads.id', 'in', otherUploads)
        .execute()
    : [];
  return rows.map((r) => {
    const otherUpload = r.upload_id === uploadId ? r.other_upload_id : r.upload_id;
    const other = otherUpload ? others.find((o) => o.id === otherUpload) : undefined;
    return {
      score: r.score,
      otherEntryId: other ? other.entryId : null,
      otherEntryCode: other?.code ?? null,
      referenceTitle: r.title ?? null,
    };
  });
}
