import { AppError, type ErrorParams } from '@core/errors.ts';
import type { VotingProblem } from '@core/voting/messages.ts';
import { formatVoteInstant } from '@core/voting/vote-day.ts';
import type { ChallengeFailure } from '../../security/altcha.ts';

/** A refusal of the voting rules as an `AppError`, instants written in both languages in the contest's zone. */
export function votingError(p: VotingProblem, timeZone: string, details?: unknown): AppError {
  const params: ErrorParams = {};
  for (const [k, v] of Object.entries(p.params)) {
    params[k] =
      v instanceof Date
        ? { vi: formatVoteInstant(v, timeZone, 'vi'), en: formatVoteInstant(v, timeZone, 'en') }
        : (v as ErrorParams[string]);
  }
  return new AppError(p.code, params, details);
}

/** The refusal of a proof-of-work payload that did not pass. */
export function challengeError(reason: ChallengeFailure): AppError {
  if (reason === 'missing') return new AppError('vote.challengeRequired');
  if (reason === 'replayed') return new AppError('vote.challengeReplayed');
  return new AppError('vote.challengeInvalid', {}, { reason });
}
