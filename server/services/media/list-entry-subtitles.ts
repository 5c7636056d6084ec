import type { SubtitleTrackView } from '@core/api.ts';
import { DEFAULT_SUBTITLE_LANG, SUBTITLE_LANGS } from '@core/subtitle-languages.ts';
import type { Tx } from '../../db/dialect.ts';
import type { SubtitlesTable } from '../../db/schema.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadContest } from '../contests/load-contest.ts';
import { subtitleReadAccess, subtitleWriteRefusal } from '../access/subtitle-access.ts';

function subtitleUrl(entryId: number, lang: string, updatedAt: string): string {
  // The version in the query lets browsers cache a track and still fetch a replaced one.
  return `/api/entries/${entryId}/subtitles/${lang}.vtt?v=${Date.parse(updatedAt)}`;
}

export function subtitleTrackView(row: SubtitlesTable): SubtitleTrackView {
  return {
    lang: row.lang,
    label: row.label,
    url: subtitleUrl(row.entry_id, row.lang, row.updated_at),
    isDefault: row.lang === DEFAULT_SUBTITLE_LANG,
    sizeBytes: row.size_bytes,
    cueCount: row.cue_count,
    sourceFormat: row.source_format,
    updatedAt: row.updated_at,
  };
}

const order = (lang: string) => {
  const i = (SUBTITLE_LANGS as readonly string[]).indexOf(lang);
  return i < 0 ? SUBTITLE_LANGS.length : i;
};

/** The entry's tracks, Vietnamese first. No access check: for callers that made their own. */
export async function subtitleTracks(db: Tx, entryId: number): Promise<SubtitleTrackView[]> {
  const rows = await db.selectFrom('subtitles').selectAll().where('entry_id', '=', entryId).execute();
  return rows.map(subtitleTrackView).sort((a, b) => order(a.lang) - order(b.lang));
}

/** An entry's subtitle tracks for those who may see its media, and whether the caller may change them now. */
export async function listEntrySubtitles(
  deps: Deps,
  actor: Actor,
  entryId: number,
): Promise<{ canEdit: boolean; tracks: SubtitleTrackView[] }> {
  const access = await subtitleReadAccess(deps, actor, entryId);
  const contest = await loadContest(deps.db, { id: access.entry.contest_id });
  const { refusal } = subtitleWriteRefusal(access, contest, deps.clock());
  return { canEdit: refusal === null, tracks: await subtitleTracks(deps.db, entryId) };
}
