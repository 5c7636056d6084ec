/**
 * Deletes an entry with everything stored for it: its rows (uploads, quota place, events, renditions, fingerprints
 * and flags follow by cascade) in one transaction, then its media (server/services/media/remove-entry-media.ts).
 *
 * An entrant (or intake staff, for an intake entry) deletes a draft; a submitted entry must be withdrawn first, so
 * that a deadline cannot be dodged by deleting. The organizer deletes any entry of the contest with a reason, audited
 * (a request to erase personal data, an entry sent by mistake).
 */
import { AppError } from '@core/errors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor, Deps } from '../../context.ts';
import { entryDeleteAccess } from '../access/entry-delete-access.ts';
import { removeEntryMedia, type RemovedMedia } from '../media/remove-entry-media.ts';
import { changedRows } from '../../db/dialect.ts';

export async function deleteEntry(
  deps: Deps,
  actor: Actor,
  entryId: number,
  opts: { reason?: string } = {},
): Promise<RemovedMedia> {
  const { entry, asOrganizer, audited } = await entryDeleteAccess(deps, actor, entryId);
  const contestId = entry.contest_id;
  const reason = opts.reason?.normalize('NFC').trim() ?? '';
  if (asOrganizer && reason.length < 5) throw new AppError('entry.deleteReasonRequired');

  const uploads = await deps.db.selectFrom('uploads').select('id').where('entry_id', '=', entryId).execute();
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .deleteFrom('entries')
      .where('id', '=', entryId)
      .where('status', '=', entry.status)
      .executeTakeFirst();
    if (changedRows(done) !== 1) throw new AppError(asOrganizer ? 'entry.notFound' : 'entry.notDeletable');
    if (audited) {
      await appendAudit(trx, deps, actor, {
        action: 'entry.delete',
        contestId,
        target: `entry:${entryId}`,
        details: { code: entry.code, status: entry.status, reason: reason || null },
      });
    }
  });
  const removed = await removeEntryMedia(
    deps,
    contestId,
    entryId,
    uploads.map((u) => u.id),
  );
  deps.logger.info({ entryId, contestId, ...removed }, 'entry deleted');
  return removed;
}
