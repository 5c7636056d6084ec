import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadVotingContest } from './voting-contest.ts';

export interface ResidentListView {
  /** Whether only listed numbers may verify (the `residentListOnly` setting). */
  restricted: boolean;
  /** How many numbers the loaded list holds; 0 with none. */
  numbers: number;
  loadedAt: string | null;
  loadedBy: string | null;
}

/** What voting staff see of the resident list: whether it is in force, its size and who loaded it when. */
export async function getResidentList(deps: Deps, actor: Actor, slug: string): Promise<ResidentListView> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'votes.view');
  const list = await deps.db
    .selectFrom('voting_resident_lists as l')
    .leftJoin('users as u', 'u.id', 'l.loaded_by')
    .select(['l.numbers', 'l.loaded_at', 'u.full_name'])
    .where('l.contest_id', '=', v.contest.id)
    .executeTakeFirst();
  return {
    restricted: v.settings.residentListOnly,
    numbers: list?.numbers ?? 0,
    loadedAt: list ? new Date(list.loaded_at).toISOString() : null,
    loadedBy: list?.full_name ?? null,
  };
}
