import type { Deps } from './context.ts';
import { recordEntryEvent } from './record-entry-event.ts';

/** The last byte arrived: queue the file for its checks (the check runner picks up uploads in `checking`). */
export async function finishUpload(deps: Deps, uploadId: string): Promise<void> {
  const at = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('uploads').set({ status: 'checking', completed_at: at }).where('id', '=', uploadId).where('status', '=', 'uploading').returning('entry_id').executeTakeFirst();
    if (row) await recordEntryEvent(trx, Number(row.entry_id), at, null, 'upload.finished');
  });
}
