import { nextReminderAt } from '@core/units.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

const collator = new Intl.Collator('vi');

/** Per unit: submitted entries against its category's quota (R2), and the units still below their minimum. */
export async function getCompliance(deps: Deps, actor: Actor, slug: string) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'entries.viewAll', { auditDenied: false });
  const units = await deps.db
    .selectFrom('units')
    .innerJoin('unit_categories', 'unit_categories.id', 'units.category_id')
    .select([
      'units.id',
      'units.name',
      'unit_categories.code as categoryCode',
      'unit_categories.name as categoryName',
      'unit_categories.min_entries',
      'unit_categories.max_entries',
      'units.contact_name',
      'units.contact_position',
      'units.contact_phone',
      'units.contact_email',
    ])
    .where('units.contest_id', '=', contest.id)
    .execute();
  const reminded = await deps.db
    .selectFrom('unit_reminders')
    .select(['unit_id', (eb) => eb.fn.max('sent_at').as('last')])
    .where('contest_id', '=', contest.id)
    .groupBy('unit_id')
    .execute();
  const lastReminder = new Map(reminded.map((r) => [r.unit_id, new Date(r.last).toISOString()]));
  const submission = await deps.db
    .selectFrom('contest_phases')
    .select('ends_at')
    .where('contest_id', '=', contest.id)
    .where('kind', '=', 'submission')
    .executeTakeFirst();
  const counts = await deps.db
    .selectFrom('entries')
    .select(['unit_id', 'status', 'review_status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('contest_id', '=', contest.id)
    .where('unit_id', 'is not', null)
    .groupBy(['unit_id', 'status', 'review_status'])
    .execute();
  const refused = await deps.db
    .selectFrom('entries')
    .innerJoin('uploads', 'uploads.id', 'entries.active_upload_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entries.contest_id', '=', contest.id)
    .where('uploads.status', '=', 'refused')
    .executeTakeFirstOrThrow();
  // A returned entry is a draft again while its unit fixes it; it is counted on its own, not among the drafts.
  const count = (unitId: number, which: (c: (typeof counts)[number]) => boolean) =>
    counts.filter((c) => c.unit_id === unitId && which(c)).reduce((sum, c) => sum + c.n, 0);
  const rows = units
    .map((u) => {
      const id = u.id;
      const submitted = count(id, (c) => c.status === 'submitted');
      const drafts = count(id, (c) => c.status === 'draft' && c.review_status !== 'returned');
      const returned = count(id, (c) => c.status === 'draft' && c.review_status === 'returned');
      return {
        unitId: id,
        unitName: u.name,
        categoryCode: u.categoryCode,
        categoryName: u.categoryName,
        minEntries: u.min_entries,
        maxEntries: u.max_entries,
        submitted,
        drafts,
        returned,
        belowMinimum: submitted < u.min_entries,
        contact: { name: u.contact_name, position: u.contact_position, phone: u.contact_phone, email: u.contact_email },
        lastRemindedAt: lastReminder.get(id) ?? null,
        nextReminderAt: nextReminderAt(lastReminder.get(id)),
      };
    })
    .sort((a, b) => a.categoryCode.localeCompare(b.categoryCode) || collator.compare(a.unitName, b.unitName));
  return {
    units: rows,
    belowMinimum: rows.filter((r) => r.belowMinimum).map((r) => r.unitName),
    refusedFiles: refused.n,
    submissionEndsAt: submission ? new Date(submission.ends_at).toISOString() : null,
    timeZone: contest.time_zone,
  };
}
