/**
 * The retention job (docs/decisions/0042), run by the worker's housekeeping. For each contest, once:
 * - `retention_months` after the results were first announced, the addresses, phones and e-mails of the authors of
 *   entries that did not win are removed (winners keep theirs for the prize payment and the records);
 * - `hashRetentionDays` (voting settings) after voting closed and the results were announced, whichever is later,
 *   the verified voters' keyed hashes, their code requests, sessions and the addresses and devices recorded with
 *   their votes are removed; the pseudonymous log and the counts stay, so the tally can still be recomputed.
 * Each removal is reported in `retention_runs` and audited, with counts only.
 */
import { CONTACT_FIELDS, entrantDataDueAt, eraseDraft, voterHashesDueAt } from '@core/privacy-erasure.ts';
import { resolveVotingSettings } from '@core/voting/settings.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { decodeDraft } from '../../db/json-columns.ts';
import { isUniqueViolation, type Tx } from '../../db/dialect.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { resultsAnnouncedAt, winningEntryIds } from './contest-outcome.ts';

const SYSTEM: Actor = { userId: null, isSiteAdmin: false, ip: null };

export interface RetentionReport {
  contestId: number;
  kind: 'entrants' | 'voters';
  [count: string]: number | string;
}

async function alreadyRan(db: Tx, contestId: number, kind: 'entrants' | 'voters'): Promise<boolean> {
  const row = await db
    .selectFrom('retention_runs')
    .select('id')
    .where('contest_id', '=', contestId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return !!row;
}

/** Records the run; false when another process recorded it first (the work is then rolled back). */
async function recordRun(trx: Tx, deps: Deps, report: RetentionReport): Promise<void> {
  const { contestId, kind, ...counts } = report;
  await trx
    .insertInto('retention_runs')
    .values({ contest_id: contestId, kind, ran_at: deps.clock().toISOString(), report_json: JSON.stringify(counts) })
    .execute();
  await appendAudit(trx, deps, SYSTEM, {
    action: 'privacy.retention',
    contestId,
    target: `contest:${contestId}`,
    details: { kind, ...counts },
  });
}

async function purgeEntrants(deps: Deps, contestId: number, months: number): Promise<RetentionReport | null> {
  const due = entrantDataDueAt(await resultsAnnouncedAt(deps.db, contestId), months);
  if (!due || due > deps.clock()) return null;
  const winners = await winningEntryIds(deps.db, [contestId]);
  const entries = await deps.db
    .selectFrom('entries')
    .select(['id', 'draft_json'])
    .where('contest_id', '=', contestId)
    .execute();
  return deps.db.transaction().execute(async (trx) => {
    let changed = 0;
    let fieldsCleared = 0;
    for (const e of entries) {
      if (winners.has(e.id)) continue;
      const r = eraseDraft(decodeDraft(e.draft_json), 'keepNames');
      if (r.cleared === 0) continue;
      changed++;
      fieldsCleared += r.cleared;
      await trx
        .updateTable('entries')
        .set({ draft_json: JSON.stringify(r.draft) })
        .where('id', '=', e.id)
        .execute();
    }
    const report = {
      contestId,
      kind: 'entrants' as const,
      entries: changed,
      fieldsCleared,
      winnersKept: winners.size,
      fields: CONTACT_FIELDS.join(','),
    };
    await recordRun(trx, deps, report);
    return report;
  });
}

async function purgeVoters(deps: Deps, contestId: number, days: number): Promise<RetentionReport | null> {
  const phase = await deps.db
    .selectFrom('contest_phases')
    .select('ends_at')
    .where('contest_id', '=', contestId)
    .where('kind', '=', 'public_voting')
    .executeTakeFirst();
  const closedAt = phase ? new Date(phase.ends_at) : null;
  const due = voterHashesDueAt(closedAt, await resultsAnnouncedAt(deps.db, contestId), days);
  if (!due || due > deps.clock()) return null;
  return deps.db.transaction().execute(async (trx) => {
    const n = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
      Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0);
    const report = {
      contestId,
      kind: 'voters' as const,
      hashes: n(
        await trx
          .updateTable('voters')
          .set({ identity_hash: null })
          .where('contest_id', '=', contestId)
          .where('identity_hash', 'is not', null)
          .executeTakeFirst(),
      ),
      codeRequests: n(await trx.deleteFrom('code_requests').where('contest_id', '=', contestId).executeTakeFirst()),
      votesAddresses: n(
        await trx
          .updateTable('votes')
          .set({ ip: null, network: null, device_id: null })
          .where('contest_id', '=', contestId)
          .where((eb) => eb.or([eb('ip', 'is not', null), eb('device_id', 'is not', null)]))
          .executeTakeFirst(),
      ),
    };
    await trx.deleteFrom('code_failures').where('contest_id', '=', contestId).execute();
    await trx
      .deleteFrom('voter_sessions')
      .where('voter_id', 'in', (eb) => eb.selectFrom('voters').select('id').where('contest_id', '=', contestId))
      .execute();
    await recordRun(trx, deps, report);
    return report;
  });
}

export async function purgeExpiredPersonalData(deps: Deps): Promise<RetentionReport[]> {
  const contests = await deps.db.selectFrom('contests').select(['id', 'retention_months']).execute();
  const out: RetentionReport[] = [];
  for (const c of contests) {
    try {
      if (!(await alreadyRan(deps.db, c.id, 'entrants'))) {
        const r = await purgeEntrants(deps, c.id, c.retention_months);
        if (r) out.push(r);
      }
      if (!(await alreadyRan(deps.db, c.id, 'voters'))) {
        const settings = settingsOf(await findContestRow(deps.db, { id: c.id }));
        const r = await purgeVoters(deps, c.id, resolveVotingSettings(settings.voting).hashRetentionDays);
        if (r) out.push(r);
      }
    } catch (err) {
      // Two workers may run the job at once: the second one's run is rolled back by the unique key.
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return out;
}
