import { can, CONTEST_ROLES, type Action, type ContestRole } from '@core/roles.ts';
import { AppError } from '@core/errors.ts';
import type { Tx } from '../../db/dialect.ts';
import { auditDenied } from '../audit/append-audit.ts';
import type { Actor, Deps } from '../../context.ts';

export async function rolesInContest(db: Tx, userId: number, contestId: number): Promise<ContestRole[]> {
  const rows = await db
    .selectFrom('contest_roles')
    .select('role')
    .where('user_id', '=', userId)
    .where('contest_id', '=', contestId)
    .execute();
  return rows.map((r) => r.role).filter((r): r is ContestRole => (CONTEST_ROLES as readonly string[]).includes(r));
}

export function requireLogin(actor: Actor): asserts actor is Actor & { userId: number } {
  if (actor.userId === null) throw new AppError('auth.required');
}

/**
 * The single gate for contest-scoped actions. A contest's own people refused a write action are audited, since such
 * an attempt is worth knowing about.
 */
export async function authorize(
  deps: Deps,
  actor: Actor,
  contestId: number,
  action: Action,
  opts: { auditDenied?: boolean } = {},
): Promise<ContestRole[]> {
  requireLogin(actor);
  const roles = await rolesInContest(deps.db, actor.userId, contestId);
  if (!can({ isSiteAdmin: actor.isSiteAdmin, roles }, action)) {
    // Only people with some role in the contest: anyone can register, and their refusals would flood the log.
    if ((opts.auditDenied ?? true) && roles.length > 0) await auditDenied(deps, actor, { action, contestId });
    throw new AppError('auth.forbidden');
  }
  return roles;
}

export function requireSiteAdmin(actor: Actor): void {
  requireLogin(actor);
  if (!actor.isSiteAdmin) throw new AppError('auth.forbidden');
}
