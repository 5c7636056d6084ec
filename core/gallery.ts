/**
 * The public gallery's list (R11): filtering, search without diacritics and paging over the published entries of a
 * contest, done in memory on a cached list (server/services/publication/gallery-cache.ts) so that a page costs no
 * query.
 */
import type { EntryForm } from './contest.ts';
import { foldVietnamese } from './normalize.ts';

export interface GalleryItem {
  id: number;
  code: string | null;
  title: string;
  form: EntryForm | null;
  topicIndex: number | null;
  unitId: number | null;
  unitName: string | null;
  /** Authors' names (or the group's), for the card and the search. */
  credit: string;
  durationSec: number | null;
  posterUrl: string | null;
  posterSrcset: string | null;
  publishedAt: string;
}

export interface GalleryFilter {
  form?: EntryForm;
  unitId?: number;
  topicIndex?: number;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface GalleryPage {
  items: GalleryItem[];
  total: number;
  page: number;
  pageSize: number;
  /** Counts over the whole gallery, for the filters. */
  facets: {
    forms: { form: EntryForm; count: number }[];
    units: { unitId: number; unitName: string; count: number }[];
    topics: { topicIndex: number; count: number }[];
  };
}

export const GALLERY_PAGE_SIZE = 24;

/** `searchText[i]` is item i's title, credit and unit, folded (foldVietnamese). */
export function filterGallery(
  items: readonly GalleryItem[],
  searchText: readonly string[],
  filter: GalleryFilter,
): GalleryPage {
  const pageSize = Math.min(Math.max(filter.pageSize ?? GALLERY_PAGE_SIZE, 1), 100);
  const page = Math.max(filter.page ?? 1, 1);
  const terms = filter.q ? foldVietnamese(filter.q).split(/\s+/).filter(Boolean) : [];
  const matched = items.filter(
    (it, i) =>
      (filter.form === undefined || it.form === filter.form) &&
      (filter.unitId === undefined || it.unitId === filter.unitId) &&
      (filter.topicIndex === undefined || it.topicIndex === filter.topicIndex) &&
      terms.every((t) => searchText[i]!.includes(t)),
  );
  const count = <K>(key: (it: GalleryItem) => K | null) => {
    const m = new Map<K, number>();
    for (const it of items) {
      const k = key(it);
      if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const unitNames = new Map(items.filter((i) => i.unitId !== null).map((i) => [i.unitId!, i.unitName ?? ''] as const));
  const collator = new Intl.Collator('vi');
  return {
    items: matched.slice((page - 1) * pageSize, page * pageSize),
    total: matched.length,
    page,
    pageSize,
    facets: {
      forms: [...count((i) => i.form)].map(([form, n]) => ({ form, count: n })),
      units: [...count((i) => i.unitId)]
        .map(([unitId, n]) => ({ unitId, unitName: unitNames.get(unitId) ?? '', count: n }))
        .sort((a, b) => collator.compare(a.unitName, b.unitName)),
      topics: [...count((i) => i.topicIndex)]
        .map(([topicIndex, n]) => ({ topicIndex, count: n }))
        .sort((a, b) => a.topicIndex - b.topicIndex),
    },
  };
}

/** The folded text the search looks in. */
export function gallerySearchText(it: Pick<GalleryItem, 'title' | 'credit' | 'unitName' | 'code'>): string {
  return foldVietnamese([it.title, it.credit, it.unitName ?? '', it.code ?? ''].join(' '));
}
