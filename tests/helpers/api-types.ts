/**
 * The API's JSON answers as tests read them (`res.json<EntryView>()`): the contracts of core/api.ts, which the server
 * serializes with, and the error body.
 */
import type { z } from 'zod';
import type * as api from '@core/api.ts';
import type { EntryDraft } from '@core/entry.ts';

export type ContestView = z.infer<typeof api.contestViewSchema>;
export type ContestSummary = z.infer<typeof api.contestSummarySchema>;
export type AuditRecordView = z.infer<typeof api.auditRecordViewSchema>;
export type UnitView = z.infer<typeof api.unitViewSchema>;
export type RosterMemberView = z.infer<typeof api.rosterMemberViewSchema>;
export type ContestRoleView = z.infer<typeof api.contestRoleViewSchema>;
/** An entry as its owner or the staff see it; the draft is typed here, the contract leaves it open. */
export type EntryView = Omit<z.infer<typeof api.entryViewSchema>, 'draft'> & { draft: EntryDraft };
export type Receipt = z.infer<typeof api.receiptSchema>;
export type MyEntry = z.infer<typeof api.myEntrySchema>;
export type ContestEntryRow = z.infer<typeof api.contestEntryRowSchema>;
export type Compliance = z.infer<typeof api.complianceSchema>;
export type SubtitleList = z.infer<typeof api.subtitleListSchema>;
export type SubtitleSaved = z.infer<typeof api.subtitleSavedSchema>;
export type RenditionStatus = z.infer<typeof api.renditionStatusSchema>;
export type ReviewQueue = z.infer<typeof api.reviewQueueSchema>;
export type EntryReviews = z.infer<typeof api.entryReviewsSchema>;
export type NotificationList = z.infer<typeof api.notificationListSchema>;

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** One wrong field of a `validation` error (server/http/plugins/errors.ts). */
export interface ValidationIssue {
  in: 'body' | 'querystring' | 'params' | 'headers';
  path: string;
  code: string;
  message: string;
}

export interface ValidationErrorBody {
  error: { code: 'validation'; message: string; details: { issues: ValidationIssue[] } };
}
