/**
 * A juror submits their sheets for the round: every assigned entry they are not blocked from needs a complete sheet
 * or a reasoned abstention (`submissionProblems` lists what is unfinished). Their scores are then locked unless the
 * chair gives them back. Audited.
 */
import { AppError } from '@core/errors.ts';
import { maySubmit } from '@core/judging/may-score.ts';
import { submissionProblems } from '@core/judging/score-sheet.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { decodeSheet } from '../../db/json-columns.ts';
import { entryRef } from './entry-refs.ts';
import { jurorEntryIds, scoreContext } from './juror-facts.ts';
import { loadRoundFacts } from './round-facts.ts';
import { forShare, jurorRowInTx } from './row-locks.ts';

export async function submitScoreSheets(deps: Deps, actor: Actor, roundId: number): Promise<{ submittedAt: string }> {
  const a = await roundAccess(deps, actor, roundId, 'juror');
  const may = maySubmit(scoreContext(a, deps.clock()));
  if (!may.ok) throw new AppError(may.code, may.params);
  const f = await loadRoundFacts(deps.db, a.round);
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const round = await forShare(
      trx.selectFrom('judging_rounds').select(['state']).where('id', '=', roundId),
      deps.dialect,
    ).executeTakeFirstOrThrow();
    if (round.state !== 'open') throw new AppError('judging.roundLocked', { round: a.round.name });
    const juror = await jurorRowInTx(trx, deps.dialect, roundId, a.actorId, 'update');
    if (!juror) throw new AppError('judging.notRoundJuror', { round: a.round.name });
    if (juror.submittedAt) throw new AppError('judging.sheetSubmitted', { round: a.round.name });
    const rows = await trx
      .selectFrom('judging_scores')
      .select(['entry_id', 'sheet_json'])
      .where('round_id', '=', roundId)
      .where('juror_user_id', '=', a.actorId)
      .execute();
    const byEntry = new Map(rows.map((r) => [r.entry_id, decodeSheet(r.sheet_json)]));
    const problems = submissionProblems(
      f.rubric,
      jurorEntryIds(f, a.actorId).map((id) => ({
        entryId: id,
        label: entryRef(f, a.settings, id),
        sheet: byEntry.get(id) ?? null,
      })),
    );
    if (problems.length > 0) {
      // Entries are named by reference: an entry's id would undo blind mode.
      const listed = problems.map(({ entryId, ...p }) => ({ ...p, ref: entryRef(f, a.settings, entryId!) }));
      throw new AppError('judging.sheetIncomplete', { count: problems.length }, { problems: listed });
    }
    await trx
      .updateTable('judging_round_jurors')
      .set({ submitted_at: at, submitted_by: a.actorId })
      .where('round_id', '=', roundId)
      .where('user_id', '=', a.actorId)
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'judging.submit',
      contestId: a.contest.id,
      target: `judging_round:${roundId}`,
      details: { sheets: byEntry.size },
    });
    return { submittedAt: at };
  });
}
