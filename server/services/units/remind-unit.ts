import { unitReminder } from '@core/deadline-messages.ts';
import { AppError } from '@core/errors.ts';
import { normalizePhone } from '@core/normalize.ts';
import { formatDateTime } from '@core/time.ts';
import { nextReminderAt, UNIT_REMINDER_INTERVAL_HOURS } from '@core/units.ts';
import { lockChain } from '../../db/dialect.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';

/** Serializes reminders on PostgreSQL, so that two clicks at once cannot both pass the rate limit. */
const REMIND_LOCK_KEY = 7_301_024;

/**
 * "Nhắc nhở": sends a unit's contact person, by e-mail and text message, the unit's count of submitted entries against
 * its minimum and the deadline. Only before the deadline, only for a unit below its minimum, at most once in
 * UNIT_REMINDER_INTERVAL_HOURS per unit; the reminder and its audit record are written before anything is sent.
 */
export async function remindUnit(deps: Deps, actor: Actor, slug: string, unitId: number) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'units.remind');
  const settings = settingsOf(contest);
  const unit = await deps.db
    .selectFrom('units')
    .innerJoin('unit_categories', 'unit_categories.id', 'units.category_id')
    .select([
      'units.id',
      'units.name',
      'units.contact_name',
      'units.contact_phone',
      'units.contact_email',
      'unit_categories.min_entries',
      'unit_categories.max_entries',
    ])
    .where('units.id', '=', unitId)
    .where('units.contest_id', '=', contest.id)
    .executeTakeFirst();
  if (!unit) throw new AppError('unit.notFound');
  const now = deps.clock();
  const phase = await deps.db
    .selectFrom('contest_phases')
    .select('ends_at')
    .where('contest_id', '=', contest.id)
    .where('kind', '=', 'submission')
    .executeTakeFirst();
  const endsAt = phase ? new Date(phase.ends_at).toISOString() : null;
  if (!endsAt || Date.parse(endsAt) <= now.getTime()) throw new AppError('unit.reminderClosed');
  const phone = unit.contact_phone ? normalizePhone(unit.contact_phone) : null;
  if (!unit.contact_email && !phone) throw new AppError('unit.contactMissing', { unit: unit.name });

  const { sentAt, submitted, reminderId } = await deps.db.transaction().execute(async (trx) => {
    await lockChain(trx, deps.dialect, REMIND_LOCK_KEY);
    const last = await trx
      .selectFrom('unit_reminders')
      .select((eb) => eb.fn.max('sent_at').as('last'))
      .where('unit_id', '=', unit.id)
      .executeTakeFirst();
    const lastAt = last?.last ? new Date(last.last).toISOString() : undefined;
    const next = nextReminderAt(lastAt);
    if (lastAt && next && Date.parse(next) > now.getTime()) {
      throw new AppError('unit.reminderTooSoon', {
        unit: unit.name,
        at: formatDateTime(lastAt, settings.timeZone),
        hours: UNIT_REMINDER_INTERVAL_HOURS,
        next: formatDateTime(next, settings.timeZone),
      });
    }
    const count = await trx
      .selectFrom('entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('contest_id', '=', contest.id)
      .where('unit_id', '=', unit.id)
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow();
    const n = Number(count.n);
    if (n >= unit.min_entries)
      throw new AppError('unit.reminderNotNeeded', { unit: unit.name, submitted: n, min: unit.min_entries });
    const at = now.toISOString();
    const row = await trx
      .insertInto('unit_reminders')
      .values({
        unit_id: unit.id,
        contest_id: contest.id,
        sent_by: actor.userId,
        submitted: n,
        min_entries: unit.min_entries,
        sent_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, deps, actor, {
      action: 'unit.remind',
      contestId: contest.id,
      target: `unit:${unit.id}`,
      details: { unit: unit.name, submitted: n, minEntries: unit.min_entries, deadline: endsAt },
    });
    return { sentAt: at, submitted: n, reminderId: row.id };
  });

  const text = unitReminder({
    contestName: settings.name,
    unitName: unit.name,
    contactName: unit.contact_name ?? '',
    submitted,
    minEntries: unit.min_entries,
    maxEntries: unit.max_entries,
    endsAt,
    timeZone: settings.timeZone,
    link: `${deps.config.publicUrl}/c/${contest.slug}`,
  });
  let emailed = false;
  let texted = false;
  if (unit.contact_email) {
    try {
      // The contact's language is not known: Vietnamese first, then English.
      const body = `${text.body.vi}\n\n———\n\n${text.body.en}`;
      await deps.mailer.send({ to: unit.contact_email, subject: text.subject.vi, text: body });
      emailed = true;
    } catch (err) {
      deps.logger.warn({ code: (err as { code?: string }).code ?? 'unknown', unitId }, 'unit reminder e-mail not sent');
    }
  }
  if (phone) {
    try {
      await deps.sms.send({ to: phone, text: text.sms });
      texted = true;
    } catch (err) {
      deps.logger.warn({ code: (err as { code?: string }).code ?? 'unknown', unitId }, 'unit reminder SMS not sent');
    }
  }
  await deps.db
    .updateTable('unit_reminders')
    .set({ is_emailed: emailed, is_texted: texted })
    .where('id', '=', reminderId)
    .execute();
  deps.logger.info({ unitId, emailed, texted, sms: deps.sms.kind }, 'unit reminded');
  return { emailed, texted, sentAt, nextReminderAt: nextReminderAt(sentAt)! };
}
