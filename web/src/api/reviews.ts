import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { JudgedItem, ReviewDecision } from '@core/review.ts';
import { api, enc } from './client.ts';
import { entryKey } from './entries.ts';
import { reviewQueueQuery, type ReviewQueueFilters } from './review-queue-query.ts';
import type { EntryReviews, ReviewQueue, ReviewRecorded } from './types.ts';

export type { ReviewQueueFilters };

export const reviewQueueKey = (slug: string) => ['review-queue', slug] as const;
const entryReviewsKey = (id: number) => ['entry-reviews', id] as const;

export const listReviewQueue = (slug: string, f: ReviewQueueFilters) =>
  api<ReviewQueue>(`/api/contests/${enc(slug)}/review-queue${reviewQueueQuery(f)}`);

/** The reviews of an entry: the outcome of each round for its entrant, every decision for staff. */
export function useEntryReviews(id: number, enabled = true) {
  return useQuery({
    queryKey: entryReviewsKey(id),
    queryFn: () => api<EntryReviews>(`/api/entries/${enc(id)}/reviews`),
    enabled: enabled && id > 0,
  });
}

/** The body of POST /api/entries/:id/reviews (core/review.ts `reviewInputSchema`). */
export interface ReviewBody {
  decision: ReviewDecision;
  reason: string;
  note: string;
  checklist: Partial<Record<JudgedItem, { ok: boolean; note: string }>>;
  fixDeadline?: string | null;
}

export const extendFixDeadline = (entryId: number, fixDeadline: string) =>
  api<{ entryId: number; fixDeadline: string }>(`/api/entries/${enc(entryId)}/fix-deadline`, {
    method: 'POST',
    json: { fixDeadline },
  });
export const recordReview = (entryId: number, body: ReviewBody) =>
  api<ReviewRecorded>(`/api/entries/${enc(entryId)}/reviews`, { method: 'POST', json: body });

/** After a review action: the entry's reviews, the entry itself and the contest's queue all change. */
export function refreshAfterReview(qc: QueryClient, entryId: number, slug: string): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: entryReviewsKey(entryId) }),
    qc.invalidateQueries({ queryKey: entryKey(entryId) }),
    qc.invalidateQueries({ queryKey: reviewQueueKey(slug) }),
  ]);
}
