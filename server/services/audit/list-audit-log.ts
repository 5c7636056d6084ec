import { zonedToUtc } from '@core/time.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import type { Tx } from '../../db/dialect.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { decodeAuditDetails, decodeDraft } from '../../db/json-columns.ts';

export interface AuditFilter {
  before?: number;
  limit?: number;
  /** Records by this person. */
  actorUserId?: number;
  action?: string;
  /** Days (yyyy-mm-dd) in the contest's zone, both included. */
  from?: string;
  to?: string;
}

export interface AuditRecord {
  seq: number;
  at: string;
  action: string;
  target: string | null;
  targetLabel: string | null;
  outcome: string;
  details: unknown;
  actorUserId: number | null;
  actorName: string | null;
  actorIp: string | null;
  hash: string;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * What a target ("entry:12", "unit:3", "user:7") is called, read in one query per kind: an entry's title and code,
 * a unit's or a person's name, a roster member's or news post's from the record itself. Gone targets fall back to
 * what the record kept, or their number.
 */
async function targetLabels(
  db: Tx,
  contestName: string,
  rows: { target: string | null; details: unknown }[],
): Promise<(string | null)[]> {
  const ids = (kind: string) => [
    ...new Set(
      rows.flatMap((r) => (r.target?.startsWith(`${kind}:`) ? [Number(r.target.slice(kind.length + 1))] : [])),
    ),
  ];
  const [entries, units, users] = await Promise.all([
    ids('entry').length
      ? db.selectFrom('entries').select(['id', 'code', 'draft_json']).where('id', 'in', ids('entry')).execute()
      : [],
    ids('unit').length ? db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids('unit')).execute() : [],
    ids('user').length
      ? db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', ids('user')).execute()
      : [],
  ]);
  const entryName = new Map(
    entries.map((e) => {
      const title = decodeDraft(e.draft_json).title;
      return [e.id, `${title ? `«${title}»` : `#${e.id}`}${e.code ? ` (${e.code})` : ''}`];
    }),
  );
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const userName = new Map(users.map((u) => [u.id, u.full_name]));
  return rows.map((r) => {
    if (!r.target) return null;
    const [kind, raw] = r.target.split(':') as [string, string];
    const id = Number(raw);
    const kept = (r.details ?? {}) as Record<string, unknown>;
    const text = (k: string) => (typeof kept[k] === 'string' && kept[k] ? (kept[k] as string) : null);
    switch (kind) {
      case 'entry':
        return entryName.get(id) ?? (text('code') ? `(${text('code')})` : `#${id}`);
      case 'unit':
        return unitName.get(id) ?? text('name') ?? `#${id}`;
      case 'user':
        return userName.get(id) ?? `#${id}`;
      case 'roster':
        return text('fullName') ?? `#${id}`;
      case 'news':
        return text('title') ? `«${text('title')}»` : `#${id}`;
      case 'contest':
        return `«${contestName}»`;
      default:
        return r.target;
    }
  });
}

/** The contest's audit records, newest first, filtered by person, action and days, with their targets named. */
export async function listAuditLog(
  deps: Deps,
  actor: Actor,
  slug: string,
  opts: AuditFilter = {},
): Promise<AuditRecord[]> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'audit.view', { auditDenied: false });
  let q = deps.db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.seq',
      'audit_log.at',
      'audit_log.action',
      'audit_log.target',
      'audit_log.outcome',
      'audit_log.details_json',
      'audit_log.actor_user_id',
      'audit_log.actor_ip',
      'audit_log.hash',
      'users.full_name as actorName',
    ])
    .where('audit_log.contest_id', '=', contest.id)
    .orderBy('audit_log.seq', 'desc')
    .limit(Math.min(opts.limit ?? 100, 5000));
  if (opts.before) q = q.where('audit_log.seq', '<', opts.before);
  if (opts.actorUserId) q = q.where('audit_log.actor_user_id', '=', opts.actorUserId);
  if (opts.action) q = q.where('audit_log.action', '=', opts.action);
  if (opts.from) q = q.where('audit_log.at', '>=', zonedToUtc(`${opts.from}T00:00`, contest.time_zone).toISOString());
  if (opts.to)
    q = q.where('audit_log.at', '<', zonedToUtc(`${nextDay(opts.to)}T00:00`, contest.time_zone).toISOString());
  const rows = (await q.execute()).map((r) => ({ ...r, details: decodeAuditDetails(r.details_json) }));
  const labels = await targetLabels(deps.db, contest.name, rows);
  return rows.map((r, i) => ({
    seq: r.seq,
    at: r.at,
    action: r.action,
    target: r.target,
    targetLabel: labels[i]!,
    outcome: r.outcome,
    details: r.details,
    actorUserId: r.actor_user_id,
    actorName: r.actorName,
    actorIp: r.actor_ip,
    hash: r.hash,
  }));
}
