/** Publication (publisher), reports about published entries (committee) and the contest's news (organizer). */
import { api, enc } from './client.ts';
import type { NewsPost, PublicationRow, PublishResult, ReportRow } from './types.ts';

export type ReportStatus = ReportRow['status'];

export const publicationKey = (slug: string) => ['publication', slug] as const;
export const reportsKey = (slug: string) => ['reports', slug] as const;
export const newsKey = (slug: string) => ['news', slug] as const;

export const listPublication = (slug: string) => api<PublicationRow[]>(`/api/contests/${enc(slug)}/publication`);

/** `entryIds: null` publishes every approved entry not yet public; `caption` is only for a single entry. */
export const publishEntries = (slug: string, body: { entryIds: number[] | null; caption?: string }) =>
  api<PublishResult>(`/api/contests/${enc(slug)}/publication/publish`, { method: 'POST', json: body });

export const unpublishEntry = (slug: string, entryId: number, reason: string) =>
  api<{ ok: true }>(`/api/contests/${enc(slug)}/publication/${enc(entryId)}/unpublish`, {
    method: 'POST',
    json: { reason },
  });

export const captionsCsvUrl = (slug: string) => `/api/contests/${enc(slug)}/publication/captions.csv`;
export const originalUrl = (entryId: number) => `/api/entries/${enc(entryId)}/original`;

export const listReports = (slug: string, status?: ReportStatus) =>
  api<ReportRow[]>(`/api/contests/${enc(slug)}/reports${status ? `?status=${enc(status)}` : ''}`);

export interface ResolveBody {
  status: 'dismissed' | 'upheld';
  outcome: string;
  unpublish?: boolean;
}
export const resolveReport = (reportId: number, body: ResolveBody) =>
  api<{ ok: true }>(`/api/reports/${enc(reportId)}/resolve`, { method: 'POST', json: body });

/**
 * The public list, which browsers may keep for a few seconds (`max-age=10`); staff must see their own edit at once,
 * so each read asks with a fresh address.
 */
export const listNews = (slug: string) => api<NewsPost[]>(`/api/public/contests/${enc(slug)}/news?t=${Date.now()}`);

export interface NewsBody {
  title: string;
  body: string;
}
export const saveNews = (slug: string, body: NewsBody, postId?: number) =>
  api<{ id: number }>(postId ? `/api/contests/${enc(slug)}/news/${enc(postId)}` : `/api/contests/${enc(slug)}/news`, {
    method: postId ? 'PUT' : 'POST',
    json: body,
  });
export const deleteNews = (slug: string, postId: number) =>
  api<{ ok: true }>(`/api/contests/${enc(slug)}/news/${enc(postId)}`, { method: 'DELETE' });
