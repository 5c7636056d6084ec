/**
 * The finance review of the budget estimate: draft → submitted → approved, or returned with comments → (edited) →
 * submitted again. Phòng Nội vụ (secretariat) or the committee edits and submits; Phòng Tài chính - Kế hoạch
 * (finance) approves or returns. An approved estimate is frozen; when the prize structure changes after approval,
 * the secretariat revises it (with a reason), which starts a new round. Each step is audited by its service.
 */
import { nfc } from '../normalize.ts';

export const BUDGET_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type BudgetState = (typeof BUDGET_STATES)[number];

export const BUDGET_STEPS = ['edit', 'submit', 'approve', 'return', 'revise'] as const;
export type BudgetStep = (typeof BUDGET_STEPS)[number];

export const BUDGET_STEP_ROLES: Record<BudgetStep, readonly ('organizer' | 'secretariat' | 'finance')[]> = {
  edit: ['organizer', 'secretariat'],
  submit: ['organizer', 'secretariat'],
  approve: ['finance'],
  return: ['finance'],
  revise: ['organizer', 'secretariat'],
};

export const MIN_COMMENT_CHARS = 10;

export const BUDGET_ERRORS = {
  'budget.underReview': {
    status: 409,
    vi: 'Dự trù đang chờ Phòng Tài chính - Kế hoạch thẩm định: chưa sửa được. Chờ kết quả thẩm định.',
    en: 'The estimate is with finance for appraisal and cannot be changed now. Wait for their answer.',
  },
  'budget.approvedFrozen': {
    status: 409,
    vi:
      'Dự trù đã được thẩm định, không sửa trực tiếp được. ' +
      'Nếu cần thay đổi, hãy lập điều chỉnh dự trù (nêu lý do) để thẩm định lại.',
    en:
      'The estimate is approved and cannot be edited. ' +
      'To change it, revise it (giving the reason) for a new appraisal.',
  },
  'budget.notSubmitted': {
    status: 409,
    vi: 'Dự trù chưa được trình thẩm định.',
    en: 'The estimate has not been submitted for appraisal.',
  },
  'budget.alreadySubmitted': {
    status: 409,
    vi: 'Dự trù đã được trình và đang chờ thẩm định.',
    en: 'The estimate is already submitted and awaiting appraisal.',
  },
  'budget.notApproved': {
    status: 409,
    vi: 'Chỉ điều chỉnh được dự trù đã thẩm định; dự trù này vẫn đang soạn hoặc chờ thẩm định.',
    en: 'Only an approved estimate is revised; this one is still a draft or under appraisal.',
  },
  'budget.empty': {
    status: 400,
    vi: 'Dự trù chưa có khoản chi nào (tổng bằng 0). Hãy nhập cơ cấu giải thưởng hoặc các khoản chi trước khi trình.',
    en: 'The estimate has nothing in it (the total is 0). Enter the prizes or the cost lines before submitting.',
  },
  'budget.commentTooShort': {
    status: 400,
    vi: 'Cần ghi ý kiến (ít nhất 10 ký tự) để Phòng Nội vụ biết cần sửa gì.',
    en: 'Write the comments (at least 10 characters) so that the secretariat knows what to change.',
  },
  'budget.reasonTooShort': {
    status: 400,
    vi: 'Cần ghi lý do điều chỉnh (ít nhất 10 ký tự).',
    en: 'Give the reason for the revision (at least 10 characters).',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;
export type BudgetErrorCode = keyof typeof BUDGET_ERRORS;

export interface BudgetFacts {
  state: BudgetState;
  totalVnd: number;
  /** Finance's comments on return, or the secretariat's reason on revision. */
  text: string | null;
}

export type BudgetStepResult = { ok: true; next: BudgetState } | { ok: false; problem: BudgetErrorCode };

const long = (t: string | null) => nfc(t ?? '').trim().length >= MIN_COMMENT_CHARS;

export function budgetStep(step: BudgetStep, f: BudgetFacts): BudgetStepResult {
  const no = (problem: BudgetErrorCode): BudgetStepResult => ({ ok: false, problem });
  switch (step) {
    case 'edit':
      if (f.state === 'submitted') return no('budget.underReview');
      if (f.state === 'approved') return no('budget.approvedFrozen');
      return { ok: true, next: f.state };
    case 'submit':
      if (f.state === 'submitted') return no('budget.alreadySubmitted');
      if (f.state === 'approved') return no('budget.approvedFrozen');
      if (f.totalVnd <= 0) return no('budget.empty');
      return { ok: true, next: 'submitted' };
    case 'approve':
      if (f.state !== 'submitted') return no('budget.notSubmitted');
      return { ok: true, next: 'approved' };
    case 'return':
      if (f.state !== 'submitted') return no('budget.notSubmitted');
      if (!long(f.text)) return no('budget.commentTooShort');
      return { ok: true, next: 'returned' };
    case 'revise':
      if (f.state !== 'approved') return no('budget.notApproved');
      if (!long(f.text)) return no('budget.reasonTooShort');
      return { ok: true, next: 'draft' };
  }
}
