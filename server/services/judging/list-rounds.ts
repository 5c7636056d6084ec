/** The organizer's and the secretary's list of a contest's judging rounds, with the contest's judging settings. */
import type { Actor, Deps } from '../../context.ts';
import { authorize } from '../access/authorize.ts';
import { judgingSettingsOf } from '../access/judging-access.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { decodeAssignmentSpec, decodeEntrySet } from '../../db/json-columns.ts';
import { can } from '@core/roles.ts';

export async function listRounds(deps: Deps, actor: Actor, slug: string) {
  const contest = await findContestRow(deps.db, { slug });
  const roles = await authorize(deps, actor, contest.id, 'judging.viewProgress');
  const rows = await deps.db
    .selectFrom('judging_rounds')
    .selectAll()
    .where('contest_id', '=', contest.id)
    .orderBy('position')
    .execute();
  return {
    settings: await judgingSettingsOf(deps, contest.id),
    mayManage: can({ isSiteAdmin: actor.isSiteAdmin, roles }, 'judging.manageRounds'),
    rounds: rows.map((r) => ({
      id: r.id,
      position: r.position,
      name: r.name,
      nameEn: r.name_en,
      state: r.state,
      window: { startsAt: r.window_starts_at, endsAt: r.window_ends_at },
      entrySet: decodeEntrySet(r.entry_set_json),
      assignmentMode: decodeAssignmentSpec(r.assignment_json).mode,
      openedAt: r.opened_at,
      lockedAt: r.locked_at,
    })),
  };
}
