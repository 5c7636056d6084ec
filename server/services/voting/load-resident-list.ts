import { AppError } from '@core/errors.ts';
import { parseResidentList } from '@core/voting/resident-list.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { residentHash } from './resident-hash.ts';
import { loadVotingContest } from './voting-contest.ts';

const BATCH = 1000;

/**
 * The organizer loads the resident list from a CSV file: all or nothing, every bad row listed. The new list replaces
 * the old one whole (a number missed can be added by loading the corrected file, also while voting runs). Only the
 * numbers' keyed hashes are stored; the audit record keeps the count, never a number.
 */
export async function loadResidentList(
  deps: Deps,
  actor: Actor,
  slug: string,
  file: Buffer,
): Promise<{ numbers: number; duplicates: number }> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'contest.edit');
  const parsed = parseResidentList(file.toString('utf8').replace(/^\uFEFF/, ''));
  if (!parsed.ok) {
    throw new AppError(
      'residents.rowErrors',
      { count: parsed.errors.length },
      { rows: parsed.errors.slice(0, 200).map((e) => ({ line: e.line, vi: e.message.vi, en: e.message.en })) },
    );
  }
  const hashes = parsed.numbers.map((n) => residentHash(deps, n));
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('voting_residents').where('contest_id', '=', v.contest.id).execute();
    for (let i = 0; i < hashes.length; i += BATCH) {
      await trx
        .insertInto('voting_residents')
        .values(hashes.slice(i, i + BATCH).map((h) => ({ contest_id: v.contest.id, number_hash: h })))
        .execute();
    }
    const row = { numbers: hashes.length, loaded_at: now, loaded_by: actor.userId };
    await trx
      .insertInto('voting_resident_lists')
      .values({ contest_id: v.contest.id, ...row })
      .onConflict((oc) => oc.column('contest_id').doUpdateSet(row))
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'voting.residents',
      contestId: v.contest.id,
      target: `contest:${v.contest.id}`,
      details: { numbers: hashes.length, duplicates: parsed.duplicates },
    });
  });
  return { numbers: hashes.length, duplicates: parsed.duplicates };
}
