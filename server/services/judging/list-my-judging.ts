/**
 * A juror's home: each round they are appointed to, in every contest, with its window, how much is left and what to
 * do next; the chair's rounds say so. Open rounds first. For whoever may check typed paper sheets, the rounds with
 * sheets waiting for their check (`paperChecks`).
 */
import type { Actor, Deps } from '../../context.ts';
import { requireLogin } from '../access/authorize.ts';
import { roundAccess } from '../access/judging-access.ts';
import { jurorEntryIds, sheetState } from './juror-facts.ts';
import { loadRoundFacts } from './round-facts.ts';
import { decodeSheet } from '../../db/json-columns.ts';
import { paperChecksWaiting } from './paper-checks-waiting.ts';

export type NextStep = 'wait_for_open' | 'score' | 'submit' | 'done' | 'locked' | 'chair_lock';

export async function listMyJudging(deps: Deps, actor: Actor) {
  requireLogin(actor);
  const mine = await deps.db
    .selectFrom('judging_round_jurors')
    .innerJoin('judging_rounds', 'judging_rounds.id', 'judging_round_jurors.round_id')
    .innerJoin('contests', 'contests.id', 'judging_rounds.contest_id')
    .select(['judging_rounds.id', 'contests.slug', 'contests.name as contest_name'])
    .where('judging_round_jurors.user_id', '=', actor.userId)
    .orderBy('judging_rounds.contest_id')
    .orderBy('judging_rounds.position')
    .execute();
  const rounds = [];
  for (const m of mine) {
    let a;
    try {
      a = await roundAccess(deps, actor, m.id, 'juror');
    } catch {
      continue; // no longer a juror of the contest
    }
    const f = await loadRoundFacts(deps.db, a.round);
    const ids = a.round.state === 'draft' ? [] : jurorEntryIds(f, a.actorId);
    const sheets = await deps.db
      .selectFrom('judging_scores')
      .select(['entry_id', 'sheet_json'])
      .where('round_id', '=', a.round.id)
      .where('juror_user_id', '=', a.actorId)
      .execute();
    const byEntry = new Map(sheets.map((s) => [s.entry_id, decodeSheet(s.sheet_json)]));
    const done = ids.filter((id) => {
      const s = sheetState(f, byEntry.get(id) ?? null);
      return s === 'complete' || s === 'abstained';
    }).length;
    const submitted = a.juror!.submittedAt !== null;
    const allSubmitted = f.jurors.every((j) => j.submittedAt !== null);
    const next: NextStep =
      a.round.state === 'draft'
        ? 'wait_for_open'
        : a.round.state === 'locked'
          ? 'locked'
          : !submitted
            ? done < ids.length
              ? 'score'
              : 'submit'
            : a.isChair && allSubmitted
              ? 'chair_lock'
              : 'done';
    rounds.push({
      roundId: a.round.id,
      contestSlug: m.slug,
      contestName: m.contest_name,
      name: a.round.name,
      nameEn: a.round.name_en,
      state: a.round.state,
      window: { startsAt: a.round.window_starts_at, endsAt: a.round.window_ends_at },
      isChair: a.isChair,
      mode: a.juror!.mode,
      total: ids.length,
      done,
      submittedAt: a.juror!.submittedAt,
      next,
    });
  }
  const rank = (s: string) => (s === 'open' ? 0 : s === 'draft' ? 1 : 2);
  rounds.sort((x, y) => rank(x.state) - rank(y.state));
  return { rounds, paperChecks: await paperChecksWaiting(deps, actor) };
}
