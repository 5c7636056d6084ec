/**
 * Review of submitted entries (R1, R8, R9, R11): the plan's checklist, what each decision needs, the fix deadline of
 * a returned entry, and the outcome of a review round. Pure rules; server/services/reviews/record-review.ts applies
 * them.
 */
import { z } from 'zod';
import type { Missing } from './entry.ts';

export const REVIEW_DECISIONS = ['approve', 'reject', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** `pending`: waiting for decisions; `disputed`: two reviewers disagree and the organizer must settle it. */
export const REVIEW_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'disputed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEWS_REQUIRED = [1, 2] as const;
export type ReviewsRequired = (typeof REVIEWS_REQUIRED)[number];

export const DECISION_STATUS: Record<ReviewDecision, Exclude<ReviewStatus, 'pending' | 'disputed'>> = {
  approve: 'approved',
  reject: 'rejected',
  return: 'returned',
};

/** Items the reviewer judges by watching the entry. */
export const JUDGED_ITEMS = ['onTheme', 'lawfulRespectful', 'originalRights'] as const;
export type JudgedItem = (typeof JUDGED_ITEMS)[number];
/** Items the server works out from what it knows: the file's checks and the author details. */
export const COMPUTED_ITEMS = ['technicalPassed', 'authorDetailsComplete'] as const;
export type ComputedItem = (typeof COMPUTED_ITEMS)[number];
export type ChecklistItem = JudgedItem | ComputedItem;

/** What each item is called on screen and in messages. The plan's rule each item checks is in a comment only. */
export const CHECKLIST_LABELS: Record<ChecklistItem, { vi: string; en: string }> = {
  onTheme: {
    // R1
    vi: 'Đúng chủ đề cải cách hành chính, chuyển đổi số của cuộc thi',
    en: 'On the contest theme: administrative reform, digital transformation',
  },
  lawfulRespectful: {
    // R9
    vi: 'Nội dung đúng pháp luật, không vu khống, xuyên tạc, không vi phạm thuần phong mỹ tục',
    en: 'Lawful and respectful content: no defamation, distortion or offence to public morals',
  },
  originalRights: {
    // R9
    vi: 'Tác phẩm tự sáng tác, không sao chép, có quyền sử dụng âm nhạc và hình ảnh (xem cảnh báo trùng lặp)',
    en: 'Original work with the rights to its music and footage (see the originality flags)',
  },
  technicalPassed: {
    // R6, R7
    vi: 'Tệp video đã đạt các kiểm tra kỹ thuật của thể lệ',
    en: 'The video file passed the technical checks of the rules',
  },
  authorDetailsComplete: {
    // R8
    vi: 'Đủ thông tin tác giả: họ tên, chức vụ, đơn vị, địa chỉ, số điện thoại',
    en: 'Author details complete: name, position, unit, address, phone',
  },
};

export const MIN_REASON_LENGTH = 10;
export const MIN_FIX_MINUTES = 60;
export const MAX_FIX_DAYS = 14;

const judgedEntry = z.object({ ok: z.boolean(), note: z.string().trim().max(1000).default('') });

/** What a reviewer sends. `reason` is for the entrant; `note` and the checklist notes stay with the staff. */
export const reviewInputSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  reason: z.string().trim().max(2000).default(''),
  note: z.string().trim().max(2000).default(''),
  checklist: z
    .object({ onTheme: judgedEntry, lawfulRespectful: judgedEntry, originalRights: judgedEntry })
    .partial()
    .default({}),
  fixDeadline: z.iso.datetime({ offset: true }).nullish(),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export interface ChecklistFacts {
  /** The accepted upload's verdict said every technical check passed. */
  technicalPassed: boolean;
  /** What core/entry.ts says is still missing from the draft. */
  missing: readonly Missing[];
}

export interface ChecklistRow {
  item: ChecklistItem;
  source: 'reviewer' | 'computed';
  ok: boolean | null;
  note: string;
}

/** R8: the missing fields that are about the authors (as opposed to the title or synopsis). */
export function missingAuthorDetails(missing: readonly Missing[]): Missing[] {
  return missing.filter((m) => m.field === 'authors' || m.field.startsWith('authors.') || m.field === 'groupName');
}

/** The full checklist: the reviewer's ticks for the judged items, the server's facts for the others. */
export function buildChecklist(judged: ReviewInput['checklist'], facts: ChecklistFacts): ChecklistRow[] {
  const rows: ChecklistRow[] = JUDGED_ITEMS.map((item) => ({
    item,
    source: 'reviewer',
    ok: judged[item]?.ok ?? null,
    note: judged[item]?.note ?? '',
  }));
  rows.push({ item: 'technicalPassed', source: 'computed', ok: facts.technicalPassed, note: '' });
  rows.push({
    item: 'authorDetailsComplete',
    source: 'computed',
    ok: missingAuthorDetails(facts.missing).length === 0,
    note: '',
  });
  return rows;
}

export type DecisionProblem =
  | { code: 'review.reasonRequired'; min: number }
  | { code: 'review.deadlineInvalid'; minMinutes: number; maxDays: number }
  | { code: 'review.checklistIncomplete'; items: ChecklistItem[] };

/**
 * What is wrong with a decision, if anything. Reject and return need a reason the entrant can act on; return needs
 * a fix deadline at least an hour ahead and at most two weeks; approve needs every checklist item satisfied.
 */
export function decisionProblem(
  input: Pick<ReviewInput, 'decision' | 'reason' | 'fixDeadline'>,
  checklist: readonly ChecklistRow[],
  now: Date,
): DecisionProblem | null {
  const reason = input.reason.normalize('NFC').trim();
  if (input.decision !== 'approve' && [...reason].length < MIN_REASON_LENGTH)
    return { code: 'review.reasonRequired', min: MIN_REASON_LENGTH };
  if (input.decision === 'return' && !fixDeadlineValid(input.fixDeadline ?? null, now))
    return { code: 'review.deadlineInvalid', minMinutes: MIN_FIX_MINUTES, maxDays: MAX_FIX_DAYS };
  if (input.decision === 'approve') {
    const failing = checklist.filter((r) => r.ok !== true).map((r) => r.item);
    if (failing.length) return { code: 'review.checklistIncomplete', items: failing };
  }
  return null;
}

export function fixDeadlineValid(deadline: string | null, now: Date): boolean {
  if (!deadline) return false;
  const t = Date.parse(deadline);
  if (Number.isNaN(t)) return false;
  return t >= now.getTime() + MIN_FIX_MINUTES * 60_000 && t <= now.getTime() + MAX_FIX_DAYS * 86_400_000;
}

export type ExtendProblem =
  | { code: 'review.notReturned' }
  | { code: 'review.deadlineInvalid'; minMinutes: number; maxDays: number }
  | { code: 'review.deadlineNotLater'; current: string };

/**
 * What stops a reviewer from giving a returned entry more time to be fixed, if anything: the entry must still be back
 * with its entrant (returned and not sent again), and the new deadline must be later than the one in force and, like
 * any fix deadline, between an hour and two weeks from now. It may be set before or after the old one has passed.
 */
export function extendProblem(
  entry: { status: string; reviewStatus: string | null; fixDeadline: string | null },
  newDeadline: string,
  now: Date,
): ExtendProblem | null {
  if (entry.status !== 'draft' || entry.reviewStatus !== 'returned') return { code: 'review.notReturned' };
  if (!fixDeadlineValid(newDeadline, now))
    return { code: 'review.deadlineInvalid', minMinutes: MIN_FIX_MINUTES, maxDays: MAX_FIX_DAYS };
  if (entry.fixDeadline && Date.parse(newDeadline) <= Date.parse(entry.fixDeadline))
    return { code: 'review.deadlineNotLater', current: entry.fixDeadline };
  return null;
}

/** A returned entry may be fixed and sent again until its fix deadline. */
export function fixWindowOpen(reviewStatus: string | null, fixDeadline: string | null, now: Date): boolean {
  return reviewStatus === 'returned' && !!fixDeadline && now.getTime() < Date.parse(fixDeadline);
}

export interface RoundDecision {
  reviewerId: number | null;
  decision: ReviewDecision;
  /** The organizer's word that settles a disputed round. */
  isFinal: boolean;
  reason: string;
  fixDeadline: string | null;
  at: string;
}

export interface RoundOutcome {
  status: ReviewStatus;
  /** The decision whose reason and deadline the entrant is given; null while pending or disputed. */
  deciding: RoundDecision | null;
}

/**
 * The state of a round from its decisions in the order they were recorded. With one review required the first
 * decision stands. With two, two different reviewers who agree decide (the later one's reason and deadline go to the
 * entrant), and disagreement is `disputed` until the organizer records a final decision.
 */
export function roundOutcome(decisions: readonly RoundDecision[], required: ReviewsRequired): RoundOutcome {
  const final = decisions.filter((d) => d.isFinal).at(-1);
  if (final) return { status: DECISION_STATUS[final.decision], deciding: final };
  const seen = new Set<number | null>();
  const ordinary = decisions.filter((d) => {
    // One per reviewer: the database enforces it; a repeat here would not count twice.
    if (d.reviewerId !== null && seen.has(d.reviewerId)) return false;
    seen.add(d.reviewerId);
    return true;
  });
  if (ordinary.length === 0) return { status: 'pending', deciding: null };
  if (required === 1) return { status: DECISION_STATUS[ordinary[0]!.decision], deciding: ordinary[0]! };
  if (ordinary.length < 2) return { status: 'pending', deciding: null };
  const [a, b] = ordinary as [RoundDecision, RoundDecision];
  return a.decision === b.decision
    ? { status: DECISION_STATUS[a.decision], deciding: b }
    : { status: 'disputed', deciding: null };
}

/** What the entrant is told about the state of review: disagreement among reviewers is an internal matter. */
export function entrantStatus(status: ReviewStatus | null): ReviewStatus | null {
  return status === 'disputed' ? 'pending' : status;
}

export type RecordRefusal = 'review.notReviewable' | 'review.alreadyDecided' | 'review.finalByOrganizer';

/**
 * Whether this reviewer may record a decision on an entry in this state now, and whether it is the organizer's final
 * word. Pending: each reviewer once per round. Disputed: only the organizer, and that decision settles the round.
 */
export function recordingRule(
  state: { submitted: boolean; status: ReviewStatus | null },
  reviewerId: number,
  decisions: readonly RoundDecision[],
  mayFinalize: boolean,
): { ok: true; isFinal: boolean } | { ok: false; code: RecordRefusal } {
  if (!state.submitted || (state.status !== 'pending' && state.status !== 'disputed')) {
    return decisions.some((d) => d.reviewerId === reviewerId && !d.isFinal) && state.submitted
      ? { ok: false, code: 'review.alreadyDecided' }
      : { ok: false, code: 'review.notReviewable' };
  }
  if (state.status === 'disputed')
    return mayFinalize ? { ok: true, isFinal: true } : { ok: false, code: 'review.finalByOrganizer' };
  if (decisions.some((d) => d.reviewerId === reviewerId && !d.isFinal))
    return { ok: false, code: 'review.alreadyDecided' };
  return { ok: true, isFinal: false };
}
