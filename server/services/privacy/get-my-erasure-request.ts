import { requireLogin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { presentErasureRequest, type ErasureRequestView } from './present-erasure-request.ts';

/** The caller's latest request to erase their data, or null. */
export async function getMyErasureRequest(deps: Deps, actor: Actor): Promise<ErasureRequestView | null> {
  requireLogin(actor);
  const row = await deps.db
    .selectFrom('erasure_requests')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? presentErasureRequest(row, deps.clock()) : null;
}
