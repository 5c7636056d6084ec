import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  dailyDigests,
  digestMismatches,
  genesisHash,
  headerLine,
  type LogHeader,
  type LogRecord,
  recordLine,
  verifyVoteLog,
  VoteLogVerifier,
} from './vote-log.ts';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const HEADER: LogHeader = {
  contest: 'vinh-linh-2024',
  rule: { kind: 'per_person_per_day' },
  timeZone: 'Asia/Ho_Chi_Minh',
  votingStartsAt: '2024-07-01T01:00:00.000Z',
  votingEndsAt: '2024-07-10T17:00:00.000Z',
};
const V1 = 'a1b2c3d4e5f60718';
const V2 = '0f1e2d3c4b5a6978';

type Draft = Omit<LogRecord, 'seq' | 'vote'> & { vote?: number };

/** Writes a log the way the server appends it. */
function write(drafts: Draft[], header: LogHeader = HEADER): { text: string; hashes: string[] } {
  const h = headerLine(header);
  let prev = genesisHash(h, sha);
  const lines = [h];
  const hashes: string[] = [];
  drafts.forEach((d, i) => {
    const r: LogRecord = { ...d, seq: i + 1, vote: d.vote ?? i + 1 };
    const out = recordLine(prev, r, sha);
    lines.push(out.line);
    hashes.push(out.hash);
    prev = out.hash;
  });
  return { text: `${lines.join('\n')}\n`, hashes };
}

const cast = (
  at: string,
  entry: string,
  voter: string,
  status: LogRecord['status'] = 'counted',
  reasons: string[] = [],
) => ({ at, type: 'cast', entry, voter, status, reasons }) as Draft;
const change = (
  vote: number,
  at: string,
  entry: string,
  voter: string,
  status: LogRecord['status'],
  reasons: string[],
) => ({ at, type: 'status', vote, entry, voter, status, reasons }) as Draft;

const SAMPLE: Draft[] = [
  cast('2024-07-01T01:00:00.000Z', 'VL-01', V1),
  cast('2024-07-01T02:00:00.000Z', 'VL-02', V2, 'quarantined', ['device_shared']),
  cast('2024-07-01T17:00:00.000Z', 'VL-01', V1),
  change(2, '2024-07-02T03:00:00.000Z', 'VL-02', V2, 'invalidated', ['staff_fraud']),
  cast('2024-07-02T04:00:00.000Z', 'VL-01', V2, 'quarantined', ['regular_timing', 'address_burst']),
];

describe('recordLine and the file format', () => {
  it('writes nine tab-separated fields, reasons joined by commas or "-"', () => {
    const { text } = write(SAMPLE);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '#vicontest-votes/1 ' +
        '{"contest":"vinh-linh-2024","rule":{"kind":"per_person_per_day"},"timeZone":"Asia/Ho_Chi_Minh",' +
        '"votingEndsAt":"2024-07-10T17:00:00.000Z","votingStartsAt":"2024-07-01T01:00:00.000Z"}',
    );
    expect(lines[1]!.split('\t').slice(0, 8)).toEqual([
      '1',
      '2024-07-01T01:00:00.000Z',
      'cast',
      '1',
      'VL-01',
      V1,
      'counted',
      '-',
    ]);
    expect(lines[5]!.split('\t')[7]).toBe('regular_timing,address_burst');
  });

  it('chains each hash to the previous line and the header', () => {
    const h = headerLine(HEADER);
    const r = {
      seq: 1,
      at: '2024-07-01T01:00:00.000Z',
      type: 'cast',
      vote: 1,
      entry: 'VL-01',
      voter: V1,
      status: 'counted',
      reasons: [],
    } as LogRecord;
    const { hash } = recordLine(genesisHash(h, sha), r, sha);
    expect(hash).toBe(
      sha(`${sha(`vicontest-votes/1\n${h}`)}\n1\t2024-07-01T01:00:00.000Z\tcast\t1\tVL-01\t${V1}\tcounted\t-`),
    );
  });
});

