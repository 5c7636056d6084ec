import { AppError } from '@core/errors.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import type { StoredObject } from '../../storage/storage.ts';
import { loadVotingContest } from './voting-contest.ts';

/** The screenshot attached to an entry's fanpage figures, for the staff who record or confirm them. */
export async function openFanpageEvidence(
  deps: Deps,
  actor: Actor,
  slug: string,
  entryId: number,
): Promise<StoredObject> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'fanpage.confirm');
  const row = await deps.db
    .selectFrom('fanpage_counts')
    .select(['evidence_key'])
    .where('contest_id', '=', v.contest.id)
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
  const obj = row?.evidence_key ? await deps.storage.get(row.evidence_key) : null;
  if (!obj) throw new AppError('notFound');
  return obj;
}
