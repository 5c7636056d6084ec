import { AppError } from '@core/errors.ts';
import { can, type Principal } from '@core/roles.ts';
import { auditDenied } from '../audit/append-audit.ts';
import { rolesInContest } from './authorize.ts';
import type { Actor, Deps } from '../../context.ts';

/**
 * The caller may act on an entry's review (`entries.review`), or is refused the way every review action refuses:
 * the attempt of contest staff is audited under `action`; those who may see the entry learn they may not act on it,
 * and to anyone else it does not exist.
 */
export async function authorizeReviewer(
  deps: Deps,
  actor: Actor & { userId: number },
  entry: { id: number; contestId: number; ownerUserId: number | null },
  action: string,
): Promise<Principal> {
  const roles = await rolesInContest(deps.db, actor.userId, entry.contestId);
  const principal = { isSiteAdmin: actor.isSiteAdmin, roles };
  if (can(principal, 'entries.review')) return principal;
  if (roles.length > 0)
    await auditDenied(deps, actor, { action, contestId: entry.contestId, target: `entry:${entry.id}` });
  const seesEntry = can(principal, 'entries.viewAll') || entry.ownerUserId === actor.userId;
  throw new AppError(seesEntry ? 'auth.forbidden' : 'entry.notFound');
}
