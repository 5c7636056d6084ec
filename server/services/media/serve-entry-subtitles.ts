import { AppError } from '@core/errors.ts';
import type { StoredObject } from '../../storage/storage.ts';
import type { Actor, Deps } from '../../context.ts';
import { VTT_CONTENT_TYPE } from './save-entry-subtitles.ts';
import { subtitleReadAccess } from '../access/subtitle-access.ts';

/**
 * The cleaned WebVTT file of an entry's track, for those who may see the entry's media. Served through this route
 * on both storage engines (never a signed S3 URL): a <track> on another origin would need CORS on the bucket.
 */
export async function openEntrySubtitles(
  deps: Deps,
  actor: Actor,
  entryId: number,
  lang: string,
): Promise<StoredObject> {
  await subtitleReadAccess(deps, actor, entryId);
  return openSubtitleFile(deps, entryId, lang);
}

/** The stored WebVTT file of an entry's track in one language. No access check: for callers that made their own. */
export async function openSubtitleFile(deps: Deps, entryId: number, lang: string): Promise<StoredObject> {
  const row = await deps.db
    .selectFrom('subtitles')
    .select('storage_key')
    .where('entry_id', '=', entryId)
    .where('lang', '=', lang.toLowerCase())
    .executeTakeFirst();
  const obj = row ? await deps.storage.get(row.storage_key) : null;
  if (!obj) throw new AppError('subtitles.notFound');
  return { ...obj, contentType: VTT_CONTENT_TYPE };
}
