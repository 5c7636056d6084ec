import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { galleryApiQuery, type GalleryQuery } from './gallery-query.ts';
import { api, enc } from './client.ts';
import type { GalleryPage, NewsPost, PublicEntry } from './types.ts';

/** What anyone may read without signing in: the gallery, a published entry, the contest's news. */

export function useGallery(slug: string, query: GalleryQuery) {
  return useInfiniteQuery({
    queryKey: ['gallery', slug, query],
    queryFn: ({ pageParam }) =>
      api<GalleryPage>(`/api/public/contests/${enc(slug)}/gallery?${galleryApiQuery(query, pageParam)}`),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    // Keep the cards on screen while a new filter loads, instead of flashing an empty page.
    placeholderData: (prev) => prev,
    enabled: slug !== '',
  });
}

export function usePublicEntry(entryId: number) {
  return useQuery({
    queryKey: ['public-entry', entryId],
    queryFn: () => api<PublicEntry>(`/api/public/entries/${enc(entryId)}`),
    enabled: entryId > 0,
    retry: false,
  });
}

export function useNews(slug: string) {
  return useQuery({
    queryKey: ['news', slug],
    queryFn: () => api<NewsPost[]>(`/api/public/contests/${enc(slug)}/news`),
    enabled: slug !== '',
  });
}

export const REPORT_KINDS = ['copied', 'rights', 'inappropriate', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export function useReportEntry(entryId: number) {
  return useMutation({
    mutationFn: (body: { kind: ReportKind; reason: string; contact?: string }) =>
      api<{ id: number }>(`/api/public/entries/${enc(entryId)}/reports`, { method: 'POST', json: body }),
  });
}
