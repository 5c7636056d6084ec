/**
 * The chair (or the organizer) opens a round: everything `openProblems` checks must hold. The entries it takes and the
 * assignment are fixed now, and the entries without a blind code get one, in the same transaction as the audit record.
 */
import { AppError } from '@core/errors.ts';
import { openRound as openStep } from '@core/judging/round-state.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { roundOpenProblems } from './round-open-problems.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { ensureBlindCodes, loadRoundFacts } from './round-facts.ts';
import { changedRows } from '../../db/dialect.ts';

export async function openJudgingRound(deps: Deps, actor: Actor, roundId: number): Promise<{ state: 'open' }> {
  const a = await roundAccess(deps, actor, roundId, 'chairOrManager');
  const f = await loadRoundFacts(deps.db, a.round);
  const problems = roundOpenProblems(deps.clock(), a, f);
  const step = openStep({
    name: a.round.name,
    state: a.round.state,
    actor: { isChair: a.isChair, isOrganizer: a.mayManage },
    problems,
  });
  if (!step.ok) throw new AppError(step.code, step.params, { problems: step.problems });
  const pairs = f.assignment!.ok ? f.assignment!.plan.pairs : [];
  const at = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('judging_rounds')
      .set({ state: 'open', opened_at: at, updated_at: at })
      .where('id', '=', roundId)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (changedRows(res) !== 1) throw new AppError('judging.openRefused', { round: a.round.name });
    if (f.entryIds.length)
      await trx
        .insertInto('judging_round_entries')
        .values(f.entryIds.map((entry_id) => ({ round_id: roundId, entry_id })))
        .execute();
    for (let i = 0; i < pairs.length; i += 500)
      await trx
        .insertInto('judging_assignments')
        .values(
          pairs.slice(i, i + 500).map((p) => ({ round_id: roundId, entry_id: p.entryId, juror_user_id: p.jurorId })),
        )
        .execute();
    await ensureBlindCodes(trx, a.contest.id, f.entryIds);
    await appendAudit(trx, deps, actor, {
      action: 'judging.roundOpen',
      contestId: a.contest.id,
      target: `judging_round:${roundId}`,
      details: {
        name: a.round.name,
        entries: f.entryIds.length,
        jurors: f.jurors.length,
        pairs: pairs.length,
        entrySet: f.entrySet,
      },
    });
  });
  return { state: 'open' };
}
