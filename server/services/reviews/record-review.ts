/**
 * A reviewer (secretariat, organizing committee) records a decision on a submitted entry: approve, reject, or return
 * it to the entrant for a fix by a deadline (R9, R11). With two reviews required, two reviewers must agree; if they
 * do not, the entry is disputed until the organizer records the final decision. When a round is settled the entry
 * takes its new state in the same transaction as the decision and the audit record, and the entrant is notified.
 *
 * Returned: the entry goes back to draft (keeping its place in the quota) so its owner can fix it and send it again
 * until the fix deadline, even after submissions closed (server/services/access/edit-window.ts); sending it again opens
 * a new round. Rejected: the entry stays submitted and locked.
 */
import { AppError } from '@core/errors.ts';
import { can } from '@core/roles.ts';
import { reviewMessage } from '@core/review-messages.ts';
import {
  buildChecklist,
  CHECKLIST_LABELS,
  DECISION_STATUS,
  decisionProblem,
  recordingRule,
  roundOutcome,
  type ReviewInput,
  type ReviewStatus,
  type RoundDecision,
} from '@core/review.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { notifyEntrant } from '../../notify/notify-entrant.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { requireLogin } from '../access/authorize.ts';
import { authorizeReviewer } from '../access/authorize-reviewer.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadContest } from '../contests/load-contest.ts';
import { recordEntryEvent } from '../entries/record-entry-event.ts';
import { checklistFacts, loadDecisions } from './review-state.ts';
import { decodeDraft } from '../../db/json-columns.ts';

export interface RecordedReview {
  reviewId: number;
  round: number;
  status: ReviewStatus;
  isFinal: boolean;
}

export async function recordReview(
  deps: Deps,
  actor: Actor,
  entryId: number,
  input: ReviewInput,
): Promise<RecordedReview> {
  requireLogin(actor);
  const entry = await deps.db.selectFrom('entries').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!entry) throw new AppError('entry.notFound');
  const contestId = entry.contest_id;
  const ownerUserId = entry.owner_user_id;
  const principal = await authorizeReviewer(deps, actor, { id: entryId, contestId, ownerUserId }, 'entry.review');
  const mayFinalize = can(principal, 'entries.settleReview');
  const contest = await loadContest(deps.db, { id: contestId });
  const required = contest.settings.reviewsRequired ?? 1;
  const draft = decodeDraft(entry.draft_json);
  const now = deps.clock();

  const checklist = buildChecklist(
    input.checklist,
    await checklistFacts(deps.db, entry, draft, contest.settings.entryRules.allowedForms),
  );
  const problem = decisionProblem(input, checklist, now);
  if (problem?.code === 'review.reasonRequired') throw new AppError(problem.code, { min: problem.min });
  if (problem?.code === 'review.deadlineInvalid')
    throw new AppError(problem.code, { minMinutes: problem.minMinutes, maxDays: problem.maxDays });
  if (problem?.code === 'review.checklistIncomplete') {
    const labels = (lang: 'vi' | 'en') => problem.items.map((i) => `«${CHECKLIST_LABELS[i][lang]}»`).join('; ');
    const items = { vi: labels('vi'), en: labels('en') };
    throw new AppError(problem.code, { count: problem.items.length, items }, { items: problem.items });
  }

  const at = now.toISOString();
  const reason = input.reason.normalize('NFC').trim();
  const fixDeadline =
    input.decision === 'return' && input.fixDeadline ? new Date(input.fixDeadline).toISOString() : null;
  let settled: { recorded: RecordedReview; deciding: RoundDecision | null };
  try {
    settled = await deps.db.transaction().execute(async (trx) => {
      // Take the entry's row first: concurrent reviewers of one entry then go one at a time (PostgreSQL row lock;
      // SQLite has one writer), and each sees the decisions committed before it.
      await trx.updateTable('entries').set({ updated_at: at }).where('id', '=', entryId).execute();
      const current = await trx
        .selectFrom('entries')
        .select(['status', 'review_status', 'review_round'])
        .where('id', '=', entryId)
        .executeTakeFirstOrThrow();
      const round = current.review_round;
      const decisions = await loadDecisions(trx, entryId, round);
      const rule = recordingRule(
        { submitted: current.status === 'submitted', status: current.review_status },
        actor.userId,
        decisions,
        mayFinalize,
      );
      if (!rule.ok) throw new AppError(rule.code, { round });

      const { id } = await trx
        .insertInto('reviews')
        .values({
          entry_id: entryId,
          round,
          reviewer_user_id: actor.userId,
          decision: input.decision,
          reason,
          note: input.note.normalize('NFC'),
          checklist_json: JSON.stringify(checklist),
          fix_deadline: fixDeadline,
          is_final: rule.isFinal,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const outcome = roundOutcome(
        [
          ...decisions,
          { reviewerId: actor.userId, decision: input.decision, isFinal: rule.isFinal, reason, fixDeadline, at },
        ],
        required,
      );
      const returned = outcome.status === 'returned';
      await trx
        .updateTable('entries')
        .set({
          review_status: outcome.status,
          fix_deadline: returned ? outcome.deciding!.fixDeadline : null,
          // Back in the entrant's hands until the deadline; the quota place is kept.
          ...(returned ? { status: 'draft', submitted_at: null } : {}),
        })
        .where('id', '=', entryId)
        .execute();
      if (outcome.deciding) {
        // The entrant's history: the outcome, never who reviewed or how each voted. A deciding decision gives the
        // round's state.
        await recordEntryEvent(trx, entryId, at, null, `review.${DECISION_STATUS[outcome.deciding.decision]}`, {
          round,
          ...(returned ? { fixDeadline: outcome.deciding.fixDeadline } : {}),
        });
      }
      await appendAudit(trx, deps, actor, {
        action: rule.isFinal ? 'entry.reviewFinal' : 'entry.review',
        contestId,
        target: `entry:${entryId}`,
        details: {
          code: entry.code,
          round,
          decision: input.decision,
          reason: reason || null,
          fixDeadline,
          outcome: outcome.status,
        },
      });
      return {
        recorded: { reviewId: id, round, status: outcome.status, isFinal: rule.isFinal },
        deciding: outcome.deciding,
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('review.alreadyDecided', { round: entry.review_round });
    throw err;
  }

  const { recorded, deciding } = settled;
  if (
    deciding &&
    (recorded.status === 'approved' || recorded.status === 'rejected' || recorded.status === 'returned')
  ) {
    const msg = reviewMessage({
      status: recorded.status,
      contestName: contest.settings.name,
      entryCode: entry.code ?? `#${entryId}`,
      title: draft.title,
      reason: deciding.reason,
      fixDeadline: deciding.fixDeadline,
      timeZone: contest.settings.timeZone,
      entryUrl: `${deps.config.publicUrl}/entries/${entryId}`,
    });
    await notifyEntrant(deps, entryId, {
      kind: `review.${recorded.status}`,
      ...msg,
      data: {
        entryId,
        code: entry.code,
        status: recorded.status,
        round: recorded.round,
        fixDeadline: deciding.fixDeadline,
      },
    });
  }
  return recorded;
}