describe('verifyVoteLog: an intact log', () => {
  it('proves the chain and recomputes the tally from each vote’s last status', () => {
    const { text, hashes } = write(SAMPLE);
    const v = verifyVoteLog(text, sha);
    expect(v.ok).toBe(true);
    expect(v.records).toBe(5);
    expect(v.votes).toBe(4);
    expect(v.head).toEqual({ seq: 5, hash: hashes[4] });
    expect(Object.fromEntries(v.tally)).toEqual({
      'VL-01': { counted: 2, quarantined: 1, invalidated: 0 },
      'VL-02': { counted: 0, quarantined: 0, invalidated: 1 },
    });
    expect(Object.fromEntries(v.reasons.quarantined)).toEqual({ regular_timing: 1, address_burst: 1 });
    expect(Object.fromEntries(v.reasons.invalidated)).toEqual({ staff_fraud: 1 });
  });

  it('gives the chain head at the end of each Vietnamese day', () => {
    const { text, hashes } = write(SAMPLE);
    expect(verifyVoteLog(text, sha).digests).toEqual([
      { day: '2024-07-01', seq: 2, hash: hashes[1] },
      { day: '2024-07-02', seq: 5, hash: hashes[4] },
    ]);
  });

  it('accepts CRLF line ends and a file without the last newline', () => {
    const { text } = write(SAMPLE);
    expect(verifyVoteLog(text.replace(/\n/g, '\r\n'), sha).ok).toBe(true);
    expect(verifyVoteLog(text.trimEnd(), sha).ok).toBe(true);
  });

  it('accepts a header with no votes yet', () => {
    const v = verifyVoteLog(`${headerLine(HEADER)}\n`, sha);
    expect(v).toMatchObject({ ok: true, records: 0, votes: 0, head: null, digests: [] });
  });

  it('streams line by line with the same result', () => {
    const { text } = write(SAMPLE);
    const v = new VoteLogVerifier(sha);
    for (const l of text.split('\n')) v.push(l);
    expect(v.finish().tally).toEqual(verifyVoteLog(text, sha).tally);
  });
});

