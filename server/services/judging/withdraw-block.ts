/**
 * Taking back a conflict (issue 11, item 2; ADR 0044). A juror withdraws a conflict they declared, with a reason,
 * while they have not submitted their sheet for the round; the chair lifts a recusal, with a reason. Either only
 * while the round is open (a draft recomputes its assignment anyway) and only if no round locked while the conflict
 * was in force covers the juror and the entry, so that a locked ranking never changes. The automatic same-unit
 * conflict is no record and cannot be lifted. The record keeps who withdrew it, when and why; audited. Where the
 * entry was assigned to the juror when the round opened, it comes back to them; an assignment made without them is
 * not redone.
 */
import { AppError } from '@core/errors.ts';
import { blockReasonOk } from '@core/judging/round-state.ts';
import type { Actor, Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';
import { roundAccess, type RoundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resolveRef } from './entry-refs.ts';
import { loadRoundFacts, pairKey } from './round-facts.ts';

async function withdraw(
  deps: Deps,
  actor: Actor,
  a: RoundAccess,
  input: { jurorUserId: number; ref: string; reason: string; kind: 'declared' | 'recused' },
): Promise<void> {
  const round = a.round;
  if (round.state === 'locked') throw new AppError('judging.roundLocked', { round: round.name });
  if (round.state !== 'open') throw new AppError('judging.roundNotOpen', { round: round.name });
  const f = await loadRoundFacts(deps.db, round);
  const entryId = resolveRef(f, a.settings, input.ref);
  const juror = f.jurors.find((j) => j.userId === input.jurorUserId);
  if (!juror) throw new AppError('judging.notRoundJuror', { round: round.name });
  const ok = blockReasonOk(input.reason);
  if (!ok.ok) throw new AppError(ok.code, ok.params);
  const record = f.blockRecords.find(
    (b) => b.jurorId === input.jurorUserId && b.entryId === entryId && b.kind === input.kind,
  );
  if (!record) {
    // Blocked with no record of this kind: the automatic same-unit conflict (or the other kind).
    if (f.blocks.get(input.jurorUserId, entryId) === 'same_unit')
      throw new AppError('judging.unitConflictFixed', { juror: juror.fullName, entry: input.ref });
    throw new AppError('judging.noSuchConflict', { juror: juror.fullName, entry: input.ref });
  }
  if (input.kind === 'declared' && juror.submittedAt)
    throw new AppError('judging.sheetSubmitted', { round: round.name });
  const judged = await deps.db
    .selectFrom('judging_rounds')
    .innerJoin('judging_round_jurors', 'judging_round_jurors.round_id', 'judging_rounds.id')
    .innerJoin('judging_round_entries', 'judging_round_entries.round_id', 'judging_rounds.id')
    .select('judging_rounds.name')
    .where('judging_rounds.contest_id', '=', a.contest.id)
    .where('judging_rounds.state', '=', 'locked')
    .where('judging_round_jurors.user_id', '=', input.jurorUserId)
    .where('judging_round_entries.entry_id', '=', entryId)
    // Locked while the conflict was in force: a round locked before it was declared was not judged with it.
    .where('judging_rounds.locked_at', '>=', new Date(record.at).toISOString())
    .executeTakeFirst();
  if (judged) throw new AppError('judging.conflictJudged', { round: judged.name, entry: input.ref });
  await deps.db.transaction().execute(async (trx) => {
    const at = deps.clock().toISOString();
    const res = await trx
      .updateTable('judging_blocks')
      .set({ withdrawn_at: at, withdrawn_by: a.actorId, withdraw_reason: input.reason })
      .where('contest_id', '=', a.contest.id)
      .where('entry_id', '=', entryId)
      .where('juror_user_id', '=', input.jurorUserId)
      .where('kind', '=', input.kind)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (changedRows(res) !== 1)
      throw new AppError('judging.noSuchConflict', { juror: juror.fullName, entry: input.ref });
    await appendAudit(trx, deps, actor, {
      action: input.kind === 'declared' ? 'judging.conflictWithdraw' : 'judging.recusalLift',
      contestId: a.contest.id,
      target: `entry:${entryId}`,
      details: {
        roundId: round.id,
        jurorUserId: input.jurorUserId,
        ref: input.ref,
        reason: input.reason,
        assigned: f.assigned.has(pairKey(input.jurorUserId, entryId)),
      },
    });
  });
}

/** The juror who declared a conflict takes it back, with a reason, before submitting their sheet. */
export async function withdrawConflict(deps: Deps, actor: Actor, roundId: number, ref: string, reason: string) {
  const a = await roundAccess(deps, actor, roundId, 'juror');
  await withdraw(deps, actor, a, { jurorUserId: a.actorId, ref, reason, kind: 'declared' });
}

/** The chair lifts a recusal, with a reason. */
export async function liftRecusal(
  deps: Deps,
  actor: Actor,
  roundId: number,
  input: { jurorUserId: number; ref: string; reason: string },
) {
  const a = await roundAccess(deps, actor, roundId, 'chair');
  await withdraw(deps, actor, a, { ...input, kind: 'recused' });
}
