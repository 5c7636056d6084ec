import type { UserRow } from '../../db/schema.ts';
import { sha256Hex } from '../../security/tokens.ts';
import type { Deps } from '../../context.ts';

export interface ResolvedSession {
  user: UserRow;
  csrfToken: string;
  expiresAt: string;
}

const TOUCH_EVERY_MS = 60 * 60 * 1000;

/** The user behind a session cookie, or null. Sessions slide: use within their life extends them. */
export async function resolveSession(deps: Deps, token: string): Promise<ResolvedSession | null> {
  const id = sha256Hex(token);
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const now = deps.clock();
  if (Date.parse(row.expires_at) <= now.getTime()) {
    await deps.db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  let expiresAt = row.expires_at;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    expiresAt = new Date(now.getTime() + deps.config.sessionDays * 86400000).toISOString();
    await deps.db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  }
  const { csrf_token, expires_at: _e, last_seen_at: _l, ...user } = row;
  return { user: user as UserRow, csrfToken: csrf_token, expiresAt };
}
