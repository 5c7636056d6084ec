/**
 * The chair of a round in draft (or the organizer) sets which entries of the previous round it takes: the top N of
 * that round's ranking, or the entries the chair chooses by reference with a reason. Which entries exactly is fixed
 * when the round opens (`roundEntries`); the round's page shows the result before. Audited.
 */
import { AppError } from '@core/errors.ts';
import type { ShortlistInput } from '@core/judging/round-input.ts';
import type { EntrySet } from '@core/judging/round.ts';
import { blockReasonOk } from '@core/judging/round-state.ts';
import type { Actor, Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { resolveRef } from './entry-refs.ts';
import { loadRoundFacts } from './round-facts.ts';

export async function setRoundShortlist(
  deps: Deps,
  actor: Actor,
  roundId: number,
  input: ShortlistInput,
): Promise<void> {
  const a = await roundAccess(deps, actor, roundId, 'chairOrManager');
  if (a.round.state !== 'draft') throw new AppError('judging.roundNotDraft', { round: a.round.name });
  const previous = await deps.db
    .selectFrom('judging_rounds')
    .selectAll()
    .where('contest_id', '=', a.contest.id)
    .where('position', '=', a.round.position - 1)
    .executeTakeFirst();
  if (!previous) throw new AppError('judging.noPreviousRound', { round: a.round.name });
  let entrySet: EntrySet;
  if (input.kind === 'top_n') entrySet = input;
  else {
    const ok = blockReasonOk(input.reason);
    if (!ok.ok) throw new AppError(ok.code, ok.params);
    const f = await loadRoundFacts(deps.db, previous);
    entrySet = {
      kind: 'chosen',
      entryIds: [...new Set(input.refs.map((ref) => resolveRef(f, a.settings, ref)))],
      reason: input.reason,
    };
  }
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('judging_rounds')
      .set({ entry_set_json: JSON.stringify(entrySet), updated_at: deps.clock().toISOString() })
      .where('id', '=', roundId)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (changedRows(res) !== 1) throw new AppError('judging.roundNotDraft', { round: a.round.name });
    await appendAudit(trx, deps, actor, {
      action: 'judging.shortlist',
      contestId: a.contest.id,
      target: `judging_round:${roundId}`,
      // References, not entry ids: the audit log is read by staff who may not hold the blind mapping.
      details:
        input.kind === 'top_n'
          ? { from: previous.name, kind: 'top_n', n: input.n, includeBoundaryTies: input.includeBoundaryTies }
          : { from: previous.name, kind: 'chosen', refs: input.refs, reason: input.reason },
    });
  });
}
