/** The committee's queue of reports about published entries, open first. */
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { decodeDraft } from '../../db/json-columns.ts';

export interface ReportRow {
  id: number;
  entryId: number;
  entryCode: string | null;
  entryTitle: string;
  published: boolean;
  kind: string;
  reason: string;
  contact: string;
  status: 'open' | 'dismissed' | 'upheld';
  outcome: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export async function listReports(
  deps: Deps,
  actor: Actor,
  slug: string,
  filter: { status?: 'open' | 'dismissed' | 'upheld' },
): Promise<ReportRow[]> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'reports.handle', { auditDenied: false });
  let q = deps.db
    .selectFrom('entry_reports')
    .innerJoin('entries', 'entries.id', 'entry_reports.entry_id')
    .leftJoin('publications', 'publications.entry_id', 'entries.id')
    .leftJoin('users', 'users.id', 'entry_reports.resolved_by')
    .select([
      'entry_reports.id',
      'entry_reports.entry_id',
      'entries.code',
      'entries.draft_json',
      'publications.entry_id as pub',
      'publications.unpublished_at',
      'entry_reports.kind',
      'entry_reports.reason',
      'entry_reports.contact',
      'entry_reports.status',
      'entry_reports.outcome',
      'entry_reports.created_at',
      'entry_reports.resolved_at',
      'users.full_name as resolver',
    ])
    .where('entry_reports.contest_id', '=', contest.id);
  if (filter.status) q = q.where('entry_reports.status', '=', filter.status);
  const rows = await q.orderBy('entry_reports.id', 'desc').limit(500).execute();
  return rows
    .map((r) => ({
      id: r.id,
      entryId: r.entry_id,
      entryCode: r.code,
      entryTitle: decodeDraft(r.draft_json).title,
      published: r.pub !== null && r.unpublished_at === null,
      kind: r.kind,
      reason: r.reason,
      contact: r.contact,
      status: r.status,
      outcome: r.outcome,
      createdAt: String(r.created_at),
      resolvedAt: r.resolved_at === null ? null : String(r.resolved_at),
      resolvedBy: r.resolver ?? null,
    }))
    .sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));
}
