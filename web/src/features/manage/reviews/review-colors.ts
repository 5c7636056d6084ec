import type { ReviewStatus } from '@core/review.ts';

export const REVIEW_COLORS: Record<ReviewStatus, string> = {
  pending: 'blue',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  disputed: 'magenta',
};
