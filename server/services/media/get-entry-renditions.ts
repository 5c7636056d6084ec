/** The renditions of an entry's accepted file, as its owner and contest staff follow them being made. */
import type { RenditionStatusView } from '@core/api.ts';
import type { Actor, Deps } from '../../context.ts';
import { entryAccess } from '../access/entry-access.ts';
import { subtitleTracks } from './list-entry-subtitles.ts';
import { decodeVariants } from '../../db/json-columns.ts';
import { POSTER_FILE } from '../../media/renditions.ts';

export interface RenditionStatus {
  uploadId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  percent: number;
  /** Why the last run failed (ffmpeg's words, no server paths); null unless failed. */
  error: string | null;
  variants: { name: string; width: number; height: number }[];
  updatedAt: string;
}

/**
 * The renditions of an entry's accepted file, for its owner and for contest staff (others get "not found"). Null
 * when the entry has no accepted file or its renditions were never asked for.
 */
export async function getRenditionStatus(deps: Deps, actor: Actor, entryId: number): Promise<RenditionStatus | null> {
  const { entry } = await entryAccess(deps, actor, entryId, 'read');
  if (!entry.accepted_upload_id) return null;
  const row = await deps.db
    .selectFrom('renditions')
    .selectAll()
    .where('upload_id', '=', entry.accepted_upload_id)
    .executeTakeFirst();
  if (!row) return null;
  const variants = decodeVariants(row.variants_json).map(({ name, width, height }) => ({ name, width, height }));
  return {
    uploadId: row.upload_id,
    status: row.status,
    percent: row.percent,
    error: row.error,
    variants,
    updatedAt: String(row.updated_at),
  };
}

function mediaUrl(entryId: number, file: string): string {
  return `/api/entries/${entryId}/media/${file}`;
}

export async function getEntryRenditions(deps: Deps, actor: Actor, entryId: number): Promise<RenditionStatusView> {
  const s = await getRenditionStatus(deps, actor, entryId);
  // The caller may see the entry's media (getRenditionStatus checked), so its subtitle tracks too.
  const subtitles = await subtitleTracks(deps.db, entryId);
  if (!s) return { status: 'none', percent: 0, error: null, variants: [], subtitles };
  const view: RenditionStatusView = {
    status: s.status,
    percent: s.percent,
    error: s.error,
    variants: s.variants,
    subtitles,
  };
  if (s.status === 'done') {
    view.masterUrl = mediaUrl(entryId, 'master.m3u8');
    view.posterUrl = mediaUrl(entryId, POSTER_FILE);
  }
  return view;
}
