import { AppError } from '@core/errors.ts';
import { formatDateTime } from '@core/time.ts';
import type { LoadedContest } from './load-contest.ts';

/** The error for "not now", naming the submission window in the contest's time zone. */
export function submissionPhaseError(
  contest: LoadedContest,
  reason: 'unscheduled' | 'notOpenYet' | 'closed',
  opts: { withGrace?: boolean } = {},
): AppError {
  const sub = contest.phases.find((p) => p.kind === 'submission');
  if (reason === 'unscheduled' || !sub) return new AppError('phase.unscheduled');
  const tz = contest.settings.timeZone;
  const endMs = Date.parse(sub.endsAt) + (opts.withGrace ? contest.settings.entryRules.uploadGraceMinutes * 60000 : 0);
  const params = { start: formatDateTime(sub.startsAt, tz), end: formatDateTime(new Date(endMs), tz) };
  return new AppError(reason === 'notOpenYet' ? 'phase.submissionNotOpen' : 'phase.submissionClosed', params);
}
