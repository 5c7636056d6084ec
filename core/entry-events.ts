import type { DecidedStatus } from './review-messages.ts';

/** What an entry's own history records (`entry_events.kind`), shown to its owner. */
export type EntryEventKind =
  | 'created'
  | 'intake.created'
  | 'upload.started'
  | 'upload.finished'
  | 'upload.cancelled'
  | 'file.accepted'
  | 'file.refused'
  | 'submitted'
  | 'withdrawn'
  | `review.${DecidedStatus}`
  | 'review.deadlineExtended'
  | 'subtitles.saved'
  | 'subtitles.deleted';
