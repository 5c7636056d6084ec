/**
 * For the judging home: the open rounds with typed paper sheets waiting for the caller's check. A sheet the caller
 * typed is not theirs to check (a second person must), so it is left out of their count. Only callers who may check
 * (the round's chair, or a role with `judging.checkPaper` in the contest) get a round.
 */
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';

export async function paperChecksWaiting(deps: Deps, actor: Actor) {
  const pending = await deps.db
    .selectFrom('judging_scores')
    .innerJoin('judging_rounds', 'judging_rounds.id', 'judging_scores.round_id')
    .innerJoin('contests', 'contests.id', 'judging_rounds.contest_id')
    .select(['judging_rounds.id', 'contests.slug', 'contests.name as contest_name'])
    .select((eb) => eb.fn.countAll<number | string>().as('waiting'))
    .where('judging_rounds.state', '=', 'open')
    .where('judging_scores.source', '=', 'paper')
    .where('judging_scores.checked_by', 'is', null)
    .where('judging_scores.rejected_by', 'is', null)
    .where('judging_scores.entered_by', '<>', actor.userId)
    .groupBy([
      'judging_rounds.id',
      'contests.slug',
      'contests.name',
      'judging_rounds.contest_id',
      'judging_rounds.position',
    ])
    .orderBy('judging_rounds.contest_id')
    .orderBy('judging_rounds.position')
    .execute();
  const rounds = [];
  for (const p of pending) {
    let a;
    try {
      a = await roundAccess(deps, actor, p.id, 'paperCheck');
    } catch {
      continue; // not theirs to check
    }
    rounds.push({
      roundId: p.id,
      contestSlug: p.slug,
      contestName: p.contest_name,
      name: a.round.name,
      nameEn: a.round.name_en,
      waiting: Number(p.waiting),
    });
  }
  return rounds;
}
