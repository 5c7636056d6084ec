import { missingForSubmission } from '@core/entry.ts';
import { cleanFileName } from '@core/file-name.ts';
import type { Actor, Deps } from '../../context.ts';
import { entryAccess } from '../access/entry-access.ts';
import { loadContest } from '../contests/load-contest.ts';
import { draftEditRefusal, withdrawRefusal } from '../access/edit-window.ts';
import { reviewSummary } from '../reviews/review-state.ts';
import { decodeEventDetails, decodeVerdict, type StoredVerdict } from '../../db/json-columns.ts';

export interface UploadView {
  id: string;
  status: string;
  sizeBytes: number;
  filename: string;
  sha256: string | null;
  createdAt: string;
  completedAt: string | null;
  checkedAt: string | null;
  verdict: StoredVerdict | null;
}

/** An entry as its owner or the staff see it: the draft, what is missing, the file and its checks, the history. */
export async function getEntry(deps: Deps, actor: Actor, entryId: number) {
  const { entry, draft, isStaff, mayWrite } = await entryAccess(deps, actor, entryId, 'read');
  const contest = await loadContest(deps.db, { id: entry.contest_id });
  const [uploads, events, unit, review] = await Promise.all([
    deps.db.selectFrom('uploads').selectAll().where('entry_id', '=', entry.id).orderBy('created_at', 'desc').execute(),
    deps.db
      .selectFrom('entry_events')
      .select(['at', 'kind', 'details_json'])
      .where('entry_id', '=', entry.id)
      .orderBy('id')
      .execute(),
    entry.unit_id === null
      ? null
      : deps.db.selectFrom('units').select('name').where('id', '=', entry.unit_id).executeTakeFirst(),
    reviewSummary(deps.db, entry, contest.settings.reviewsRequired ?? 1, isStaff),
  ]);
  const toView = (u: (typeof uploads)[number]): UploadView => ({
    id: u.id,
    status: u.status,
    sizeBytes: u.size_bytes,
    filename: cleanFileName(u.filename),
    sha256: u.sha256,
    createdAt: u.created_at,
    completedAt: u.completed_at,
    checkedAt: u.checked_at,
    verdict: decodeVerdict(u.verdict_json),
  });
  const latest = uploads.find((u) => u.status !== 'replaced' && u.status !== 'cancelled' && u.status !== 'expired');
  const now = deps.clock();
  return {
    id: entry.id,
    contestSlug: contest.slug,
    code: entry.code,
    status: entry.status,
    draft,
    unitName: unit?.name ?? null,
    isIntake: entry.is_intake,
    // A returned entry only until its fix deadline (or while submissions are open).
    canEdit:
      entry.status === 'draft' &&
      mayWrite &&
      (entry.review_status !== 'returned' || draftEditRefusal(contest, entry, now) === null),
    canWithdraw: mayWrite && withdrawRefusal(contest, entry, now) === null,
    missing: missingForSubmission(draft, contest.settings.entryRules.allowedForms),
    upload: latest ? toView(latest) : null,
    acceptedUploadId: entry.accepted_upload_id,
    submittedAt: entry.submitted_at,
    withdrawnAt: entry.withdrawn_at,
    events: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      details: decodeEventDetails(e.details_json),
    })),
    review,
  };
}
