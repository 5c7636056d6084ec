/**
 * A voter asks for a one-time code to prove a Vietnamese mobile number (by text message) or an e-mail address. In
 * order: the voting window, the identity (foreign, premium, landline and disposable ones refused), the proof of
 * work, the resident list when only residents may vote, the send limits per identity, address, network and the
 * contest's SMS budget; then the code is stored as a
 * keyed hash bound to a fresh request id and the device, earlier codes of the identity are superseded, and the code
 * is sent. The raw number or address is used to send and never stored.
 */
import crypto from 'node:crypto';
import { AppError } from '@core/errors.ts';
import { parseIdentity } from '@core/voting/identity.ts';
import { canonicalIp, networkOf } from '@core/voting/network.ts';
import { CODE_TTL_MS, codeHashInput, generateCode } from '@core/voting/one-time-code.ts';
import { decideSend } from '@core/voting/send-limits.ts';
import { residentProblem } from '@core/voting/resident-list.ts';
import type { IdentityKind } from '@core/voting/settings.ts';
import { voteWindowProblem } from '@core/voting/vote-window.ts';
import type { Deps } from '../../context.ts';
import { randomToken } from '../../security/tokens.ts';
import { verifyChallenge } from '../../security/altcha.ts';
import { readSendCounts } from './send-counts.ts';
import { challengeError, votingError } from './voting-errors.ts';
import { voterHash } from './voter-keys.ts';
import { loadVotingContest } from './voting-contest.ts';

export interface CodeRequestInput {
  kind: IdentityKind;
  value: string;
  altcha?: string;
  deviceId: string;
  ip: string;
  lang: 'vi' | 'en';
}

export interface CodeRequested {
  requestId: string;
  kind: IdentityKind;
  display: string;
  expiresAt: string;
  /** Seconds before another code may be asked for the same identity. */
  resendAfterSec: number;
}

function codeText(code: string, contestName: string, lang: 'vi' | 'en'): string {
  const minutes = CODE_TTL_MS / 60_000;
  return lang === 'en'
    ? `${code} is your voting code for "${contestName}", valid ${minutes} minutes. Do not share it with anyone.`
    : `${code} là mã xác minh bình chọn "${contestName}", có hiệu lực ${minutes} phút. Không chia sẻ mã này.`;
}

export async function requestVoterCode(deps: Deps, slug: string, input: CodeRequestInput): Promise<CodeRequested> {
  const v = await loadVotingContest(deps.db, { slug });
  const now = deps.clock();
  const windowProblem = voteWindowProblem(v.contest.phases, now);
  if (windowProblem) throw votingError(windowProblem, v.timeZone);

  const parsed = parseIdentity(input.kind, input.value, v.settings);
  if (!parsed.ok) throw votingError(parsed.problem, v.timeZone);
  const identity = parsed.identity;

  const verdict = await verifyChallenge(deps, input.altcha);
  if (!verdict.ok) throw challengeError(verdict.reason);

  const identityHash = voterHash(deps, identity.hashInput);
  // After the challenge, so that the list cannot be probed number by number for free.
  if (v.settings.residentListOnly) {
    const listed = await deps.db
      .selectFrom('voting_residents')
      .select('number_hash')
      .where('contest_id', '=', v.contest.id)
      .where('number_hash', '=', identityHash)
      .executeTakeFirst();
    const refusal = residentProblem(true, listed !== undefined);
    if (refusal) throw votingError(refusal, v.timeZone);
  }

  const ip = canonicalIp(input.ip) ?? input.ip;
  const network = networkOf(ip) ?? ip;
  const channel = identity.kind === 'phone' ? 'sms' : 'email';
  const counts = await readSendCounts(
    deps.db,
    { contestId: v.contest.id, identityHash, ip, network, channel },
    now,
    v.timeZone,
  );
  const decision = decideSend(counts, v.settings.sendLimits, now, v.timeZone, identity.display);
  if (!decision.ok) throw votingError(decision.problem, v.timeZone, { retryAfterSec: decision.retryAfterSec });

  const requestId = randomToken(24);
  const code = generateCode((n) => crypto.randomInt(n));
  const createdAt = now.toISOString();
  const requestRow = await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('code_requests')
      .set({ superseded_at: createdAt })
      .where('contest_id', '=', v.contest.id)
      .where('identity_hash', '=', identityHash)
      .where('used_at', 'is', null)
      .where('superseded_at', 'is', null)
      .execute();
    return trx
      .insertInto('code_requests')
      .values({
        request_id: requestId,
        contest_id: v.contest.id,
        identity_hash: identityHash,
        kind: identity.kind,
        display: identity.display,
        email_domain: identity.emailDomain,
        code_hash: voterHash(deps, codeHashInput(requestId, code)),
        device_id: voterHash(deps, `device:${input.deviceId}`),
        ip,
        network,
        created_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  });

  const text = codeText(code, v.contest.settings.name, input.lang);
  try {
    if (identity.kind === 'phone') await deps.sms.send({ to: identity.value, text });
    else
      await deps.mailer.send({
        to: identity.value,
        subject: input.lang === 'en' ? `Your voting code: ${code}` : `Mã xác minh bình chọn: ${code}`,
        text,
      });
  } catch (err) {
    // Not sent: the request must not count against the voter's limits.
    await deps.db.deleteFrom('code_requests').where('id', '=', requestRow.id).execute();
    deps.logger.error({ err, kind: identity.kind }, 'sending a voting code failed');
    throw new AppError('internal');
  }
  return {
    requestId,
    kind: identity.kind,
    display: identity.display,
    expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    resendAfterSec: v.settings.sendLimits.identityCooldownSec,
  };
}
