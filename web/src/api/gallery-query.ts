/** The gallery's filters as the API takes them; apart from the API calls so that it is testable without a DOM. */
import type { EntryForm } from '@core/contest.ts';

export interface GalleryQuery {
  form?: EntryForm;
  unitId?: number;
  /** Counted from 0, as the API counts topics. */
  topicIndex?: number;
  q?: string;
}

/** The API's query string for one page of results. */
export function galleryApiQuery(query: GalleryQuery, page: number): string {
  const p = new URLSearchParams();
  if (query.form) p.set('form', query.form);
  if (query.unitId !== undefined) p.set('unitId', String(query.unitId));
  if (query.topicIndex !== undefined) p.set('topicIndex', String(query.topicIndex));
  if (query.q?.trim()) p.set('q', query.q.trim());
  if (page > 1) p.set('page', String(page));
  return p.toString();
}
