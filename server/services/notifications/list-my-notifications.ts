import { requireLogin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { decodeNotificationPayload } from '../../db/json-columns.ts';

const LIMIT = 100;

/** The caller's in-app notifications, newest first, with how many are unread. */
export async function listMyNotifications(deps: Deps, actor: Actor) {
  requireLogin(actor);
  const [rows, unread] = await Promise.all([
    deps.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', actor.userId)
      .orderBy('id', 'desc')
      .limit(LIMIT)
      .execute(),
    deps.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', actor.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    unread: unread.n,
    items: rows.map((r) => {
      const { title, body, ...data } = decodeNotificationPayload(r.payload_json);
      return {
        id: r.id,
        kind: r.kind,
        entryId: r.entry_id,
        title,
        body,
        data,
        createdAt: r.created_at,
        readAt: r.read_at,
      };
    }),
  };
}
