/**
 * The organizer appoints a round's jurors (people holding the contest's juror role) and its one chair, with each
 * juror's unit for the automatic same-unit conflict and whether they score online or on paper. In draft only.
 */
import { AppError } from '@core/errors.ts';
import type { RoundJurorsInput } from '@core/judging/round-input.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { changedRows } from '../../db/dialect.ts';

export async function setRoundJurors(deps: Deps, actor: Actor, roundId: number, input: RoundJurorsInput) {
  const a = await roundAccess(deps, actor, roundId, 'manage');
  if (a.round.state !== 'draft') throw new AppError('judging.roundNotDraft', { round: a.round.name });
  const chairs = input.jurors.filter((j) => j.isChair).length;
  if (chairs > 1) throw new AppError('judging.tooManyChairs', { count: chairs });
  const ids = [...new Set(input.jurors.map((j) => j.userId))];
  const jurorsOfContest = new Set(
    ids.length === 0
      ? []
      : (
          await deps.db
            .selectFrom('contest_roles')
            .select('user_id')
            .where('contest_id', '=', a.contest.id)
            .where('role', '=', 'juror')
            .where('user_id', 'in', ids)
            .execute()
        ).map((r) => r.user_id),
  );
  const missing = ids.find((id) => !jurorsOfContest.has(id));
  if (missing !== undefined) {
    const user = await deps.db.selectFrom('users').select('full_name').where('id', '=', missing).executeTakeFirst();
    throw new AppError('judging.notContestJuror', { name: user?.full_name ?? `#${missing}` });
  }
  const unitIds = input.jurors.map((j) => j.unitId).filter((u): u is number => u !== null);
  if (unitIds.length) {
    const known = await deps.db
      .selectFrom('units')
      .select('id')
      .where('contest_id', '=', a.contest.id)
      .where('id', 'in', unitIds)
      .execute();
    if (known.length !== new Set(unitIds).size) throw new AppError('unit.notFound');
  }
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('judging_rounds')
      .set({ updated_at: deps.clock().toISOString() })
      .where('id', '=', roundId)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (changedRows(res) !== 1) throw new AppError('judging.roundNotDraft', { round: a.round.name });
    await trx.deleteFrom('judging_round_jurors').where('round_id', '=', roundId).execute();
    const seen = new Set<number>();
    const rows = input.jurors.filter((j) => !seen.has(j.userId) && seen.add(j.userId));
    if (rows.length)
      await trx
        .insertInto('judging_round_jurors')
        .values(
          rows.map((j) => ({
            round_id: roundId,
            user_id: j.userId,
            is_chair: j.isChair,
            unit_id: j.unitId,
            unit_name: j.unitName || null,
            mode: j.mode,
            submitted_at: null,
            submitted_by: null,
          })),
        )
        .execute();
    await appendAudit(trx, deps, actor, {
      action: 'judging.jurors',
      contestId: a.contest.id,
      target: `judging_round:${roundId}`,
      details: { jurors: rows.map((j) => ({ userId: j.userId, isChair: j.isChair, mode: j.mode })) },
    });
  });
}
