import { AppError } from '@core/errors.ts';
import { cleanFileName } from '@core/file-name.ts';
import { draftEditRefusal } from '../access/edit-window.ts';
import type { Actor, Deps } from '../../context.ts';
import { entryAccess } from '../access/entry-access.ts';
import { loadContest } from '../contests/load-contest.ts';
import { recordEntryEvent } from '../entries/record-entry-event.ts';
import { changedRows } from '../../db/dialect.ts';

function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(2)} GiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

/** Checks that the caller may start uploading a file of this size to this draft entry, now. */
export async function checkUploadAllowed(deps: Deps, actor: Actor, entryId: number, sizeBytes: number): Promise<void> {
  const { entry } = await entryAccess(deps, actor, entryId, 'write');
  if (entry.status !== 'draft') throw new AppError('entry.locked');
  const contest = await loadContest(deps.db, { id: entry.contest_id });
  const refusal = draftEditRefusal(contest, entry, deps.clock());
  if (refusal) throw refusal;
  const max = contest.settings.entryRules.maxSizeBytes;
  if (sizeBytes > max) throw new AppError('upload.tooLarge', { size: formatBytes(sizeBytes), max: formatBytes(max) });
}

/**
 * Records a new upload as the entry's only active one: the entry's file is always its latest upload. Earlier uploads
 * of the entry (unfinished, checked or not) are marked replaced, and their ids returned so their files can be deleted.
 */
export async function registerUpload(
  deps: Deps,
  actor: Actor & { userId: number },
  input: { uploadId: string; entryId: number; sizeBytes: number; filename: string },
): Promise<{ replaced: string[] }> {
  await checkUploadAllowed(deps, actor, input.entryId, input.sizeBytes);
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    // Claim the entry first: a submission racing this upload either sees the new upload or makes this fail.
    const claimed = await trx
      .updateTable('entries')
      .set({ active_upload_id: input.uploadId, accepted_upload_id: null, updated_at: at })
      .where('id', '=', input.entryId)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (changedRows(claimed) !== 1) throw new AppError('entry.locked');
    const old = await trx
      .selectFrom('uploads')
      .select('id')
      .where('entry_id', '=', input.entryId)
      .where('status', 'in', ['uploading', 'checking', 'accepted', 'refused'])
      .execute();
    if (old.length)
      await trx
        .updateTable('uploads')
        .set({ status: 'replaced' })
        .where(
          'id',
          'in',
          old.map((o) => o.id),
        )
        .execute();
    await trx
      .insertInto('uploads')
      .values({
        id: input.uploadId,
        entry_id: input.entryId,
        user_id: actor.userId,
        size_bytes: input.sizeBytes,
        filename: cleanFileName(input.filename),
        status: 'uploading',
        created_at: at,
      })
      .execute();
    // The name as sent stays in the history for the record (JSON escapes what a text column could not hold).
    await recordEntryEvent(trx, input.entryId, at, actor.userId, 'upload.started', {
      sizeBytes: input.sizeBytes,
      sentFilename: input.filename.slice(0, 2000),
    });
    return { replaced: old.map((o) => o.id) };
  });
}
