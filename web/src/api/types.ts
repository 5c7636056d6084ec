/** The API's shapes, taken from the shared contracts in core/ as types only (no runtime code reaches the bundle). */
import type { z } from 'zod';
import type {
  auditRecordViewSchema,
  complianceSchema,
  contestEntryRowSchema,
  contestRoleViewSchema,
  contestSummarySchema,
  contestViewSchema,
  entryReviewsSchema,
  entryViewSchema,
  galleryPageSchema,
  importResultSchema,
  myEntrySchema,
  newsPostSchema,
  notificationListSchema,
  publicEntrySchema,
  publicationRowSchema,
  publishResultSchema,
  receiptSchema,
  renditionStatusSchema,
  reportRowSchema,
  reviewQueueSchema,
  reviewRecordedSchema,
  rosterMemberViewSchema,
  subtitleListSchema,
  subtitleSavedSchema,
  subtitleTrackSchema,
  unitReminderResultSchema,
  unitViewSchema,
} from '@core/api.ts';
import type { sessionInfoSchema, userSchema, membershipSchema } from '@core/account.ts';
import type { ContestCreate } from '@core/contest.ts';
import type { EntryDraft } from '@core/entry.ts';

export type ContestView = z.infer<typeof contestViewSchema>;
export type ContestSummary = z.infer<typeof contestSummarySchema>;
export type UnitView = z.infer<typeof unitViewSchema>;
export type UnitReminderResult = z.infer<typeof unitReminderResultSchema>;
export type RosterMemberView = z.infer<typeof rosterMemberViewSchema>;
export type ContestRoleView = z.infer<typeof contestRoleViewSchema>;
export type AuditRecordView = z.infer<typeof auditRecordViewSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export type User = z.infer<typeof userSchema>;
export type Membership = z.infer<typeof membershipSchema>;
/** The body of PUT /api/contests/:slug: the whole configuration, as at creation but without the slug. */
export type ContestUpdate = Omit<ContestCreate, 'slug'>;

export type EntryView = Omit<z.infer<typeof entryViewSchema>, 'draft'> & { draft: EntryDraft };
export type UploadView = NonNullable<EntryView['upload']>;
export type Receipt = z.infer<typeof receiptSchema>;
export type MyEntry = z.infer<typeof myEntrySchema>;
export type ContestEntryRow = z.infer<typeof contestEntryRowSchema>;
export type Compliance = z.infer<typeof complianceSchema>;
export type RenditionStatusView = z.infer<typeof renditionStatusSchema>;
export type SubtitleTrack = z.infer<typeof subtitleTrackSchema>;
export type SubtitleList = z.infer<typeof subtitleListSchema>;
export type SubtitleSaved = z.infer<typeof subtitleSavedSchema>;
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;
export type ReviewQueueEntry = ReviewQueue['entries'][number];
export type EntryReviews = z.infer<typeof entryReviewsSchema>;
export type ReviewRecorded = z.infer<typeof reviewRecordedSchema>;
export type NotificationList = z.infer<typeof notificationListSchema>;
export type NotificationItem = NotificationList['items'][number];
export type PublicationRow = z.infer<typeof publicationRowSchema>;
export type PublishResult = z.infer<typeof publishResultSchema>;
export type ReportRow = z.infer<typeof reportRowSchema>;
export type { EntryDraft };
export type GalleryPage = z.infer<typeof galleryPageSchema>;
export type GalleryCardView = GalleryPage['items'][number];
export type PublicEntry = z.infer<typeof publicEntrySchema>;
export type NewsPost = z.infer<typeof newsPostSchema>;
