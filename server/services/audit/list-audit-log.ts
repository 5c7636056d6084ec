import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { decodeAuditDetails } from '../../db/json-columns.ts';

export async function listAuditLog(
  deps: Deps,
  actor: Actor,
  slug: string,
  opts: { before?: number; limit?: number } = {},
) {
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
      'audit_log.actor_ip',
      'audit_log.hash',
      'users.full_name as actorName',
    ])
    .where('audit_log.contest_id', '=', contest.id)
    .orderBy('audit_log.seq', 'desc')
    .limit(Math.min(opts.limit ?? 100, 500));
  if (opts.before) q = q.where('audit_log.seq', '<', opts.before);
  const rows = await q.execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    details: decodeAuditDetails(r.details_json),
    actorName: r.actorName,
    actorIp: r.actor_ip,
    hash: r.hash,
  }));
}
