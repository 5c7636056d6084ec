import { can } from '@core/roles.ts';
import { type EntryDraft } from '@core/entry.ts';
import { AppError } from '@core/errors.ts';
import type { EntryRow } from '../../db/schema.ts';
import { requireLogin, rolesInContest } from './authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { decodeDraft } from '../../db/json-columns.ts';

export interface EntryAccess {
  entry: EntryRow;
  draft: EntryDraft;
  isOwner: boolean;
  isStaff: boolean;
  canIntake: boolean;
  /** May change it: its owner, or intake staff for an entry registered through intake. */
  mayWrite: boolean;
}

/**
 * Loads an entry for a caller who may see it: its owner, or contest staff who see all entries. `write` further
 * requires the owner, or intake staff for an entry registered through intake. Others get "not found", so that entry
 * ids reveal nothing.
 */
export async function entryAccess(
  deps: Deps,
  actor: Actor,
  entryId: number,
  mode: 'read' | 'write',
): Promise<EntryAccess> {
  requireLogin(actor);
  const entry = await deps.db.selectFrom('entries').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!entry) throw new AppError('entry.notFound');
  const roles = await rolesInContest(deps.db, actor.userId, entry.contest_id);
  const principal = { isSiteAdmin: actor.isSiteAdmin, roles };
  const isOwner = entry.owner_user_id !== null && entry.owner_user_id === actor.userId;
  const isStaff = can(principal, 'entries.viewAll');
  const canIntake = can(principal, 'entries.intake');
  const mayWrite = isOwner || (entry.is_intake && canIntake);
  const allowed = mode === 'read' ? isOwner || isStaff : mayWrite;
  if (!allowed) {
    if (isStaff) throw new AppError('auth.forbidden');
    throw new AppError('entry.notFound');
  }
  return { entry, draft: decodeDraft(entry.draft_json), isOwner, isStaff, canIntake, mayWrite };
}
