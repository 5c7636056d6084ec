import type { PublicEntryView } from '@core/api.ts';
import { AppError } from '@core/errors.ts';
import type { Deps } from '../../context.ts';
import { cachedAnswer, publicMediaUrl, snapshotOfEntry, type PublishedEntry } from './gallery-cache.ts';

export type { PublicEntryView };

function view(e: PublishedEntry): PublicEntryView {
  return {
    id: e.id,
    code: e.code,
    title: e.title,
    form: e.form,
    topicIndex: e.topicIndex,
    synopsis: e.synopsis,
    credits: { groupName: e.groupName, authors: e.authors, unitName: e.unitName },
    caption: e.caption,
    durationSec: e.durationSec,
    posterUrl: e.posterUrl,
    posterSrcset: e.posterSrcset,
    masterUrl: e.renditionsDone ? publicMediaUrl(e.id, 'master.m3u8') : null,
    subtitles: e.subtitles.map((t) => ({
      lang: t.lang,
      label: t.label,
      url: `/api/public/entries/${e.id}/subtitles/${t.lang}.vtt`,
    })),
    publishedAt: e.publishedAt,
    contest: { slug: e.contestSlug, name: e.contestName },
  };
}

/** A published entry for anyone: what the gallery shows, the player's sources, the credits. Else "not found". */
export async function getPublicEntry(deps: Deps, entryId: number): Promise<PublicEntryView> {
  const snap = await snapshotOfEntry(deps, entryId);
  const e = snap?.byId.get(entryId);
  if (!e) throw new AppError('entry.notFound');
  return view(e);
}

/** The same, serialized once per snapshot. */
export async function publicEntryJson(deps: Deps, entryId: number): Promise<string> {
  const snap = await snapshotOfEntry(deps, entryId);
  const e = snap?.byId.get(entryId);
  if (!snap || !e) throw new AppError('entry.notFound');
  return cachedAnswer(snap, `e:${entryId}`, () => view(e));
}
