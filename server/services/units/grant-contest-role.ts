import { AppError } from '@core/errors.ts';
import { normalizeEmail, normalizePhone } from '@core/normalize.ts';
import { roleNeedsUnit, type ContestRole } from '@core/roles.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

/** Gives a registered person a role in the contest, found by e-mail or phone. Granting twice is harmless. */
export async function grantContestRole(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: { identifier: string; role: ContestRole; unitId?: number },
): Promise<{ id: number }> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = contest.id;
  await authorize(deps, actor, contestId, 'roles.edit');
  const phone = normalizePhone(input.identifier);
  const q = deps.db.selectFrom('users').select(['id']);
  const user = await (
    input.identifier.includes('@')
      ? q.where('email', '=', normalizeEmail(input.identifier))
      : phone
        ? q.where('phone', '=', phone)
        : q.where('id', '=', -1)
  ).executeTakeFirst();
  if (!user) throw new AppError('role.userNotFound');
  const needsUnit = roleNeedsUnit(input.role);
  if (needsUnit && input.unitId === undefined) throw new AppError('role.unitRequired');
  if (needsUnit) {
    const unit = await deps.db
      .selectFrom('units')
      .select('id')
      .where('id', '=', input.unitId!)
      .where('contest_id', '=', contestId)
      .executeTakeFirst();
    if (!unit) throw new AppError('unit.notFound');
  }
  const unitId = needsUnit ? input.unitId! : null;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('contest_roles')
        .values({
          contest_id: contestId,
          user_id: user.id,
          role: input.role,
          unit_id: unitId,
          granted_by: actor.userId,
          created_at: deps.clock().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, deps, actor, {
        action: 'role.grant',
        contestId,
        target: `user:${user.id}`,
        details: { role: input.role, unitId },
      });
      return { id: row.id };
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const existing = await deps.db
      .selectFrom('contest_roles')
      .leftJoin('units', 'units.id', 'contest_roles.unit_id')
      .select(['contest_roles.id', 'contest_roles.unit_id', 'units.name as unitName'])
      .where('contest_roles.contest_id', '=', contestId)
      .where('contest_roles.user_id', '=', user.id)
      .where('contest_roles.role', '=', input.role)
      .executeTakeFirstOrThrow();
    // Granting the same role twice is harmless; silently keeping another unit would not be.
    if (existing.unit_id !== null && existing.unit_id !== unitId)
      throw new AppError('role.otherUnit', { unit: existing.unitName ?? '' });
    return { id: existing.id };
  }
}
