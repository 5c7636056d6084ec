import type { EntryEventKind } from '@core/entry-events.ts';
import type { Tx } from '../../db/dialect.ts';

/** The entry's own history, shown to its owner ("what happened to my entry"). Never holds personal data. */
export async function recordEntryEvent(
  trx: Tx,
  entryId: number,
  at: string,
  actorUserId: number | null,
  kind: EntryEventKind,
  details: Record<string, unknown> = {},
): Promise<void> {
  await trx
    .insertInto('entry_events')
    .values({ entry_id: entryId, at, actor_user_id: actorUserId, kind, details_json: JSON.stringify(details) })
    .execute();
}
