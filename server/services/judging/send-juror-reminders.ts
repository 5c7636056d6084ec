/**
 * Reminds jurors of open rounds whose window closes within 72 hours: those who score online and have not submitted,
 * with entries left to score or only the submission missing (core/judging/juror-reminders.ts), in the app and by
 * e-mail, 72 and 24 hours before (the most urgent point due only). Run by the `deadline-reminders` job beside the
 * entrants' reminders. A row of `judging_reminders`, written with its audit record before anything is sent, makes
 * each go once per round, juror and point, however often the job runs and on however many workers (as ADR 0024).
 */
import { jurorReminder, jurorReminderDue } from '@core/judging/juror-reminders.ts';
import { sheetComplete } from '@core/judging/score-sheet.ts';
import { COUNTDOWN_WINDOW_MS } from '@core/deadline.ts';
import { ANONYMOUS, type Deps } from '../../context.ts';
import { decodeSheet } from '../../db/json-columns.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { loadContest } from '../contests/load-contest.ts';
import { jurorEntryIds } from './juror-facts.ts';
import { mailJuror } from './mail-juror.ts';
import { loadRoundFacts, pairKey } from './round-facts.ts';

export async function sendJurorReminders(deps: Deps): Promise<{ sent: number }> {
  const now = deps.clock();
  const rounds = await deps.db
    .selectFrom('judging_rounds')
    .selectAll()
    .where('state', '=', 'open')
    .where('window_ends_at', '>', now.toISOString())
    .where('window_ends_at', '<=', new Date(now.getTime() + COUNTDOWN_WINDOW_MS).toISOString())
    .orderBy('id')
    .execute();
  let sent = 0;
  for (const round of rounds) {
    const windowEndsAt = new Date(round.window_ends_at).toISOString();
    const f = await loadRoundFacts(deps.db, round);
    const contest = await loadContest(deps.db, { id: round.contest_id });
    const scores = await deps.db
      .selectFrom('judging_scores')
      .select(['juror_user_id', 'entry_id', 'sheet_json'])
      .where('round_id', '=', round.id)
      .execute();
    const complete = new Set(
      scores
        .filter((s) => sheetComplete(f.rubric, decodeSheet(s.sheet_json)))
        .map((s) => pairKey(s.juror_user_id, s.entry_id)),
    );
    for (const j of f.jurors) {
      const mine = jurorEntryIds(f, j.userId);
      const done = mine.filter((e) => complete.has(pairKey(j.userId, e))).length;
      const threshold = jurorReminderDue(
        now,
        { state: round.state, windowEndsAt },
        { mode: j.mode, submitted: j.submittedAt !== null, assigned: mine.length, done },
      );
      if (threshold === null) continue;
      const claimed = await deps.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('judging_reminders')
          .values({
            round_id: round.id,
            juror_user_id: j.userId,
            threshold_hours: threshold,
            window_ends_at: windowEndsAt,
            unfinished: mine.length - done,
            sent_at: deps.clock().toISOString(),
          })
          .onConflict((oc) => oc.columns(['round_id', 'juror_user_id', 'threshold_hours']).doNothing())
          .returning('round_id')
          .executeTakeFirst();
        if (!row) return false;
        await appendAudit(trx, deps, ANONYMOUS, {
          action: 'judging.jurorReminder',
          contestId: round.contest_id,
          target: `judging_round:${round.id}`,
          details: { jurorUserId: j.userId, thresholdHours: threshold, unfinished: mine.length - done },
        });
        return true;
      });
      if (!claimed) continue;
      const text = jurorReminder({
        contestName: contest.settings.name,
        roundName: round.name,
        threshold,
        windowEndsAt,
        timeZone: contest.settings.timeZone,
        assigned: mine.length,
        done,
        link: `${deps.config.publicUrl}/manage/${contest.slug}/judging/rounds/${round.id}`,
      });
      const user = await deps.db
        .selectFrom('users')
        .select(['email', 'locale'])
        .where('id', '=', j.userId)
        .executeTakeFirst();
      try {
        await deps.db
          .insertInto('notifications')
          .values({
            user_id: j.userId,
            kind: 'judging.reminder',
            entry_id: null,
            payload_json: JSON.stringify({
              title: text.subject,
              body: text.body,
              roundId: round.id,
              thresholdHours: threshold,
            }),
            created_at: deps.clock().toISOString(),
          })
          .execute();
      } catch (err) {
        deps.logger.error({ err: { code: (err as { code?: string }).code ?? 'unknown' } }, 'juror reminder not stored');
      }
      const emailed = await mailJuror(deps, user, text);
      if (emailed)
        await deps.db
          .updateTable('judging_reminders')
          .set({ is_emailed: true })
          .where('round_id', '=', round.id)
          .where('juror_user_id', '=', j.userId)
          .where('threshold_hours', '=', threshold)
          .execute();
      sent++;
    }
  }
  return { sent };
}
