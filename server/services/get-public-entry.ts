import { AppError } from '../../core/errors.ts';
import type { Deps } from './context.ts';
import { findPublishedEntry, publicMediaUrl, type PublishedEntry } from './gallery-cache.ts';
import { findContestRow } from './load-contest.ts';
import { subtitleTracks } from './list-entry-subtitles.ts';

export interface PublicEntryView {
  id: number;
  code: string | null;
  title: string;
  form: PublishedEntry['form'];
  topicIndex: number | null;
  synopsis: string;
  credits: { groupName: string | null; authors: string[]; unitName: string | null };
  caption: string;
  durationSec: number | null;
  posterUrl: string | null;
  masterUrl: string | null;
  subtitles: { lang: string; label: string; url: string }[];
  publishedAt: string;
  contest: { slug: string; name: string };
}

/** A published entry for anyone: what the gallery shows, the player's sources, the credits. Else "not found". */
export async function getPublicEntry(deps: Deps, entryId: number): Promise<PublicEntryView> {
  const e = await findPublishedEntry(deps, entryId);
  if (!e) throw new AppError('entry.notFound');
  const contest = await findContestRow(deps.db, { id: e.contestId });
  const tracks = await subtitleTracks(deps.db, entryId);
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
    masterUrl: e.renditionsDone ? publicMediaUrl(e.id, 'master.m3u8') : null,
    subtitles: tracks.map((t) => ({ lang: t.lang, label: t.label, url: `/api/public/entries/${e.id}/subtitles/${t.lang}.vtt` })),
    publishedAt: e.publishedAt,
    contest: { slug: contest.slug, name: contest.name },
  };
}
