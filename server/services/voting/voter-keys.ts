import crypto from 'node:crypto';
import type { Deps } from '../../context.ts';

/** HMAC-SHA-256 with VOTER_HASH_KEY: identities, one-time codes, device ids. Hex. */
export function voterHash(deps: Pick<Deps, 'keys'>, text: string): string {
  return crypto.createHmac('sha256', deps.keys.voterHash).update(text).digest('hex');
}

/**
 * The voter's name in the public log: 16 hex digits of an HMAC with a second key (VOTE_LOG_KEY), so that the log
 * cannot be matched against a list of hashed phone numbers.
 */
export function voterPseudonym(deps: Pick<Deps, 'keys'>, contestId: number, identityHash: string): string {
  return crypto
    .createHmac('sha256', deps.keys.voteLog)
    .update(`voter:${contestId}:${identityHash}`)
    .digest('hex')
    .slice(0, 16);
}
