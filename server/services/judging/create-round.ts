/** The organizer adds a judging round after the contest's last one (a new round starts in draft). */
import { AppError } from '@core/errors.ts';
import { rubricProblems } from '@core/judging/rubric.ts';
import type { RoundInput } from '@core/judging/round-input.ts';
import type { Actor, Deps } from '../../context.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { loadContest } from '../contests/load-contest.ts';
import { roundRow } from './round-values.ts';

export async function createRound(deps: Deps, actor: Actor, slug: string, input: RoundInput): Promise<{ id: number }> {
  const contest = await loadContest(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'judging.manageRounds');
  if (input.rubric) {
    const problems = rubricProblems(input.rubric);
    if (problems.length) throw new AppError('judging.rubricInvalid', { count: problems.length }, { problems });
  }
  const now = deps.clock();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('judging_rounds')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('contest_id', '=', contest.id)
        .executeTakeFirst();
      const position = Number(last?.max ?? 0) + 1;
      const values = roundRow(
        { id: contest.id, rubric: contest.settings.rubric, phases: contest.phases },
        position,
        input,
        actor.userId,
        now,
      );
      const { id } = await trx.insertInto('judging_rounds').values(values).returning('id').executeTakeFirstOrThrow();
      await appendAudit(trx, deps, actor, {
        action: 'judging.roundCreate',
        contestId: contest.id,
        target: `judging_round:${id}`,
        details: { name: input.name, position },
      });
      return { id };
    });
  } catch (err) {
    // Two organizers adding a round at once: the second one tries again.
    if (isUniqueViolation(err)) return createRound(deps, actor, slug, input);
    throw err;
  }
}
