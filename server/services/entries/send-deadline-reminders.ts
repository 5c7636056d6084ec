import { entrantReminder } from '@core/deadline-messages.ts';
import { COUNTDOWN_WINDOW_MS, reminderDue } from '@core/deadline.ts';
import { ANONYMOUS, type Deps } from '../../context.ts';
import { decodeDraft } from '../../db/json-columns.ts';
import { notifyEntrant } from '../../notify/notify-entrant.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { settingsOf } from '../contests/load-contest.ts';

export interface RemindersSent {
  /** Drafts reminded in this run. */
  sent: number;
}

/**
 * Reminds the entrants of unfinished drafts 72 and 24 hours before the submission deadline, by e-mail, text message
 * and in the app (`deadline-reminders` job, queued by the worker's housekeeping). Only the most urgent reminder due is
 * sent: a draft begun 10 hours before the deadline gets the 24-hour one alone. A row of `deadline_reminders`, written
 * with its audit record before anything is sent, makes each go once per draft and threshold, however often the job
 * runs and on however many workers; a reminder lost to a crash between the two is not sent again (ADR 0024).
 * Drafts that were submitted, withdrawn, returned on review (they have their own fix deadline) or typed in by the
 * secretariat (intake) get none.
 */
export async function sendDeadlineReminders(deps: Deps): Promise<RemindersSent> {
  const now = deps.clock();
  const phases = await deps.db
    .selectFrom('contest_phases')
    .innerJoin('contests', 'contests.id', 'contest_phases.contest_id')
    .selectAll('contests')
    .select('contest_phases.ends_at')
    .where('contest_phases.kind', '=', 'submission')
    .where('contest_phases.ends_at', '>', now.toISOString())
    .where('contest_phases.ends_at', '<=', new Date(now.getTime() + COUNTDOWN_WINDOW_MS).toISOString())
    .execute();
  let sent = 0;
  for (const contest of phases) {
    const endsAt = new Date(contest.ends_at).toISOString();
    const threshold = reminderDue(now, endsAt);
    if (threshold === null) continue;
    const settings = settingsOf(contest);
    const drafts = await deps.db
      .selectFrom('entries')
      .leftJoin('deadline_reminders as r', (j) =>
        j.onRef('r.entry_id', '=', 'entries.id').on('r.threshold_hours', '=', threshold),
      )
      .select(['entries.id', 'entries.draft_json'])
      .where('entries.contest_id', '=', contest.id)
      .where('entries.status', '=', 'draft')
      .where('entries.withdrawn_at', 'is', null)
      .where('entries.review_status', 'is', null)
      .where('entries.is_intake', '=', false)
      .where('r.entry_id', 'is', null)
      .orderBy('entries.id')
      .execute();
    for (const draft of drafts) {
      const claimed = await deps.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('deadline_reminders')
          .values({
            entry_id: draft.id,
            threshold_hours: threshold,
            contest_id: contest.id,
            deadline: endsAt,
            sent_at: deps.clock().toISOString(),
          })
          .onConflict((oc) => oc.columns(['entry_id', 'threshold_hours']).doNothing())
          .returning('entry_id')
          .executeTakeFirst();
        if (!row) return false;
        await appendAudit(trx, deps, ANONYMOUS, {
          action: 'entry.deadlineReminder',
          contestId: contest.id,
          target: `entry:${draft.id}`,
          details: { thresholdHours: threshold, deadline: endsAt },
        });
        return true;
      });
      if (!claimed) continue;
      const text = entrantReminder({
        contestName: settings.name,
        entryTitle: decodeDraft(draft.draft_json).title,
        threshold,
        endsAt,
        timeZone: settings.timeZone,
        graceMinutes: settings.entryRules.uploadGraceMinutes,
        link: `${deps.config.publicUrl}/entries/${draft.id}`,
      });
      const delivery = await notifyEntrant(deps, draft.id, {
        kind: 'deadline.reminder',
        title: text.subject,
        body: text.body,
        sms: text.sms,
        data: { thresholdHours: threshold, deadline: endsAt },
      });
      await deps.db
        .updateTable('deadline_reminders')
        .set({ is_emailed: delivery.emailed, is_texted: delivery.texted })
        .where('entry_id', '=', draft.id)
        .where('threshold_hours', '=', threshold)
        .execute();
      sent++;
    }
  }
  return { sent };
}
