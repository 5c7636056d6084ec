import type { SessionInfo } from '@core/account.ts';
import type { Deps } from '../../context.ts';
import { listMemberships } from './list-memberships.ts';
import { toUser } from './present-user.ts';

/** What the web app learns about its caller: the account, the contests where it holds a role, the CSRF token. */
export async function getSessionInfo(deps: Deps, userId: number | null, csrfToken: string): Promise<SessionInfo> {
  if (userId === null) return { user: null, memberships: [], csrfToken };
  const user = await deps.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  return { user: toUser(user), memberships: await listMemberships(deps, userId), csrfToken };
}
