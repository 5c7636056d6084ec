import type { Tx } from '../../db/dialect.ts';

/**
 * What erasure and retention need of a contest's awards (server/services/awards): the entries named by the
 * allocation in force once announced, whose authors' names stay on the results and certificates, and when the
 * results were first announced.
 */
export async function winningEntryIds(db: Tx, contestIds: readonly number[]): Promise<Set<number>> {
  if (contestIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('award_winners as w')
    .innerJoin('award_allocations as a', (j) =>
      j.onRef('a.contest_id', '=', 'w.contest_id').onRef('a.version', '=', 'w.allocation_version'),
    )
    .select('w.entry_id')
    .where('w.contest_id', 'in', contestIds)
    .where('a.state', '=', 'announced')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('award_allocations as later')
            .select('later.id')
            .whereRef('later.contest_id', '=', 'a.contest_id')
            .whereRef('later.version', '>', 'a.version')
            .where('later.state', '=', 'announced'),
        ),
      ),
    )
    .execute();
  return new Set(rows.map((r) => r.entry_id));
}

/** When the contest's results were first announced, or null. */
export async function resultsAnnouncedAt(db: Tx, contestId: number): Promise<Date | null> {
  const row = await db
    .selectFrom('award_allocations')
    .select((eb) => eb.fn.min('announced_at').as('first'))
    .where('contest_id', '=', contestId)
    .where('state', '=', 'announced')
    .executeTakeFirst();
  return row?.first ? new Date(row.first) : null;
}
