/**
 * The secretary marks a paper juror's signed sheet received: every entry of theirs in the round is typed, complete
 * and confirmed by a second person (core `paperReceiptProblems` lists what is not, each entry by reference). This
 * submits the juror's round, as a juror's own submission does online, so their confirmed scores count; the chair can
 * give the sheet back as for any juror. Audited.
 */
import { AppError } from '@core/errors.ts';
import { paperReceiptProblems } from '@core/judging/paper-check.ts';
import type { Actor, Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { entryRef } from './entry-refs.ts';
import { jurorEntryIds } from './juror-facts.ts';
import { paperJuror, paperRows } from './paper-facts.ts';
import { loadRoundFacts } from './round-facts.ts';
import { assertRoundOpenInTx, jurorRowInTx } from './row-locks.ts';

export async function markPaperReceived(deps: Deps, actor: Actor, roundId: number, jurorUserId: number) {
  const a = await roundAccess(deps, actor, roundId, 'paperEnter');
  const f = await loadRoundFacts(deps.db, a.round);
  const juror = paperJuror(f, jurorUserId);
  const names = { round: a.round.name, juror: juror.fullName };
  if (juror.mode !== 'paper') throw new AppError('judging.onlineJuror', names);
  return deps.db.transaction().execute(async (trx) => {
    await assertRoundOpenInTx(trx, deps.dialect, { id: roundId, name: a.round.name });
    const row = await jurorRowInTx(trx, deps.dialect, roundId, jurorUserId, 'update');
    if (!row) throw new AppError('judging.jurorNotInRound', { round: a.round.name, juror: juror.fullName });
    if (row.submittedAt) throw new AppError('judging.paperReceived', names);
    const rows = await paperRows(trx, f, jurorUserId);
    const problems = paperReceiptProblems(
      jurorEntryIds(f, jurorUserId).map((id) => {
        const r = rows.get(id);
        return { entryId: id, label: entryRef(f, a.settings, id), sheet: r && r.source === 'paper' ? r : null };
      }),
    );
    if (problems.length > 0) {
      const listed = problems.map(({ entryId, ...p }) => ({ ...p, ref: entryRef(f, a.settings, entryId!) }));
      throw new AppError('judging.paperNotReady', { ...names, count: problems.length }, { problems: listed });
    }
    const at = deps.clock().toISOString();
    const res = await trx
      .updateTable('judging_round_jurors')
      .set({ submitted_at: at, submitted_by: a.actorId })
      .where('round_id', '=', roundId)
      .where('user_id', '=', jurorUserId)
      .where('submitted_at', 'is', null)
      .executeTakeFirst();
    if (changedRows(res) !== 1) throw new AppError('judging.paperReceived', names);
    await appendAudit(trx, deps, actor, {
      action: 'judging.paperReceived',
      contestId: a.contest.id,
      target: `judging_round:${roundId}`,
      details: { jurorUserId, sheets: rows.size },
    });
    return { submittedAt: at };
  });
}
