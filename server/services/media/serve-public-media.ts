/**
 * Media of published entries for anyone: the renditions (poster, playlists, segments) and subtitle tracks. The
 * original is never public. Unpublished entries are "not found", as if they never existed.
 */
import { AppError } from '@core/errors.ts';
import type { StoredObject } from '../../storage/storage.ts';
import type { Deps } from '../../context.ts';
import { findPublishedEntry } from '../publication/gallery-cache.ts';
import { openSubtitleFile } from './serve-entry-subtitles.ts';
import { openRenditionFile, type MediaResponse } from './serve-entry-media.ts';

export async function openPublicEntryMedia(
  deps: Deps,
  entryId: number,
  requested: readonly string[],
  rangeHeader?: string,
): Promise<MediaResponse> {
  const e = await findPublishedEntry(deps, entryId);
  if (!e) throw new AppError('media.notFound');
  return openRenditionFile(deps, e.acceptedUploadId, requested, rangeHeader, 'public');
}

export async function openPublicSubtitles(deps: Deps, entryId: number, lang: string): Promise<StoredObject> {
  if (!(await findPublishedEntry(deps, entryId))) throw new AppError('subtitles.notFound');
  return openSubtitleFile(deps, entryId, lang);
}
