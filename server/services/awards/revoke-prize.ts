/**
 * The committee revokes a prize already announced (a winner withdrawn or disqualified since): the place stays
 * unawarded and nobody moves up. The revocation and the amendment that applies it are one transaction, so that the
 * record never holds a revocation the results do not show.
 */
import { allocatePrizes } from '@core/awards/allocation.ts';
import type { Revoke } from '@core/awards/committee-decisions.ts';
import { UNUSED_DECISION_TEXT } from '@core/awards/messages.ts';
import { AppError } from '@core/errors.ts';
import { reasonLongEnough } from '@core/awards/inputs.ts';
import type { Actor, Deps } from '../../context.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { loadContest } from '../contests/load-contest.ts';
import { loadAwardFacts } from './allocation-facts.ts';
import { amendInTransaction, type AmendResult } from './amend-results.ts';
import { entryCodes, lockAwards } from './allocation-steps.ts';

export async function revokePrize(deps: Deps, actor: Actor, slug: string, decision: Revoke): Promise<AmendResult> {
  const contest = await loadContest(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'awards.decide');
  if (!reasonLongEnough(decision.reason)) throw new AppError('awards.reasonTooShort');
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockAwards(trx, deps, contest.id);
    const before = await loadAwardFacts(trx, { id: contest.id }, deps.clock());
    if (before.stored?.row.state !== 'announced') throw new AppError('awards.notAnnounced');
    const after = allocatePrizes({ ...before.input, decisions: [...before.input.decisions, decision] });
    const unused = after.unused.find((u) => u.decision === decision);
    if (unused) throw new AppError('awards.decisionDoesNotApply', { why: UNUSED_DECISION_TEXT[unused.reason] });
    const row = await trx
      .insertInto('award_decisions')
      .values({
        contest_id: contest.id,
        kind: 'revoke',
        payload_json: JSON.stringify(decision),
        reason: decision.reason,
        decided_by: actor.userId,
        decided_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const code = (await entryCodes(trx, [decision.entryId])).get(decision.entryId);
    await appendAudit(trx, deps, actor, {
      action: 'awards.revoke',
      contestId: contest.id,
      target: `entry:${decision.entryId}`,
      details: { code, prizeIndex: decision.prizeIndex, reason: decision.reason, decision: row.id },
    });
    const f = await loadAwardFacts(trx, { id: contest.id }, deps.clock());
    return amendInTransaction(trx, deps, actor, f, decision.reason, { revoked: code });
  });
}
