/**
 * Who has scored what in a round, for the chair, the secretary and the organizer: per juror, whether they submitted
 * and the state of each of their sheets; for a juror on paper, where their typed sheets stand (not typed, waiting for
 * the second person's check, sent back, checked); per entry, how many sheets are complete against the minimum.
 */
import { paperCheckState } from '@core/judging/paper-check.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { decodeSheet } from '../../db/json-columns.ts';
import { entryRef } from './entry-refs.ts';
import { sheetState, type SheetState } from './juror-facts.ts';
import { loadRoundFacts, pairKey } from './round-facts.ts';

export type Cell = SheetState | 'blocked' | 'not_assigned';

export async function getRoundProgress(deps: Deps, actor: Actor, roundId: number) {
  const a = await roundAccess(deps, actor, roundId, 'follow');
  const f = await loadRoundFacts(deps.db, a.round);
  const rows = await deps.db
    .selectFrom('judging_scores')
    .select(['juror_user_id', 'entry_id', 'sheet_json', 'source', 'checked_by', 'rejected_by'])
    .where('round_id', '=', roundId)
    .execute();
  const sheets = new Map(rows.map((r) => [pairKey(r.juror_user_id, r.entry_id), decodeSheet(r.sheet_json)]));
  const typed = new Map(
    rows
      .filter((r) => r.source === 'paper')
      .map((r) => [
        pairKey(r.juror_user_id, r.entry_id),
        paperCheckState({ checkedBy: r.checked_by, rejectedBy: r.rejected_by }),
      ]),
  );
  const cell = (jurorId: number, entryId: number): Cell => {
    if (f.blocks.get(jurorId, entryId)) return 'blocked';
    if (!f.assigned.has(pairKey(jurorId, entryId))) return 'not_assigned';
    return sheetState(f, sheets.get(pairKey(jurorId, entryId)) ?? null);
  };
  const jurors = f.jurors.map((j) => {
    const cells = f.entryIds.map((e) => cell(j.userId, e));
    const assigned = cells.filter((c) => c !== 'blocked' && c !== 'not_assigned').length;
    const done = cells.filter((c) => c === 'complete' || c === 'abstained').length;
    let paper = null;
    if (j.mode === 'paper') {
      paper = { notTyped: 0, pending: 0, rejected: 0, confirmed: 0 };
      for (const [i, e] of f.entryIds.entries()) {
        if (cells[i] === 'blocked' || cells[i] === 'not_assigned') continue;
        const state = typed.get(pairKey(j.userId, e));
        if (state === undefined) paper.notTyped++;
        else paper[state]++;
      }
    }
    return {
      userId: j.userId,
      fullName: j.fullName,
      isChair: j.isChair,
      mode: j.mode,
      submittedAt: j.submittedAt,
      assigned,
      done,
      cells,
      /** On paper: entries by where their typed sheet stands; `submittedAt` is when the signed sheet was received. */
      paper,
    };
  });
  const entries = f.entryIds.map((e, i) => ({
    ref: entryRef(f, a.settings, e),
    complete: jurors.filter((j) => j.cells[i] === 'complete').length,
    minScores: f.method.minScores,
  }));
  return { roundId, name: a.round.name, state: a.round.state, entries, jurors };
}
