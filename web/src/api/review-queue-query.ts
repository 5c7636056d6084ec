/** The review queue's filters as a query string; apart from the API calls so that it is testable without a DOM. */
import type { ReviewStatus } from '@core/review.ts';

export interface ReviewQueueFilters {
  q?: string;
  reviewStatus?: ReviewStatus;
  unitId?: number;
  form?: string;
}

/** The query string of the review queue: empty filters are left out. */
export function reviewQueueQuery(f: ReviewQueueFilters): string {
  const p = new URLSearchParams();
  if (f.q?.trim()) p.set('q', f.q.trim());
  if (f.reviewStatus) p.set('reviewStatus', f.reviewStatus);
  if (f.unitId) p.set('unitId', String(f.unitId));
  if (f.form) p.set('form', f.form);
  const s = p.toString();
  return s ? `?${s}` : '';
}