describe('verifyVoteLog: tampering and broken rules', () => {
  const lines = () => write(SAMPLE).text.trimEnd().split('\n');
  const verdict = (ls: string[]) => verifyVoteLog(ls.join('\n'), sha);

  it('finds a changed status (a quarantined vote passed off as counted)', () => {
    const ls = lines();
    ls[2] = ls[2]!.replace('quarantined', 'counted');
    expect(verdict(ls).failure).toEqual({
      line: 3,
      reason: 'hash',
      detail: 'seq 2: the hash does not match the line and the chain',
    });
  });

  it('finds a deleted line, an inserted one and a reordered pair', () => {
    const del = lines();
    del.splice(3, 1);
    expect(verdict(del).failure?.reason).toBe('seq');
    const swap = lines();
    [swap[3], swap[4]] = [swap[4]!, swap[3]!];
    expect(verdict(swap).failure?.reason).toBe('seq');
  });

  it('finds a whole tail rewritten consistently: the published digest of the first day no longer matches', () => {
    const honest = verifyVoteLog(write(SAMPLE).text, sha);
    const forged = write([...SAMPLE.slice(0, 1), cast('2024-07-01T02:00:00.000Z', 'VL-01', V2)]);
    const v = verifyVoteLog(forged.text, sha);
    expect(v.ok).toBe(true);
    expect(digestMismatches(v.digests, honest.digests).map((d) => d.day)).toEqual(['2024-07-01', '2024-07-02']);
    expect(digestMismatches(honest.digests, honest.digests)).toEqual([]);
  });

  it('finds a changed header (another rule or window)', () => {
    const ls = lines();
    ls[0] = headerLine({ ...HEADER, rule: { kind: 'per_entry_per_day' } });
    expect(verdict(ls).failure).toMatchObject({ line: 2, reason: 'hash' });
    const bad = lines();
    bad[0] = '#something-else {}';
    expect(verdict(bad).failure?.reason).toBe('header');
    const loose = lines();
    loose[0] = `#vicontest-votes/1 ${JSON.stringify({ ...HEADER, contest: 'x' })}`;
    expect(verdict(loose).failure).toMatchObject({ line: 1, reason: 'header' });
  });

  it('reports a malformed line with its line number', () => {
    const ls = lines();
    ls[2] = ls[2]!.replace(/\t/g, ',');
    expect(verdict(ls).failure).toMatchObject({ line: 3, reason: 'format' });
    const badStatus = lines();
    badStatus[1] = badStatus[1]!.replace('counted', 'maybe');
    expect(verdict(badStatus).failure?.reason).toBe('format');
  });

  it('refuses a log where one voter has two votes in one day, even with an intact chain', () => {
    const v = verifyVoteLog(
      write([cast('2024-07-01T01:00:00.000Z', 'VL-01', V1), cast('2024-07-01T16:59:59.999Z', 'VL-02', V1)]).text,
      sha,
    );
    expect(v.failure).toMatchObject({ line: 3, reason: 'rule' });
    expect(v.failure?.detail).toContain('voted twice on 2024-07-01');
  });

  it('applies the header’s rule: per entry per day, and a fixed total', () => {
    const perEntry = { ...HEADER, rule: { kind: 'per_entry_per_day' } } as LogHeader;
    const okDay = write(
      [cast('2024-07-01T01:00:00.000Z', 'VL-01', V1), cast('2024-07-01T02:00:00.000Z', 'VL-02', V1)],
      perEntry,
    );
    expect(verifyVoteLog(okDay.text, sha).ok).toBe(true);
    const twice = write(
      [cast('2024-07-01T01:00:00.000Z', 'VL-01', V1), cast('2024-07-01T02:00:00.000Z', 'VL-01', V1)],
      perEntry,
    );
    expect(verifyVoteLog(twice.text, sha).failure?.reason).toBe('rule');

    const total = { ...HEADER, rule: { kind: 'total', votes: 2 } } as LogHeader;
    const days = ['2024-07-01', '2024-07-03', '2024-07-05'].map((d, i) => cast(`${d}T01:00:00.000Z`, `VL-0${i}`, V1));
    expect(verifyVoteLog(write(days.slice(0, 2), total).text, sha).ok).toBe(true);
    expect(verifyVoteLog(write(days, total).text, sha).failure?.detail).toContain('more than 2 votes');
    const same = [cast('2024-07-01T01:00:00.000Z', 'VL-01', V1), cast('2024-07-04T01:00:00.000Z', 'VL-01', V1)];
    expect(verifyVoteLog(write(same, total).text, sha).failure?.reason).toBe('rule');
  });

  it('refuses a vote outside the voting window and a line earlier than the one before', () => {
    expect(verifyVoteLog(write([cast('2024-07-01T00:59:59.999Z', 'VL-01', V1)]).text, sha).failure?.reason).toBe(
      'window',
    );
    expect(verifyVoteLog(write([cast('2024-07-10T17:00:00.000Z', 'VL-01', V1)]).text, sha).failure?.reason).toBe(
      'window',
    );
    const back = [cast('2024-07-02T01:00:00.000Z', 'VL-01', V1), cast('2024-07-01T01:00:00.000Z', 'VL-01', V2)];
    expect(verifyVoteLog(write(back).text, sha).failure?.reason).toBe('time');
  });

  it('refuses a status change for a vote that was never cast, or naming another voter', () => {
    const unknown = [
      cast('2024-07-01T01:00:00.000Z', 'VL-01', V1),
      change(7, '2024-07-01T02:00:00.000Z', 'VL-01', V1, 'invalidated', ['staff_fraud']),
    ];
    expect(verifyVoteLog(write(unknown).text, sha).failure?.reason).toBe('unknownVote');
    const other = [
      cast('2024-07-01T01:00:00.000Z', 'VL-01', V1),
      change(1, '2024-07-01T02:00:00.000Z', 'VL-01', V2, 'invalidated', ['staff_fraud']),
    ];
    expect(verifyVoteLog(write(other).text, sha).failure?.reason).toBe('mismatch');
  });

  it('calls an empty file a failure', () => {
    expect(verifyVoteLog('', sha).failure?.reason).toBe('empty');
  });
});

describe('dailyDigests / digestMismatches', () => {
  it('computes the same digests as the verifier from appended records', () => {
    const { text, hashes } = write(SAMPLE);
    const records = SAMPLE.map((d, i) => ({ seq: i + 1, at: d.at, hash: hashes[i]! }));
    expect(dailyDigests(records, HEADER.timeZone)).toEqual(verifyVoteLog(text, sha).digests);
  });

  it('a day without votes carries the head of the day before; before any vote, seq 0', () => {
    const computed = [{ day: '2024-07-01', seq: 2, hash: 'h2' }];
    expect(digestMismatches(computed, [{ day: '2024-07-02', seq: 2, hash: 'h2' }])).toEqual([]);
    expect(digestMismatches(computed, [{ day: '2024-06-30', seq: 0, hash: '' }])).toEqual([]);
    expect(digestMismatches(computed, [{ day: '2024-07-02', seq: 3, hash: 'h3' }])).toHaveLength(1);
  });
});
