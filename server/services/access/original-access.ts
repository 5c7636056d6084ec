import { AppError } from '@core/errors.ts';
import { can } from '@core/roles.ts';
import type { Actor, Deps } from '../../context.ts';
import { rolesInContest } from './authorize.ts';
import { entryAccess } from './entry-access.ts';

/**
 * Who may download an original: those who may read the entry, and the publisher once the entry is published (the
 * fanpage posts the file itself, R16).
 */
export async function originalAccess(
  deps: Deps,
  actor: Actor,
  entryId: number,
): Promise<{ accepted_upload_id: string | null }> {
  try {
    return (await entryAccess(deps, actor, entryId, 'read')).entry;
  } catch (err) {
    if (!(err instanceof AppError) || actor.userId === null) throw err;
    const row = await deps.db
      .selectFrom('entries')
      .innerJoin('publications', 'publications.entry_id', 'entries.id')
      .select(['entries.contest_id', 'entries.accepted_upload_id'])
      .where('entries.id', '=', entryId)
      .where('publications.unpublished_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw err;
    const roles = await rolesInContest(deps.db, actor.userId, row.contest_id);
    if (!can({ isSiteAdmin: actor.isSiteAdmin, roles }, 'entries.publish')) throw err;
    return row;
  }
}
