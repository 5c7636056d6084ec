/** The organizer changes a round while it is in draft: name, window, entries, rubric, assignment, method. */
import { AppError } from '@core/errors.ts';
import { rubricProblems } from '@core/judging/rubric.ts';
import type { RoundInput } from '@core/judging/round-input.ts';
import { decodeEntrySet, decodeRankingMethod, decodeRoundRubric } from '../../db/json-columns.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { decodeAssignmentSpec } from '../../db/json-columns.ts';
import { assignmentColumn, roundRow } from './round-values.ts';
import { changedRows } from '../../db/dialect.ts';

export async function updateRound(deps: Deps, actor: Actor, roundId: number, input: RoundInput): Promise<void> {
  const a = await roundAccess(deps, actor, roundId, 'manage');
  if (a.round.state !== 'draft') throw new AppError('judging.roundNotDraft', { round: a.round.name });
  if (input.rubric) {
    const problems = rubricProblems(input.rubric);
    if (problems.length) throw new AppError('judging.rubricInvalid', { count: problems.length }, { problems });
  }
  const values = roundRow(
    { id: a.contest.id, rubric: a.contest.settings.rubric, phases: a.contest.phases },
    a.round.position,
    {
      ...input,
      // Unchanged unless given.
      entrySet: input.entrySet ?? decodeEntrySet(a.round.entry_set_json),
      rubric: input.rubric ?? decodeRoundRubric(a.round.rubric_json),
      method: input.method ?? decodeRankingMethod(a.round.method_json),
      window: input.window ?? { startsAt: a.round.window_starts_at, endsAt: a.round.window_ends_at },
    },
    a.actorId,
    deps.clock(),
  );
  const stored = decodeAssignmentSpec(a.round.assignment_json);
  // A balanced assignment keeps its seed, so the same jurors and entries give the same pairs.
  const assignment = input.assignment
    ? assignmentColumn(input.assignment, stored.mode === 'balanced' ? stored.seed : undefined)
    : stored;
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('judging_rounds')
      .set({
        name: values.name,
        name_en: values.name_en,
        window_starts_at: values.window_starts_at,
        window_ends_at: values.window_ends_at,
        entry_set_json: values.entry_set_json,
        rubric_json: values.rubric_json,
        assignment_json: JSON.stringify(assignment),
        method_json: values.method_json,
        updated_at: values.updated_at,
      })
      .where('id', '=', roundId)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (changedRows(res) !== 1) throw new AppError('judging.roundNotDraft', { round: a.round.name });
    await appendAudit(trx, deps, actor, {
      action: 'judging.roundUpdate',
      contestId: a.contest.id,
      target: `judging_round:${roundId}`,
      details: { name: values.name, fields: Object.keys(input) },
    });
  });
}
