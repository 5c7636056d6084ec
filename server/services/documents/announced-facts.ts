/**
 * What the award documents read: the announced allocation (its latest version) and the facts of each winning entry.
 * A read without a gate: callers authorize first.
 */
import type { Allocation } from '@core/awards/allocation.ts';
import type { AwardedEntryFacts } from '@core/documents/awarded-entry.ts';
import { AppError } from '@core/errors.ts';
import type { Tx } from '../../db/dialect.ts';
import { decodeAllocation } from '../../db/json-columns.ts';
import { listAnnouncedAwards, type AnnouncedAwards } from '../awards/list-announced-awards.ts';

export interface AnnouncedFacts {
  announced: AnnouncedAwards;
  allocation: Allocation;
  entries: Map<number, AwardedEntryFacts>;
}

export async function loadAnnouncedFacts(db: Tx, contestId: number): Promise<AnnouncedFacts> {
  const announced = await listAnnouncedAwards(db, contestId);
  if (!announced) throw new AppError('certificates.notAnnounced');
  const row = await db
    .selectFrom('award_allocations')
    .select('result_json')
    .where('contest_id', '=', contestId)
    .where('version', '=', announced.version)
    .executeTakeFirstOrThrow();
  return {
    announced,
    allocation: decodeAllocation(row.result_json) as Allocation,
    entries: new Map(announced.winners.map((w) => [w.entry.entryId, w.entry])),
  };
}
