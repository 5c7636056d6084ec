/**
 * A voter types the code: it must belong to the request this browser made (its request cookie and device), be the
 * latest for the identity, unused, within 10 minutes and under 5 tries; failures per identity and device lock out
 * for longer and longer. On success the code is spent by one statement (`used_at IS NULL`), so two racing confirms
 * cannot both succeed, the voter row is created or found by the identity's keyed hash, the voting consent is
 * recorded against it, and a voter session starts.
 */
import { AppError } from '@core/errors.ts';
import { CURRENT_CONSENT_VERSION } from '@core/privacy.ts';
import { checkCode } from '@core/voting/one-time-code.ts';
import { problem } from '@core/voting/messages.ts';
import type { Deps } from '../../context.ts';
import { randomToken, sha256Hex } from '../../security/tokens.ts';
import { votingError } from './voting-errors.ts';
import { voterHash, voterPseudonym } from './voter-keys.ts';
import { loadVotingContest } from './voting-contest.ts';
import { changedRows } from '../../db/dialect.ts';

export const VOTER_SESSION_MAX_MS = 30 * 24 * 3_600_000;

export interface VoterConfirmed {
  sessionToken: string;
  sessionExpiresAt: string;
  kind: 'phone' | 'email';
  display: string;
}

export async function confirmVoterCode(
  deps: Deps,
  slug: string,
  input: { requestId: string | undefined; deviceId: string | undefined; code: string },
): Promise<VoterConfirmed> {
  const v = await loadVotingContest(deps.db, { slug });
  const now = deps.clock();
  const nowIso = now.toISOString();
  const stored = input.requestId
    ? await deps.db
        .selectFrom('code_requests')
        .selectAll()
        .where('request_id', '=', input.requestId)
        .where('contest_id', '=', v.contest.id)
        .executeTakeFirst()
    : undefined;
  if (!stored || !input.deviceId) throw votingError(problem('code.otherRequest'), v.timeZone);
  const deviceId = voterHash(deps, `device:${input.deviceId}`);
  const failureKey = { contest_id: v.contest.id, identity_hash: stored.identity_hash, device_id: deviceId };
  const failures = await deps.db
    .selectFrom('code_failures')
    .select(['failures', 'last_failure_at'])
    .where('contest_id', '=', failureKey.contest_id)
    .where('identity_hash', '=', failureKey.identity_hash)
    .where('device_id', '=', failureKey.device_id)
    .executeTakeFirst();
  const verdict = checkCode(
    {
      requestId: stored.request_id,
      deviceId: stored.device_id,
      codeHash: stored.code_hash,
      createdAt: new Date(stored.created_at),
      usedAt: stored.used_at ? new Date(stored.used_at) : null,
      failedAttempts: stored.failed_attempts,
      superseded: stored.superseded_at !== null,
    },
    { requestId: input.requestId!, deviceId, code: input.code },
    {
      failures: failures?.failures ?? 0,
      lastFailureAt: failures ? new Date(failures.last_failure_at) : null,
    },
    now,
    (s) => voterHash(deps, s),
    stored.display,
  );
  if (!verdict.ok) {
    if (verdict.countsAsFailure) {
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('code_requests')
          .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
          .where('id', '=', stored.id)
          .execute();
        await trx
          .insertInto('code_failures')
          .values({ ...failureKey, failures: 1, last_failure_at: nowIso })
          .onConflict((oc) =>
            oc
              .columns(['contest_id', 'identity_hash', 'device_id'])
              .doUpdateSet((eb) => ({ failures: eb('code_failures.failures', '+', 1), last_failure_at: nowIso })),
          )
          .execute();
      });
    }
    throw votingError(verdict.problem, v.timeZone);
  }

  const token = randomToken();
  const windowEnd = v.window ? Date.parse(v.window.endsAt) + 24 * 3_600_000 : now.getTime();
  const expiresAt = new Date(Math.min(windowEnd, now.getTime() + VOTER_SESSION_MAX_MS)).toISOString();
  const voter = await deps.db.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable('code_requests')
      .set({ used_at: nowIso })
      .where('id', '=', stored.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (changedRows(spent) !== 1) throw votingError(problem('code.used'), v.timeZone);
    await trx
      .insertInto('voters')
      .values({
        contest_id: v.contest.id,
        identity_hash: stored.identity_hash,
        kind: stored.kind,
        display: stored.display,
        email_domain: stored.email_domain,
        pseudonym: voterPseudonym(deps, v.contest.id, stored.identity_hash),
        verified_at: nowIso,
        created_at: nowIso,
      })
      .onConflict((oc) => oc.columns(['contest_id', 'identity_hash']).doNothing())
      .execute();
    const row = await trx
      .selectFrom('voters')
      .select(['id', 'kind', 'display'])
      .where('contest_id', '=', v.contest.id)
      .where('identity_hash', '=', stored.identity_hash)
      .executeTakeFirstOrThrow();
    // The voting consent, given by pressing "send the code" under its statement (core/privacy.ts): kept against the
    // voter with its text's version and the time the code was asked for; the first time under a version counts.
    await trx
      .insertInto('consents')
      .values({
        voter_id: row.id,
        user_id: null,
        entry_id: null,
        purpose: 'voting',
        text_version: CURRENT_CONSENT_VERSION.voting!,
        given_at: stored.created_at,
      })
      .onConflict((oc) => oc.columns(['voter_id', 'purpose', 'text_version']).doNothing())
      .execute();
    await trx
      .deleteFrom('code_failures')
      .where('contest_id', '=', failureKey.contest_id)
      .where('identity_hash', '=', failureKey.identity_hash)
      .where('device_id', '=', failureKey.device_id)
      .execute();
    await trx
      .insertInto('voter_sessions')
      .values({
        token_hash: sha256Hex(token),
        voter_id: row.id,
        device_id: deviceId,
        created_at: nowIso,
        expires_at: expiresAt,
      })
      .execute();
    return row;
  });
  if (!voter) throw new AppError('internal');
  return { sessionToken: token, sessionExpiresAt: expiresAt, kind: voter.kind, display: voter.display };
}
