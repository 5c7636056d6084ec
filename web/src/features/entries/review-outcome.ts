/**
 * What the entrant is told about the review of their entry. Pure, and free of zod: the rule of core/review.ts
 * `fixWindowOpen` is repeated here because that module builds schemas at load time (docs/decisions/0006).
 */
import type { EntryView } from '../../api/types.ts';

type EntryReview = NonNullable<EntryView['review']>;

/** A returned entry may be fixed and sent again until its fix deadline. */
export function fixWindowOpen(review: EntryReview | null, now: Date): boolean {
  return review?.status === 'returned' && !!review.fixDeadline && now.getTime() < Date.parse(review.fixDeadline);
}

type OutcomeNotice =
  | { key: 'pending'; kind: 'info' }
  | { key: 'approved'; kind: 'success'; reason: string | null }
  | { key: 'rejected'; kind: 'error'; reason: string | null }
  | { key: 'returned' | 'returnedLate'; kind: 'error'; reason: string | null; deadline: string | null };

/** The notice at the top of the entry page, or null before the entry was first sent. */
export function outcomeNotice(review: EntryReview | null, now: Date): OutcomeNotice | null {
  if (!review) return null;
  switch (review.status) {
    case 'approved':
      return { key: 'approved', kind: 'success', reason: review.reason };
    case 'rejected':
      return { key: 'rejected', kind: 'error', reason: review.reason };
    case 'returned':
      return {
        key: fixWindowOpen(review, now) ? 'returned' : 'returnedLate',
        kind: 'error',
        reason: review.reason,
        deadline: review.fixDeadline,
      };
    default:
      // A dispute among reviewers is internal: the entrant waits, as for any pending review.
      return { key: 'pending', kind: 'info' };
  }
}
