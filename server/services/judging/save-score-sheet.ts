/**
 * A juror saves their sheet for one entry (autosave: the whole sheet on every change). Refused with the first reason
 * of `mayScore` (round state, phase, window, juror, entry: conflict, recusal, assignment), or when a value can never
 * be right (`checkSheet` errors: off the scale or its steps, unknown criterion). What is merely unfinished is saved
 * and listed as `pending`.
 *
 * Versions (core/judging/score-version.ts): a save carries the version it was based on; an older base with different
 * content is refused with `judging.staleVersion` (409) and the stored sheet, so an older tab or a replayed offline
 * save never overwrites a newer score. The race closes in the database: the update is conditional on the version read,
 * the insert of a first version does nothing on a conflict, and either way the whole save is decided again. Each
 * version written is kept (judging_score_versions) and audited in the same transaction.
 */
import { AppError } from '@core/errors.ts';
import { maySubmit, mayScore } from '@core/judging/may-score.ts';
import { checkSheet, type ScoreSave } from '@core/judging/score-sheet.ts';
import { decideSave } from '@core/judging/score-version.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { decodeSheet } from '../../db/json-columns.ts';
import { resolveRef } from './entry-refs.ts';
import { entryFacts, scoreContext, sheetState } from './juror-facts.ts';
import { loadRoundFacts } from './round-facts.ts';
import { assertRoundOpenInTx, jurorRowInTx } from './row-locks.ts';
import { changedRows } from '../../db/dialect.ts';

export async function saveScoreSheet(deps: Deps, actor: Actor, roundId: number, ref: string, input: ScoreSave) {
  const a = await roundAccess(deps, actor, roundId, 'juror');
  const ctx = scoreContext(a, deps.clock());
  const work = maySubmit(ctx);
  if (!work.ok) throw new AppError(work.code, work.params);
  const f = await loadRoundFacts(deps.db, a.round);
  const entryId = resolveRef(f, a.settings, ref);
  const may = mayScore(ctx, entryFacts(f, a, entryId));
  if (!may.ok) throw new AppError(may.code, may.params);
  const { errors, pending } = checkSheet(f.rubric, input.sheet);
  if (errors.length > 0)
    throw new AppError('judging.sheetInvalid', { entry: ref, count: errors.length }, { problems: errors });

  for (let attempt = 0; ; attempt++) {
    const out = await deps.db.transaction().execute(async (trx) => {
      await assertRoundOpenInTx(trx, deps.dialect, { id: roundId, name: a.round.name });
      const juror = await jurorRowInTx(trx, deps.dialect, roundId, a.actorId, 'share');
      if (!juror) throw new AppError('judging.notRoundJuror', { round: a.round.name });
      if (juror.submittedAt) throw new AppError('judging.sheetSubmitted', { round: a.round.name });
      const stored = await trx
        .selectFrom('judging_scores')
        .select(['id', 'version', 'sheet_json'])
        .where('round_id', '=', roundId)
        .where('juror_user_id', '=', a.actorId)
        .where('entry_id', '=', entryId)
        .executeTakeFirst();
      const decision = decideSave(
        stored ? { version: stored.version, sheet: decodeSheet(stored.sheet_json) } : null,
        input.baseVersion,
        input.sheet,
      );
      if (decision.kind === 'stale')
        throw new AppError(
          'judging.staleVersion',
          { entry: ref, stored: decision.stored.version, base: input.baseVersion },
          { stored: decision.stored },
        );
      if (decision.kind === 'unchanged') return { version: decision.version, written: false };
      const at = deps.clock().toISOString();
      const json = JSON.stringify(input.sheet);
      let scoreId: number;
      if (stored) {
        const res = await trx
          .updateTable('judging_scores')
          .set({ sheet_json: json, version: decision.version, updated_at: at })
          .where('id', '=', stored.id)
          .where('version', '=', stored.version)
          .executeTakeFirst();
        if (changedRows(res) !== 1) return null; // another save came first: decide again
        scoreId = stored.id;
      } else {
        const row = await trx
          .insertInto('judging_scores')
          .values({
            round_id: roundId,
            entry_id: entryId,
            juror_user_id: a.actorId,
            sheet_json: json,
            version: decision.version,
            source: 'online',
            entered_by: a.actorId,
            checked_by: null,
            checked_at: null,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.columns(['round_id', 'juror_user_id', 'entry_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) return null;
        scoreId = row.id;
      }
      await trx
        .insertInto('judging_score_versions')
        .values({
          score_id: scoreId,
          version: decision.version,
          sheet_json: json,
          source: 'online',
          actor_user_id: a.actorId,
          at,
        })
        .execute();
      await appendAudit(trx, deps, actor, {
        action: 'judging.score',
        contestId: a.contest.id,
        target: `judging_score:${scoreId}`,
        details: {
          roundId,
          ref,
          version: decision.version,
          values: input.sheet.values,
          abstain: input.sheet.abstain !== null,
        },
      });
      return { version: decision.version, written: true };
    });
    if (out) return { version: out.version, written: out.written, state: sheetState(f, input.sheet), pending };
    if (attempt >= 3) throw new AppError('judging.staleVersion', { entry: ref, stored: '?', base: input.baseVersion });
  }
}
