import { chainInput, GENESIS_HASH, type AuditContent } from '@core/audit-chain.ts';
import { lockChain, type Tx } from '../../db/dialect.ts';
import { sha256Hex } from '../../security/tokens.ts';
import type { Actor, Deps } from '../../context.ts';

const AUDIT_LOCK_KEY = 7_301_001;

export interface AuditEntry {
  action: string;
  contestId?: number | null;
  target?: string | null;
  outcome?: AuditContent['outcome'];
  details?: Record<string, unknown>;
}

/**
 * Appends one record to the hash-chained audit log inside the caller's transaction, so that the record and the change
 * it describes commit together or not at all. Details must never hold phones or addresses.
 */
export async function appendAudit(
  trx: Tx,
  deps: Pick<Deps, 'dialect' | 'clock'>,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await lockChain(trx, deps.dialect, AUDIT_LOCK_KEY);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const content: AuditContent = {
    seq: (last ? last.seq : 0) + 1,
    at: deps.clock().toISOString(),
    actorUserId: actor.userId,
    actorIp: actor.ip,
    contestId: entry.contestId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    outcome: entry.outcome ?? 'ok',
    details: entry.details ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('audit_log')
    .values({
      seq: content.seq,
      at: content.at,
      actor_user_id: content.actorUserId,
      actor_ip: content.actorIp,
      contest_id: content.contestId,
      action: content.action,
      target: content.target,
      outcome: content.outcome,
      details_json: JSON.stringify(content.details),
      prev_hash: prevHash,
      hash: sha256Hex(chainInput(prevHash, content)),
    })
    .execute();
}

/** Records a refused staff action in its own transaction (the refused change itself never happened). */
export async function auditDenied(deps: Deps, actor: Actor, entry: Omit<AuditEntry, 'outcome'>): Promise<void> {
  await deps.db.transaction().execute((trx) => appendAudit(trx, deps, actor, { ...entry, outcome: 'denied' }));
}
