import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type AuditContent,
  canonicalJson,
  chainInput,
  type ChainRecord,
  GENESIS_HASH,
  verifyChain,
} from './audit-chain.ts';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function content(seq: number, over: Partial<AuditContent> = {}): AuditContent {
  return {
    seq,
    at: `2024-06-20T0${seq}:00:00.000Z`,
    actorUserId: 7,
    actorIp: '203.0.113.5',
    contestId: 1,
    action: 'unit.create',
    target: `unit:${seq}`,
    outcome: 'ok',
    details: { name: `Xã số ${seq}`, category: 'commune' },
    ...over,
  };
}

/** Builds a chain the way the server appends records. */
function build(contents: AuditContent[]): ChainRecord[] {
  const out: ChainRecord[] = [];
  let prev = GENESIS_HASH;
  for (const c of contents) {
    const hash = sha256Hex(chainInput(prev, c));
    out.push({ content: c, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

const chain = () => build([1, 2, 3, 4].map((n) => content(n)));

describe('canonicalJson', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } })).toBe(
      '{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}',
    );
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: { p: 'a', q: 'b' } })).toBe(canonicalJson({ y: { q: 'b', p: 'a' }, x: 1 }));
  });

  it('keeps array order, since it carries meaning', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('drops undefined properties and writes undefined array items as null, like JSON', () => {
    expect(canonicalJson({ a: undefined, b: null, c: [undefined, 1] })).toBe('{"b":null,"c":[null,1]}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('escapes strings as JSON does, Vietnamese text included', () => {
    expect(canonicalJson({ name: 'Xã "Vĩnh" Thái\n' })).toBe(`{"name":${JSON.stringify('Xã "Vĩnh" Thái\n')}}`);
  });

  it('is stable through a JSON round trip, as details are stored and read back', () => {
    const details = {
      when: new Date('2024-06-20T00:00:00.000Z'),
      list: [undefined, 1, { z: 1, a: 2 }],
      gone: undefined,
      n: -0,
    };
    expect(canonicalJson(JSON.parse(JSON.stringify(details)))).toBe(canonicalJson(details));
    expect(canonicalJson(details)).toContain('"when":"2024-06-20T00:00:00.000Z"');
  });
});

describe('chainInput', () => {
  it('is the previous hash, a line break and the canonical content (the stored format)', () => {
    const c = content(1);
    expect(chainInput(GENESIS_HASH, c)).toBe(
      `${'0'.repeat(64)}\n` +
        `{"action":"unit.create","actorIp":"203.0.113.5","actorUserId":7,` +
        `"at":"2024-06-20T01:00:00.000Z","contestId":1,` +
        `"details":{"category":"commune","name":"Xã số 1"},"outcome":"ok","seq":1,"target":"unit:1"}`,
    );
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and counts its records', () => {
    expect(verifyChain(chain(), sha256Hex)).toEqual({ ok: true, count: 4 });
  });

  it('accepts an empty log', () => {
    expect(verifyChain([], sha256Hex)).toEqual({ ok: true, count: 0 });
  });

  it('accepts any iterable, such as a generator reading pages', () => {
    const records = chain();
    function* gen() {
      yield* records;
    }
    expect(verifyChain(gen(), sha256Hex)).toEqual({ ok: true, count: 4 });
  });

  it('accepts a record read back with its keys in another order', () => {
    const records = chain();
    const c = records[1]!.content;
    records[1] = {
      ...records[1]!,
      content: {
        details: { category: 'commune', name: 'Xã số 2' },
        outcome: c.outcome,
        target: c.target,
        action: c.action,
        contestId: c.contestId,
        actorIp: c.actorIp,
        actorUserId: c.actorUserId,
        at: c.at,
        seq: c.seq,
      },
    };
    expect(verifyChain(records, sha256Hex)).toEqual({ ok: true, count: 4 });
  });

  it('detects an edited record', () => {
    const records = chain();
    records[1] = {
      ...records[1]!,
      content: { ...records[1]!.content, details: { name: 'Xã khác', category: 'commune' } },
    };
    expect(verifyChain(records, sha256Hex)).toEqual({ ok: false, count: 1, brokenAtSeq: 2, reason: 'hash' });
  });

  it('detects an edit to any field, e.g. a denied action rewritten as ok', () => {
    const records = build([content(1), content(2, { outcome: 'denied' }), content(3)]);
    records[1] = { ...records[1]!, content: { ...records[1]!.content, outcome: 'ok' } };
    expect(verifyChain(records, sha256Hex)).toMatchObject({ ok: false, brokenAtSeq: 2, reason: 'hash' });
  });

  it('detects an edited record whose own hash was recomputed, at the next record', () => {
    const records = chain();
    const forged = { ...records[1]!.content, actorUserId: 99 };
    records[1] = {
      content: forged,
      prevHash: records[1]!.prevHash,
      hash: sha256Hex(chainInput(records[1]!.prevHash, forged)),
    };
    expect(verifyChain(records, sha256Hex)).toEqual({ ok: false, count: 2, brokenAtSeq: 3, reason: 'prevHash' });
  });

  it('detects a removed record', () => {
    const records = chain();
    records.splice(1, 1);
    expect(verifyChain(records, sha256Hex)).toEqual({ ok: false, count: 1, brokenAtSeq: 3, reason: 'seq' });
  });

  it('detects a removed first record', () => {
    expect(verifyChain(chain().slice(1), sha256Hex)).toEqual({ ok: false, count: 0, brokenAtSeq: 2, reason: 'seq' });
  });

  it('detects a removed record even when the later ones were renumbered', () => {
    const records = chain();
    records.splice(1, 1);
    records[1] = { ...records[1]!, content: { ...records[1]!.content, seq: 2 } };
    records[2] = { ...records[2]!, content: { ...records[2]!.content, seq: 3 } };
    expect(verifyChain(records, sha256Hex)).toEqual({ ok: false, count: 1, brokenAtSeq: 2, reason: 'prevHash' });
  });

  it('detects reordered records', () => {
    const records = chain();
    [records[1], records[2]] = [records[2]!, records[1]!];
    expect(verifyChain(records, sha256Hex)).toEqual({ ok: false, count: 1, brokenAtSeq: 3, reason: 'seq' });
  });

  it('detects a chain that does not start from the genesis hash', () => {
    const records = chain();
    records[0] = { ...records[0]!, prevHash: 'f'.repeat(64) };
    expect(verifyChain(records, sha256Hex)).toEqual({ ok: false, count: 0, brokenAtSeq: 1, reason: 'prevHash' });
  });

  it('detects a hash that was replaced', () => {
    const records = chain();
    records[3] = { ...records[3]!, hash: 'a'.repeat(64) };
    expect(verifyChain(records, sha256Hex)).toEqual({ ok: false, count: 3, brokenAtSeq: 4, reason: 'hash' });
  });

  it('verifies a record whose details held a Date once they are read back from JSON', () => {
    const written = build([content(1, { details: { deadline: new Date('2024-06-25T17:00:00.000Z') } })]);
    const readBack = written.map((r) => ({
      ...r,
      content: { ...r.content, details: JSON.parse(JSON.stringify(r.content.details)) as unknown },
    }));
    expect(verifyChain(readBack, sha256Hex)).toEqual({ ok: true, count: 1 });
  });
});
