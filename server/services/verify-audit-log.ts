import { verifyChain, type ChainRecord } from '../../core/audit-chain.ts';
import { sha256Hex } from '../security/tokens.ts';
import type { Deps } from './context.ts';

/** Reads the whole chain in pages and checks every link. */
export async function verifyAuditLog(deps: Pick<Deps, 'db'>) {
  const records: ChainRecord[] = [];
  let after = 0;
  for (;;) {
    const page = await deps.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(5000).execute();
    if (page.length === 0) break;
    for (const r of page) {
      records.push({
        prevHash: r.prev_hash,
        hash: r.hash,
        content: { seq: Number(r.seq), at: r.at, actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id), actorIp: r.actor_ip, contestId: r.contest_id === null ? null : Number(r.contest_id), action: r.action, target: r.target, outcome: r.outcome as 'ok', details: JSON.parse(r.details_json) },
      });
    }
    after = Number(page[page.length - 1]!.seq);
  }
  return verifyChain(records, sha256Hex);
}
