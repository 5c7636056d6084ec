import { AppError } from '@core/errors.ts';
import { isSubtitleLang } from '@core/subtitle-languages.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor, Deps } from '../../context.ts';
import { recordEntryEvent } from '../entries/record-entry-event.ts';
import { holdOwnerDraft, subtitleWriteAccess } from '../access/subtitle-access.ts';

/**
 * Removes an entry's subtitle track in one language, by the same rules as adding one. The row goes first: a file
 * left behind if the storage fails is harmless (the next upload in that language overwrites it).
 */
export async function deleteEntrySubtitles(
  deps: Deps,
  actor: Actor,
  entryId: number,
  requestedLang: string,
): Promise<void> {
  const { contest, asStaff } = await subtitleWriteAccess(deps, actor, entryId, 'entry.subtitlesDelete');
  const lang = requestedLang.toLowerCase();
  if (!isSubtitleLang(lang)) throw new AppError('subtitles.notFound');
  const at = deps.clock().toISOString();
  const key = await deps.db.transaction().execute(async (trx) => {
    if (!asStaff) await holdOwnerDraft(trx, entryId, at);
    const row = await trx
      .deleteFrom('subtitles')
      .where('entry_id', '=', entryId)
      .where('lang', '=', lang)
      .returning('storage_key')
      .executeTakeFirst();
    if (!row) throw new AppError('subtitles.notFound');
    await recordEntryEvent(trx, entryId, at, actor.userId, 'subtitles.deleted', { lang });
    if (asStaff)
      await appendAudit(trx, deps, actor, {
        action: 'entry.subtitlesDelete',
        contestId: contest.id,
        target: `entry:${entryId}`,
        details: { lang },
      });
    return row.storage_key;
  });
  await deps.storage
    .delete(key)
    .catch((err: unknown) =>
      deps.logger.warn({ err, entryId, lang }, 'subtitle file left in storage after its track was deleted'),
    );
}
