import { AppError } from '@core/errors.ts';
import { can } from '@core/roles.ts';
import type { Actor, Deps } from '../../context.ts';
import type { EntryRow } from '../../db/schema.ts';
import { requireLogin, rolesInContest } from './authorize.ts';
import { entryAccess } from './entry-access.ts';

export type EntryToDelete = Pick<EntryRow, 'id' | 'contest_id' | 'status' | 'code'>;

/**
 * Who may delete an entry. The organizer (`entries.delete`) any entry of the contest, with a reason, audited. Else
 * whoever may write it (its owner, intake staff for an entry registered through intake), and only a draft: a
 * submitted entry must be withdrawn first, so that a deadline cannot be dodged by deleting. Intake staff's deletions
 * are audited; an entrant's own are not. Anyone else learns nothing about the entry.
 */
export async function entryDeleteAccess(
  deps: Deps,
  actor: Actor,
  entryId: number,
): Promise<{ entry: EntryToDelete; asOrganizer: boolean; audited: boolean }> {
  requireLogin(actor);
  const entry = await deps.db
    .selectFrom('entries')
    .select(['id', 'contest_id', 'status', 'code'])
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!entry) throw new AppError('entry.notFound');
  const roles = await rolesInContest(deps.db, actor.userId, entry.contest_id);
  if (can({ isSiteAdmin: actor.isSiteAdmin, roles }, 'entries.delete'))
    return { entry, asOrganizer: true, audited: true };
  const access = await entryAccess(deps, actor, entryId, 'write');
  if (entry.status !== 'draft') throw new AppError('entry.notDeletable');
  return { entry, asOrganizer: false, audited: !access.isOwner };
}
