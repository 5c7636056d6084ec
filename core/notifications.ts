import type { PublicationMessageFacts } from './publication-messages.ts';
import type { DecidedStatus } from './review-messages.ts';

/** What an in-app notification to an entrant is about (`notifications.kind`). */
export type NotificationKind =
  | `review.${DecidedStatus}`
  | 'review.deadlineExtended'
  | PublicationMessageFacts['event']
  /** A draft not sent 72 or 24 hours before the submission deadline (core/deadline-messages.ts). */
  | 'deadline.reminder'
  /** A juror with entries to score or a sheet to submit, 72 or 24 hours before the round closes. */
  | 'judging.reminder';
