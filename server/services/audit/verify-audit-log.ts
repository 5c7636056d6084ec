import { GENESIS_HASH, verifyChain, type ChainRecord, type ChainVerdict } from '@core/audit-chain.ts';
import { sha256Hex } from '../../security/tokens.ts';
import type { Deps } from '../../context.ts';
import { decodeAuditDetails } from '../../db/json-columns.ts';

const PAGE = 5000;

/** Checks every link of the chain, one page at a time, so memory stays flat however long the log is. */
export async function verifyAuditLog(deps: Pick<Deps, 'db'>): Promise<ChainVerdict> {
  let from = { prevHash: GENESIS_HASH, seq: 0 };
  let total = 0;
  for (;;) {
    const page = await deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', from.seq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    if (page.length === 0) return { ok: true, count: total };
    const records: ChainRecord[] = page.map((r) => ({
      prevHash: r.prev_hash,
      hash: r.hash,
      content: {
        seq: r.seq,
        at: r.at,
        actorUserId: r.actor_user_id,
        actorIp: r.actor_ip,
        contestId: r.contest_id,
        action: r.action,
        target: r.target,
        outcome: r.outcome as 'ok',
        details: decodeAuditDetails(r.details_json),
      },
    }));
    const verdict = verifyChain(records, sha256Hex, from);
    if (!verdict.ok) return { ...verdict, count: total + verdict.count };
    total += verdict.count;
    const last = page[page.length - 1]!;
    from = { prevHash: last.hash, seq: last.seq };
  }
}
