import type { DialectName, Tx } from '../../db/dialect.ts';

/**
 * Budget steps and certificate issuance on one contest run one at a time: the contest's row is taken FOR UPDATE on
 * PostgreSQL (SQLite runs one writer at a time), so that two tabs submitting or finance approving while the lines are
 * saved cannot interleave.
 */
export async function lockContestPaperwork(trx: Tx, dialect: DialectName, contestId: number): Promise<void> {
  const q = trx.selectFrom('contests').select('id').where('id', '=', contestId);
  await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

/** The current estimate's row id, creating revision 1 as a draft when the contest has none yet. */
export async function ensureEstimate(
  trx: Tx,
  contestId: number,
  existing: number | null,
  actorId: number | null,
  at: string,
): Promise<number> {
  if (existing !== null) return existing;
  const row = await trx
    .insertInto('budget_estimates')
    .values({ contest_id: contestId, revision: 1, state: 'draft', updated_by: actorId, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
