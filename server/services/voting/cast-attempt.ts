import { AppError } from '@core/errors.ts';
import type { ChallengeCheck } from '../../security/altcha.ts';

/** The contest was changed after the attempt read it: the attempt is made again with the contest as it is now. */
export class ContestChanged extends AppError {
  constructor() {
    super('vote.contestChanged');
  }
}

/**
 * What a vote's batch needs of it, from the checks made before: plain data, so that it can be sent to the vote
 * thread (vote-thread.ts). `checkedAt`: when it was checked, the vote's instant on that thread.
 */
export interface CastAttempt {
  slug: string;
  version: number;
  entryId: number;
  tokenHash: string;
  deviceHash: string;
  checked: ChallengeCheck;
  ip: string;
  network: string;
  checkedAt: string;
}
