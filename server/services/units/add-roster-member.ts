import { AppError } from '@core/errors.ts';
import { nfc, normalizeEmail, normalizePhone } from '@core/normalize.ts';
import type { RosterMemberInput } from '@core/roster.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

/**
 * Adds a member of the organizing committee, jury or secretariat; their e-mail and phone bar them from entering (R4).
 */
export async function addRosterMember(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: RosterMemberInput,
): Promise<{ id: number }> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = contest.id;
  await authorize(deps, actor, contestId, 'roster.edit');
  const email = input.email ? normalizeEmail(input.email) : null;
  let phone: string | null = null;
  if (input.phone) {
    phone = normalizePhone(input.phone);
    if (!phone) throw new AppError('account.phoneInvalid');
  }
  if (!email && !phone) throw new AppError('roster.contactRequired');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('roster_members')
      .values({
        contest_id: contestId,
        body: input.body,
        full_name: nfc(input.fullName),
        position: input.position ? nfc(input.position) : null,
        role_in_body: input.roleInBody ?? 'member',
        email_norm: email,
        phone_norm: phone,
        created_at: deps.clock().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = row.id;
    await appendAudit(trx, deps, actor, {
      action: 'roster.add',
      contestId,
      target: `roster:${id}`,
      details: {
        body: input.body,
        fullName: nfc(input.fullName),
        ...(input.roleInBody ? { roleInBody: input.roleInBody } : {}),
      },
    });
    return { id };
  });
}
