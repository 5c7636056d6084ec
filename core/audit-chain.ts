/**
 * The audit log is a hash chain: each record carries the SHA-256 of the previous record's hash and its own canonical
 * content, so that editing or deleting any record breaks every hash after it.
 * The digest function is injected so that core stays free of Node APIs.
 */

export interface AuditContent {
  seq: number;
  at: string;
  actorUserId: number | null;
  actorIp: string | null;
  contestId: number | null;
  action: string;
  target: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  details: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  // Like JSON.stringify, honour toJSON (a Date becomes its ISO string), so that details read back from the stored JSON
  // hash the same as when they were written.
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function chainInput(prevHash: string, content: AuditContent): string {
  return `${prevHash}\n${canonicalJson(content)}`;
}

export interface ChainRecord {
  content: AuditContent;
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  { ok: true; count: number } | { ok: false; count: number; brokenAtSeq: number; reason: 'prevHash' | 'hash' | 'seq' };

/**
 * Checks every link. `from` continues a verification that stopped after an earlier part of the chain (the hash and
 * sequence number of its last record), so a long log can be verified page by page.
 */
export function verifyChain(
  records: Iterable<ChainRecord>,
  sha256Hex: (s: string) => string,
  from: { prevHash: string; seq: number } = { prevHash: GENESIS_HASH, seq: 0 },
): ChainVerdict {
  let prev = from.prevHash;
  let expectedSeq = from.seq + 1;
  let count = 0;
  for (const r of records) {
    if (r.content.seq !== expectedSeq) return { ok: false, count, brokenAtSeq: r.content.seq, reason: 'seq' };
    if (r.prevHash !== prev) return { ok: false, count, brokenAtSeq: r.content.seq, reason: 'prevHash' };
    if (sha256Hex(chainInput(prev, r.content)) !== r.hash)
      return { ok: false, count, brokenAtSeq: r.content.seq, reason: 'hash' };
    prev = r.hash;
    expectedSeq++;
    count++;
  }
  return { ok: true, count };
}
