import { rosterConflict } from '@core/eligibility.ts';
import type { EntryDraft } from '@core/entry.ts';
import { AppError } from '@core/errors.ts';
import { normalizeEmail, normalizePhone } from '@core/normalize.ts';
import { STAFF_ROLES } from '@core/roles.ts';
import type { Tx } from '../../db/dialect.ts';

/**
 * R4: members of the organizing committee, jury and secretariat may not enter. Checked against the roster (by
 * normalized phone and e-mail of the entering account and of every author) and against staff roles in the contest.
 */
export async function checkStaffExclusion(
  db: Tx,
  contestId: number,
  ownerUserId: number | null,
  draft: EntryDraft,
): Promise<void> {
  const contacts: { email?: string | null; phone?: string | null }[] = draft.authors.map((a) => ({
    email: a.email ? normalizeEmail(a.email) : null,
    phone: normalizePhone(a.phone),
  }));
  if (ownerUserId !== null) {
    const staffRole = await db
      .selectFrom('contest_roles')
      .select('role')
      .where('contest_id', '=', contestId)
      .where('user_id', '=', ownerUserId)
      .where('role', 'in', [...STAFF_ROLES])
      .executeTakeFirst();
    if (staffRole) throw new AppError('entry.staffExcluded');
    const owner = await db
      .selectFrom('users')
      .select(['email', 'phone'])
      .where('id', '=', ownerUserId)
      .executeTakeFirst();
    if (owner) contacts.push({ email: owner.email, phone: owner.phone });
  }
  const roster = await db
    .selectFrom('roster_members')
    .select(['email_norm as email', 'phone_norm as phone'])
    .where('contest_id', '=', contestId)
    .execute();
  if (rosterConflict(contacts, roster)) throw new AppError('entry.staffExcluded');
}
