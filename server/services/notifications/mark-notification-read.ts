import { AppError } from '@core/errors.ts';
import { requireLogin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';

/** Marks one of the caller's notifications read; someone else's is "not found". Reading twice keeps the first time. */
export async function markNotificationRead(deps: Deps, actor: Actor, id: number): Promise<void> {
  requireLogin(actor);
  const row = await deps.db
    .selectFrom('notifications')
    .select(['id', 'read_at'])
    .where('id', '=', id)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  if (!row) throw new AppError('notification.notFound');
  if (row.read_at === null)
    await deps.db
      .updateTable('notifications')
      .set({ read_at: deps.clock().toISOString() })
      .where('id', '=', id)
      .where('read_at', 'is', null)
      .execute();
}
