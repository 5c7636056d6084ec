import { AppError } from '@core/errors.ts';
import { filterGallery, type GalleryFilter } from '@core/gallery.ts';
import type { Deps } from '../../context.ts';
import { cachedAnswer, contestIdBySlug, gallerySnapshot, type GallerySnapshot } from './gallery-cache.ts';

/** A page of cards from the snapshot. The cached records carry more than a card needs: only the card is kept. */
export function galleryCardPage(snap: GallerySnapshot, filter: GalleryFilter) {
  const page = filterGallery(snap.items, snap.searchText, filter);
  return {
    ...page,
    items: page.items.map(
      ({
        id,
        code,
        title,
        form,
        topicIndex,
        unitId,
        unitName,
        credit,
        durationSec,
        posterUrl,
        posterSrcset,
        publishedAt,
      }) => ({
        id,
        code,
        title,
        form,
        topicIndex,
        unitId,
        unitName,
        credit,
        durationSec,
        posterUrl,
        posterSrcset,
        publishedAt,
      }),
    ),
  };
}

/**
 * A page of the public gallery of a contest (published entries only, names and unit only; no login needed), as
 * JSON made once per filter and snapshot: under load a page costs no query and no serialization.
 */
export async function galleryPageJson(deps: Deps, slug: string, filter: GalleryFilter): Promise<string> {
  const contestId = await contestIdBySlug(deps, slug);
  if (contestId === null) throw new AppError('contest.notFound');
  const snap = await gallerySnapshot(deps, contestId);
  const key = `g:${[
    filter.form ?? '',
    filter.unitId ?? '',
    filter.topicIndex ?? '',
    filter.q?.trim() ?? '',
    filter.page ?? 1,
    filter.pageSize ?? '',
  ].join('|')}`;
  return cachedAnswer(snap, key, () => galleryCardPage(snap, filter));
}
