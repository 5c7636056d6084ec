/**
 * "Nhắc giám khảo" (issue 11, item 7; ADR 0044): the chair, the secretary or the organizer sends the jurors of an open
 * round who score online and have not submitted (or one chosen juror) an e-mail and a text message saying what is
 * left and when the round closes. At most once in JUROR_REMINDER_INTERVAL_HOURS per round and juror: a juror reminded
 * too recently is skipped (or refused, when chosen). Each reminder and its audit record are written before anything
 * is sent, as the unit's "Nhắc nhở" does; the in-app notice goes too.
 */
import { AppError } from '@core/errors.ts';
import {
  JUROR_REMINDER_INTERVAL_HOURS,
  jurorNotRemindable,
  jurorReminder,
  nextJurorReminderAt,
} from '@core/judging/juror-reminders.ts';
import { sheetComplete } from '@core/judging/score-sheet.ts';
import { formatDateTime } from '@core/time.ts';
import type { Actor, Deps } from '../../context.ts';
import { lockChain } from '../../db/dialect.ts';
import { decodeSheet } from '../../db/json-columns.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { jurorEntryIds } from './juror-facts.ts';
import { mailJuror } from './mail-juror.ts';
import { loadRoundFacts, pairKey } from './round-facts.ts';

/** Serializes reminders on PostgreSQL, so that two clicks at once cannot both pass the rate limit. */
const REMIND_LOCK_KEY = 7_301_044;

export interface JurorReminded {
  jurorUserId: number;
  fullName: string;
  emailed: boolean;
  texted: boolean;
}

export interface JurorNotReminded {
  jurorUserId: number;
  fullName: string;
  /** When they may be reminded again. */
  nextAt: string;
}

export async function remindJurors(
  deps: Deps,
  actor: Actor,
  roundId: number,
  input: { jurorUserId?: number | undefined },
): Promise<{ sent: number; reminded: JurorReminded[]; tooSoon: JurorNotReminded[] }> {
  const a = await roundAccess(deps, actor, roundId, 'follow');
  const round = a.round;
  if (round.state === 'locked') throw new AppError('judging.remindLocked', { round: round.name });
  if (round.state !== 'open') throw new AppError('judging.remindNotOpen', { round: round.name });
  const f = await loadRoundFacts(deps.db, round);
  const chosen = input.jurorUserId === undefined ? null : f.jurors.find((j) => j.userId === input.jurorUserId);
  if (chosen === undefined)
    throw new AppError('judging.jurorNotInRound', { juror: `#${input.jurorUserId}`, round: round.name });
  const scores = await deps.db
    .selectFrom('judging_scores')
    .select(['juror_user_id', 'entry_id', 'sheet_json'])
    .where('round_id', '=', roundId)
    .execute();
  const complete = new Set(
    scores
      .filter((s) => sheetComplete(f.rubric, decodeSheet(s.sheet_json)))
      .map((s) => pairKey(s.juror_user_id, s.entry_id)),
  );
  const candidates = (chosen ? [chosen] : f.jurors).map((j) => {
    const mine = jurorEntryIds(f, j.userId);
    const done = mine.filter((e) => complete.has(pairKey(j.userId, e))).length;
    const why = jurorNotRemindable({
      mode: j.mode,
      submitted: j.submittedAt !== null,
      assigned: mine.length,
      done,
    });
    return { juror: j, assigned: mine.length, done, why };
  });
  if (chosen && candidates[0]!.why)
    throw new AppError('judging.remindNotNeeded', { juror: chosen.fullName, round: round.name });
  const due = candidates.filter((c) => c.why === null);

  const now = deps.clock();
  const at = now.toISOString();
  const timeZone = a.contest.settings.timeZone;
  const { claimed, tooSoon } = await deps.db.transaction().execute(async (trx) => {
    await lockChain(trx, deps.dialect, REMIND_LOCK_KEY);
    const last = await trx
      .selectFrom('judging_manual_reminders')
      .select(['juror_user_id', (eb) => eb.fn.max('sent_at').as('last')])
      .where('round_id', '=', roundId)
      .groupBy('juror_user_id')
      .execute();
    const lastOf = new Map(last.map((r) => [r.juror_user_id, r.last ? new Date(r.last).toISOString() : null]));
    const claimed: ((typeof due)[number] & { reminderId: number })[] = [];
    const tooSoon: JurorNotReminded[] = [];
    for (const c of due) {
      const next = nextJurorReminderAt(lastOf.get(c.juror.userId));
      if (next && Date.parse(next) > now.getTime()) {
        if (chosen)
          throw new AppError('judging.remindTooSoon', {
            juror: c.juror.fullName,
            at: formatDateTime(lastOf.get(c.juror.userId)!, timeZone),
            hours: JUROR_REMINDER_INTERVAL_HOURS,
            next: formatDateTime(next, timeZone),
          });
        tooSoon.push({ jurorUserId: c.juror.userId, fullName: c.juror.fullName, nextAt: next });
        continue;
      }
      const row = await trx
        .insertInto('judging_manual_reminders')
        .values({
          round_id: roundId,
          juror_user_id: c.juror.userId,
          sent_by: a.actorId,
          unfinished: c.assigned - c.done,
          sent_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, deps, actor, {
        action: 'judging.jurorRemindByHand',
        contestId: a.contest.id,
        target: `judging_round:${roundId}`,
        details: { name: round.name, jurorUserId: c.juror.userId, unfinished: c.assigned - c.done },
      });
      claimed.push({ ...c, reminderId: row.id });
    }
    return { claimed, tooSoon };
  });

  const windowEndsAt = new Date(round.window_ends_at).toISOString();
  const link = `${deps.config.publicUrl}/manage/${a.contest.slug}/judging/rounds/${roundId}`;
  const reminded: JurorReminded[] = [];
  for (const c of claimed) {
    const text = jurorReminder({
      contestName: a.contest.settings.name,
      roundName: round.name,
      windowEndsAt,
      timeZone,
      assigned: c.assigned,
      done: c.done,
      link,
    });
    const user = await deps.db
      .selectFrom('users')
      .select(['email', 'phone', 'locale'])
      .where('id', '=', c.juror.userId)
      .executeTakeFirst();
    try {
      await deps.db
        .insertInto('notifications')
        .values({
          user_id: c.juror.userId,
          kind: 'judging.reminder',
          entry_id: null,
          payload_json: JSON.stringify({ title: text.subject, body: text.body, roundId }),
          created_at: deps.clock().toISOString(),
        })
        .execute();
    } catch (err) {
      deps.logger.error({ err: { code: (err as { code?: string }).code ?? 'unknown' } }, 'juror reminder not stored');
    }
    const emailed = await mailJuror(deps, user, text);
    let texted = false;
    if (user?.phone) {
      try {
        await deps.sms.send({ to: user.phone, text: text.sms });
        texted = true;
      } catch (err) {
        deps.logger.warn({ code: (err as { code?: string }).code ?? 'unknown' }, 'juror reminder SMS not sent');
      }
    }
    await deps.db
      .updateTable('judging_manual_reminders')
      .set({ is_emailed: emailed, is_texted: texted })
      .where('id', '=', c.reminderId)
      .execute();
    reminded.push({ jurorUserId: c.juror.userId, fullName: c.juror.fullName, emailed, texted });
  }
  deps.logger.info({ roundId, sent: reminded.length, sms: deps.sms.kind }, 'jurors reminded');
  return { sent: reminded.length, reminded, tooSoon };
}
