import type { Deps } from '../../context.ts';
import { removeUploadFiles } from './upload-files.ts';

/**
 * Deletes uploads never finished (or replaced or cancelled) more than UPLOAD_EXPIRY_HOURS ago: their bytes on disk
 * and tus's record of them; the row stays as `expired` for the entry's history. Refused files go too once that long
 * has passed since their check (their verdict stays, so the entrant still reads why). Run periodically by the worker.
 */
export async function expireAbandonedUploads(deps: Deps): Promise<number> {
  const before = new Date(deps.clock().getTime() - deps.config.uploadExpiryHours * 3_600_000).toISOString();
  const old = await deps.db
    .selectFrom('uploads')
    .select('id')
    .where('status', 'in', ['uploading', 'replaced', 'cancelled'])
    .where('created_at', '<', before)
    .execute();
  for (const u of old) {
    await removeUploadFiles(deps, u.id);
    await deps.db
      .updateTable('uploads')
      .set({ status: 'expired' })
      .where('id', '=', u.id)
      .where('status', 'in', ['uploading', 'replaced', 'cancelled'])
      .execute();
  }
  const refused = await deps.db
    .selectFrom('uploads')
    .select('id')
    .where('status', '=', 'refused')
    .where('checked_at', '<', before)
    .execute();
  for (const u of refused) {
    await removeUploadFiles(deps, u.id);
  }
  return old.length;
}
