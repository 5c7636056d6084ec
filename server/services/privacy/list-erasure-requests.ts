import { requireSiteAdmin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { presentErasureRequest, type ErasureRequestView } from './present-erasure-request.ts';

export interface QueuedErasureRequest extends ErasureRequestView {
  /** Who asked, for the staff to recognise them: the account's name and id (the address stays out of the list). */
  user: { id: number; fullName: string };
  entries: number;
}

/** The staff's queue: waiting requests first, the most urgent on top, then the last 100 handled. */
export async function listErasureRequests(deps: Deps, actor: Actor): Promise<QueuedErasureRequest[]> {
  requireSiteAdmin(actor);
  const base = deps.db
    .selectFrom('erasure_requests as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .selectAll('r')
    .select((eb) => [
      'u.full_name',
      eb
        .selectFrom('entries')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('entries.owner_user_id', '=', 'r.user_id')
        .as('entries'),
    ]);
  const pending = await base.where('r.status', '=', 'pending').orderBy('r.due_at').execute();
  const handled = await base.where('r.status', '!=', 'pending').orderBy('r.handled_at', 'desc').limit(100).execute();
  const now = deps.clock();
  return [...pending, ...handled].map((row) => ({
    ...presentErasureRequest(row, now),
    user: { id: row.user_id, fullName: row.full_name },
    entries: Number(row.entries ?? 0),
  }));
}
