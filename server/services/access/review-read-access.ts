import { AppError } from '@core/errors.ts';
import { can, type Principal } from '@core/roles.ts';
import type { Actor, Deps } from '../../context.ts';
import type { EntryRow } from '../../db/schema.ts';
import { requireLogin, rolesInContest } from './authorize.ts';
import { representsUnit } from './unit-representative.ts';

export interface ReviewReader {
  entry: EntryRow;
  principal: Principal;
  /**
   * Sees every decision with names, notes and checklists; otherwise only the settled outcomes meant for the entrant.
   */
  isStaff: boolean;
}

/**
 * Who may read an entry's reviews: staff who see all entries, the entry's owner, and a representative of its unit.
 * Anyone else is told the entry does not exist.
 */
export async function reviewReadAccess(deps: Deps, actor: Actor, entryId: number): Promise<ReviewReader> {
  requireLogin(actor);
  const entry = await deps.db.selectFrom('entries').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!entry) throw new AppError('entry.notFound');
  const roles = await rolesInContest(deps.db, actor.userId, entry.contest_id);
  const principal = { isSiteAdmin: actor.isSiteAdmin, roles };
  const isStaff = can(principal, 'entries.viewAll');
  const isOwner = entry.owner_user_id !== null && entry.owner_user_id === actor.userId;
  const forUnit =
    entry.unit_id !== null &&
    roles.includes('unit_rep') &&
    (await representsUnit(deps.db, actor.userId, entry.contest_id, entry.unit_id));
  if (!isStaff && !isOwner && !forUnit) throw new AppError('entry.notFound');
  return { entry, principal, isStaff };
}
