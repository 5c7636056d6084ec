/**
 * A reviewer gives a returned entry more time to be fixed (R11): the entrant asked the organizers for it, or the
 * deadline passed before they could fix it. The new deadline applies at once to editing, uploading and sending the
 * entry again (server/services/access/edit-window.ts); the change is audited, written into the entry's history and told
 * to the entrant.
 */
import { AppError } from '@core/errors.ts';
import { fixDeadlineExtendedMessage } from '@core/review-messages.ts';
import { extendProblem } from '@core/review.ts';
import { formatDateTime } from '@core/time.ts';
import { notifyEntrant } from '../../notify/notify-entrant.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { requireLogin } from '../access/authorize.ts';
import { authorizeReviewer } from '../access/authorize-reviewer.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadContest } from '../contests/load-contest.ts';
import { recordEntryEvent } from '../entries/record-entry-event.ts';
import { decodeDraft } from '../../db/json-columns.ts';

export async function extendFixDeadline(
  deps: Deps,
  actor: Actor,
  entryId: number,
  input: { fixDeadline: string },
): Promise<{ entryId: number; fixDeadline: string }> {
  requireLogin(actor);
  const entry = await deps.db
    .selectFrom('entries')
    .select(['contest_id', 'owner_user_id', 'code'])
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!entry) throw new AppError('entry.notFound');
  const contestId = entry.contest_id;
  const ownerUserId = entry.owner_user_id;
  await authorizeReviewer(deps, actor, { id: entryId, contestId, ownerUserId }, 'entry.extendFixDeadline');
  const contest = await loadContest(deps.db, { id: contestId });
  const zone = contest.settings.timeZone;
  const now = deps.clock();
  const parsed = Date.parse(input.fixDeadline);
  const fixDeadline = Number.isNaN(parsed) ? input.fixDeadline : new Date(parsed).toISOString();
  const at = now.toISOString();

  const { previous, draftJson } = await deps.db.transaction().execute(async (trx) => {
    // Take the row first, so that a resubmission at the same moment either comes before (and is seen) or waits.
    await trx.updateTable('entries').set({ updated_at: at }).where('id', '=', entryId).execute();
    const current = await trx
      .selectFrom('entries')
      .select(['status', 'review_status', 'fix_deadline', 'review_round', 'draft_json'])
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    const problem = extendProblem(
      { status: current.status, reviewStatus: current.review_status, fixDeadline: current.fix_deadline },
      fixDeadline,
      now,
    );
    if (problem?.code === 'review.notReturned') throw new AppError(problem.code);
    if (problem?.code === 'review.deadlineInvalid')
      throw new AppError(problem.code, { minMinutes: problem.minMinutes, maxDays: problem.maxDays });
    if (problem?.code === 'review.deadlineNotLater')
      throw new AppError(problem.code, { current: formatDateTime(problem.current, zone) });
    await trx.updateTable('entries').set({ fix_deadline: fixDeadline }).where('id', '=', entryId).execute();
    await recordEntryEvent(trx, entryId, at, null, 'review.deadlineExtended', {
      round: current.review_round,
      fixDeadline,
    });
    await appendAudit(trx, deps, actor, {
      action: 'entry.extendFixDeadline',
      contestId,
      target: `entry:${entryId}`,
      details: { code: entry.code, round: current.review_round, previous: current.fix_deadline, fixDeadline },
    });
    return { previous: current.fix_deadline, draftJson: current.draft_json };
  });
  deps.logger.info({ entryId, previous, fixDeadline }, 'fix deadline extended');

  const title = decodeDraft(draftJson).title;
  const msg = fixDeadlineExtendedMessage({
    contestName: contest.settings.name,
    entryCode: entry.code ?? `#${entryId}`,
    title,
    fixDeadline,
    timeZone: zone,
    entryUrl: `${deps.config.publicUrl}/entries/${entryId}`,
  });
  await notifyEntrant(deps, entryId, {
    kind: 'review.deadlineExtended',
    ...msg,
    data: { entryId, code: entry.code, fixDeadline },
  }).catch((err: unknown) =>
    deps.logger.warn({ err, entryId }, 'could not notify the entrant of the new fix deadline'),
  );
  return { entryId, fixDeadline };
}
