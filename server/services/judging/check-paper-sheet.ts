/**
 * A second person checks a typed paper sheet against the signed one: confirms it (it may then count) or sends it
 * back to the typist with a reason. The rule is core's `mayCheckPaper` (round open, something typed, not the typist,
 * the version the checker compared, not already checked, a reason to send back, a complete sheet to confirm); the
 * race closes in the conditional update (same version, still unchecked, typed by someone else), as ADR 0020 says.
 * Audited with the decision and the reason.
 */
import { AppError } from '@core/errors.ts';
import { mayCheckPaper, type PaperCheckRequest, type PaperDecision } from '@core/judging/paper-check.ts';
import { nfc } from '@core/normalize.ts';
import type { Actor, Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resolveRef } from './entry-refs.ts';
import { paperJuror, paperRows } from './paper-facts.ts';
import { loadRoundFacts } from './round-facts.ts';
import { forShare } from './row-locks.ts';

export async function checkPaperSheet(
  deps: Deps,
  actor: Actor,
  roundId: number,
  jurorUserId: number,
  ref: string,
  input: PaperCheckRequest,
) {
  const a = await roundAccess(deps, actor, roundId, 'paperCheck');
  const f = await loadRoundFacts(deps.db, a.round);
  const juror = paperJuror(f, jurorUserId);
  if (juror.mode !== 'paper') throw new AppError('judging.onlineJuror', { round: a.round.name, juror: juror.fullName });
  const entryId = resolveRef(f, a.settings, ref);
  const check: PaperDecision =
    input.decision === 'reject' ? { decision: 'reject', reason: nfc(input.reason.trim()) } : { decision: 'confirm' };
  return deps.db.transaction().execute(async (trx) => {
    const round = await forShare(
      trx.selectFrom('judging_rounds').select(['state']).where('id', '=', roundId),
      deps.dialect,
    ).executeTakeFirstOrThrow();
    const stored = (await paperRows(trx, f, jurorUserId)).get(entryId) ?? null;
    const sheet = stored && stored.source === 'paper' ? stored : null;
    const may = mayCheckPaper({
      round: { name: a.round.name, state: round.state },
      juror: juror.fullName,
      entry: ref,
      sheet,
      checkerId: a.actorId,
      seenVersion: input.version,
      check,
    });
    if (!may.ok) throw new AppError(may.code, may.params);
    const at = deps.clock().toISOString();
    const res = await trx
      .updateTable('judging_scores')
      .set(
        check.decision === 'confirm'
          ? { checked_by: a.actorId, checked_at: at }
          : { rejected_by: a.actorId, rejected_at: at, reject_reason: check.reason },
      )
      .where('id', '=', sheet!.id)
      .where('version', '=', input.version)
      .where('entered_by', '<>', a.actorId)
      .where('checked_by', 'is', null)
      .where('rejected_by', 'is', null)
      .executeTakeFirst();
    if (changedRows(res) !== 1)
      throw new AppError('judging.paperChanged', {
        juror: juror.fullName,
        entry: ref,
        stored: '?',
        seen: input.version,
      });
    await appendAudit(trx, deps, actor, {
      action: check.decision === 'confirm' ? 'judging.paperConfirmed' : 'judging.paperRejected',
      contestId: a.contest.id,
      target: `judging_score:${sheet!.id}`,
      details: {
        roundId,
        jurorUserId,
        ref,
        version: input.version,
        enteredBy: sheet!.enteredBy,
        ...(check.decision === 'reject' ? { reason: check.reason } : {}),
      },
    });
    return { version: input.version, check: check.decision === 'confirm' ? 'confirmed' : 'rejected' };
  });
}
