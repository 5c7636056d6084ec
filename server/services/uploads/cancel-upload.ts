import type { Deps } from '../../context.ts';
import { recordEntryEvent } from '../entries/record-entry-event.ts';

/** The entrant cancelled an unfinished upload (tus DELETE): the entry no longer has an upload in progress. */
export async function cancelUpload(deps: Deps, uploadId: string): Promise<void> {
  const at = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('uploads')
      .set({ status: 'cancelled' })
      .where('id', '=', uploadId)
      .where('status', '=', 'uploading')
      .returning('entry_id')
      .executeTakeFirst();
    if (!row) return;
    await trx
      .updateTable('entries')
      .set({ active_upload_id: null, updated_at: at })
      .where('id', '=', row.entry_id)
      .where('active_upload_id', '=', uploadId)
      .execute();
    await recordEntryEvent(trx, row.entry_id, at, null, 'upload.cancelled');
  });
}
