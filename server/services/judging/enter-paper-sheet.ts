/**
 * The secretary types a paper juror's scores for one entry from the signed sheet (phiếu chấm giấy). The same checks
 * as a juror's save (core mayEnterPaper: round open, the juror scores on paper and has not been marked received, the
 * entry in the round, assigned and not blocked; `checkSheet` errors refuse), the same versions (a typing based on an
 * older version with other content is `judging.staleVersion`). The sheet is stored as `paper`, typed by the caller,
 * and goes back to waiting for a second person's check: any check or rejection of an earlier version is cleared.
 * Typing again exactly what a rejected sheet holds sends it back for checking without a new version (the typist
 * compared it again and stands by it). Every version is kept and audited.
 */
import { AppError } from '@core/errors.ts';
import { paperCheckState } from '@core/judging/paper-check.ts';
import { checkSheet, type ScoreSave } from '@core/judging/score-sheet.ts';
import { decideSave } from '@core/judging/score-version.ts';
import type { Actor, Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resolveRef } from './entry-refs.ts';
import { paperJuror, paperRows, paperVerdict } from './paper-facts.ts';
import { loadRoundFacts } from './round-facts.ts';
import { assertRoundOpenInTx, jurorRowInTx } from './row-locks.ts';

export async function enterPaperSheet(
  deps: Deps,
  actor: Actor,
  roundId: number,
  jurorUserId: number,
  ref: string,
  input: ScoreSave,
) {
  const a = await roundAccess(deps, actor, roundId, 'paperEnter');
  const f = await loadRoundFacts(deps.db, a.round);
  const juror = paperJuror(f, jurorUserId);
  const entryId = resolveRef(f, a.settings, ref);
  const may = paperVerdict(f, a, juror, entryId);
  if (!may.ok) throw new AppError(may.code, may.params);
  const { errors, pending } = checkSheet(f.rubric, input.sheet);
  if (errors.length > 0)
    throw new AppError('judging.sheetInvalid', { entry: ref, count: errors.length }, { problems: errors });

  for (let attempt = 0; ; attempt++) {
    const out = await deps.db.transaction().execute(async (trx) => {
      await assertRoundOpenInTx(trx, deps.dialect, { id: roundId, name: a.round.name });
      const row = await jurorRowInTx(trx, deps.dialect, roundId, jurorUserId, 'share');
      if (!row) throw new AppError('judging.jurorNotInRound', { round: a.round.name, juror: juror.fullName });
      if (row.submittedAt) throw new AppError('judging.paperReceived', { round: a.round.name, juror: juror.fullName });
      const stored = (await paperRows(trx, f, jurorUserId)).get(entryId) ?? null;
      const decision = decideSave(stored, input.baseVersion, input.sheet);
      if (decision.kind === 'stale')
        throw new AppError(
          'judging.staleVersion',
          { entry: ref, stored: decision.stored.version, base: input.baseVersion },
          { stored: { version: decision.stored.version, sheet: decision.stored.sheet } },
        );
      const at = deps.clock().toISOString();
      const audit = (action: string, version: number, scoreId: number) =>
        appendAudit(trx, deps, actor, {
          action,
          contestId: a.contest.id,
          target: `judging_score:${scoreId}`,
          details: {
            roundId,
            jurorUserId,
            ref,
            version,
            values: input.sheet.values,
            abstain: input.sheet.abstain !== null,
          },
        });
      if (decision.kind === 'unchanged') {
        if (!stored || paperCheckState(stored) !== 'rejected')
          return { version: decision.version, written: false, check: stored ? paperCheckState(stored) : 'pending' };
        const upd = await trx
          .updateTable('judging_scores')
          .set({ entered_by: a.actorId, rejected_by: null, rejected_at: null, reject_reason: null, updated_at: at })
          .where('id', '=', stored.id)
          .where('version', '=', stored.version)
          .where('rejected_by', 'is not', null)
          .executeTakeFirst();
        if (changedRows(upd) !== 1) return null;
        await audit('judging.paperResent', stored.version, stored.id);
        return { version: stored.version, written: false, check: 'pending' as const };
      }
      const json = JSON.stringify(input.sheet);
      const cleared = { checked_by: null, checked_at: null, rejected_by: null, rejected_at: null, reject_reason: null };
      let scoreId: number;
      if (stored) {
        const res = await trx
          .updateTable('judging_scores')
          .set({
            sheet_json: json,
            version: decision.version,
            source: 'paper',
            entered_by: a.actorId,
            ...cleared,
            updated_at: at,
          })
          .where('id', '=', stored.id)
          .where('version', '=', stored.version)
          .executeTakeFirst();
        if (changedRows(res) !== 1) return null;
        scoreId = stored.id;
      } else {
        const ins = await trx
          .insertInto('judging_scores')
          .values({
            round_id: roundId,
            entry_id: entryId,
            juror_user_id: jurorUserId,
            sheet_json: json,
            version: decision.version,
            source: 'paper',
            entered_by: a.actorId,
            ...cleared,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.columns(['round_id', 'juror_user_id', 'entry_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!ins) return null;
        scoreId = ins.id;
      }
      await trx
        .insertInto('judging_score_versions')
        .values({
          score_id: scoreId,
          version: decision.version,
          sheet_json: json,
          source: 'paper',
          actor_user_id: a.actorId,
          at,
        })
        .execute();
      await audit('judging.paperEntered', decision.version, scoreId);
      return { version: decision.version, written: true, check: 'pending' as const };
    });
    if (out) return { ...out, pending };
    if (attempt >= 3) throw new AppError('judging.staleVersion', { entry: ref, stored: '?', base: input.baseVersion });
  }
}
