import { AppError } from '@core/errors.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { findContestRow } from '../contests/load-contest.ts';
import type { Actor, Deps } from '../../context.ts';
import { decodeRetentionReport } from '../../db/json-columns.ts';

export interface RetentionSettings {
  months: number;
  /** What the retention job has already removed from this contest, by kind. */
  runs: { kind: 'entrants' | 'voters'; ranAt: string; report: Record<string, unknown> }[];
}

async function read(deps: Deps, contestId: number, months: number): Promise<RetentionSettings> {
  const runs = await deps.db
    .selectFrom('retention_runs')
    .select(['kind', 'ran_at', 'report_json'])
    .where('contest_id', '=', contestId)
    .orderBy('ran_at')
    .execute();
  return {
    months,
    runs: runs.map((r) => ({ kind: r.kind, ranAt: r.ran_at, report: decodeRetentionReport(r.report_json) })),
  };
}

/** The contest's retention period and what has been removed so far (organizers). */
export async function getRetention(deps: Deps, actor: Actor, slug: string): Promise<RetentionSettings> {
  const row = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, row.id, 'contest.edit');
  return read(deps, row.id, row.retention_months);
}

/** Sets how many months after the results the non-winners' contact details are kept (0–120), audited. */
export async function setRetentionPeriod(
  deps: Deps,
  actor: Actor,
  slug: string,
  months: number,
): Promise<RetentionSettings> {
  if (!Number.isInteger(months) || months < 0 || months > 120) throw new AppError('privacy.retentionMonths');
  const row = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, row.id, 'contest.edit');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('contests').set({ retention_months: months }).where('id', '=', row.id).execute();
    await appendAudit(trx, deps, actor, {
      action: 'privacy.retentionSet',
      contestId: row.id,
      target: `contest:${row.id}`,
      details: { from: row.retention_months, to: months },
    });
  });
  return read(deps, row.id, months);
}
