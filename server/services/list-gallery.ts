import { filterGallery, type GalleryFilter, type GalleryPage } from '../../core/gallery.ts';
import type { Deps } from './context.ts';
import { gallerySnapshot } from './gallery-cache.ts';
import { findContestRow } from './load-contest.ts';

/** The public gallery of a contest: published entries only, names and unit only (no login needed). */
export async function listGallery(deps: Deps, slug: string, filter: GalleryFilter): Promise<GalleryPage> {
  const contest = await findContestRow(deps.db, { slug });
  const snap = await gallerySnapshot(deps, Number(contest.id));
  const page = filterGallery(snap.items, snap.searchText, filter);
  // The cached records carry more than a card needs (synopsis, caption, upload id): send only the card.
  return {
    ...page,
    items: page.items.map(({ id, code, title, form, topicIndex, unitId, unitName, credit, durationSec, posterUrl, publishedAt }) => ({ id, code, title, form, topicIndex, unitId, unitName, credit, durationSec, posterUrl, publishedAt })),
  };
}
