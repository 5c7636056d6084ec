/**
 * The public vote log: every vote and every later change of its status, one line each, in a hash chain that anyone
 * can check and recompute the tally from (`npm run votes:verify FILE`). It names no one: voters appear under a
 * pseudonym (a keyed hash of the voter's row, made by the server), entries under their public code.
 *
 * File format (UTF-8, lines end with "\n"):
 *
 *   line 1  `#vicontest-votes/1 ` followed by the header as canonical JSON:
 *           {"contest":slug,"rule":{…},"timeZone":zone,"votingStartsAt":iso,"votingEndsAt":iso}
 *   then    one record per line, nine fields separated by tabs:
 *           seq  at  type  vote  entry  voter  status  reasons  hash
 *
 *   seq      1, 2, 3, … with no gap
 *   at       the instant in UTC, ISO 8601 with milliseconds (2024-06-21T01:02:03.456Z), never decreasing
 *   type     `cast` (a new vote) or `status` (a later change of a vote's status)
 *   vote     the seq of the `cast` record the line is about (its own seq for a cast)
 *   entry    the entry's public code;  voter  the voter's pseudonym (lower-case hex)
 *   status   `counted`, `quarantined` or `invalidated`
 *   reasons  reason codes (core/voting/reasons.ts) separated by commas, or `-`
 *   hash     SHA-256 (hex) of: the previous line's hash, "\n", and this line's first eight fields joined by tabs.
 *            The first record's previous hash is the SHA-256 of "vicontest-votes/1\n" and the header line.
 *
 * A vote's status is the one of its last line. The chain head at the end of each contest day is that day's digest,
 * published on the results page; a log that matches the published digests was not rewritten afterwards.
 */
import { canonicalJson } from '../audit-chain.ts';
import type { VoteRule } from './settings.ts';
import { voteDay } from './vote-day.ts';
import { REASON_CODE_RE } from './reasons.ts';

export const LOG_FORMAT = 'vicontest-votes/1';
export const VOTE_STATUSES = ['counted', 'quarantined', 'invalidated'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];

export interface LogHeader {
  contest: string;
  rule: VoteRule;
  timeZone: string;
  votingStartsAt: string;
  votingEndsAt: string;
}

export interface LogRecord {
  seq: number;
  at: string;
  type: 'cast' | 'status';
  vote: number;
  entry: string;
  voter: string;
  status: VoteStatus;
  reasons: readonly string[];
}

export type Sha256Hex = (s: string) => string;

export function headerLine(h: LogHeader): string {
  return `#${LOG_FORMAT} ${canonicalJson(h)}`;
}

/** The hash the first record links to: the header is part of the chain. */
export function genesisHash(header: string, sha256Hex: Sha256Hex): string {
  return sha256Hex(`${LOG_FORMAT}\n${header}`);
}

function body(r: LogRecord): string {
  return [r.seq, r.at, r.type, r.vote, r.entry, r.voter, r.status, r.reasons.length ? r.reasons.join(',') : '-'].join(
    '\t',
  );
}

/** Appends a record: its line (without the newline) and its hash, the next record's previous hash. */
export function recordLine(prevHash: string, r: LogRecord, sha256Hex: Sha256Hex): { line: string; hash: string } {
  const b = body(r);
  const hash = sha256Hex(`${prevHash}\n${b}`);
  return { line: `${b}\t${hash}`, hash };
}

export interface Tally {
  counted: number;
  quarantined: number;
  invalidated: number;
}

export interface DayDigest {
  day: string;
  seq: number;
  hash: string;
}

export type LogFailure =
  'header' | 'format' | 'seq' | 'hash' | 'time' | 'window' | 'unknownVote' | 'mismatch' | 'rule' | 'empty';

export interface LogVerdict {
  ok: boolean;
  /** Set when not ok: the first line that fails (1-based line of the file) and why. */
  failure?: { line: number; reason: LogFailure; detail: string };
  header: LogHeader | null;
  records: number;
  votes: number;
  head: { seq: number; hash: string } | null;
  /** By entry code: the final status of every vote. */
  tally: Map<string, Tally>;
  /** By final status: how many of those votes carry each reason. */
  reasons: { quarantined: Map<string, number>; invalidated: Map<string, number> };
  digests: DayDigest[];
}

interface CastState {
  entry: string;
  voter: string;
  status: VoteStatus;
  reasons: readonly string[];
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HEX = /^[0-9a-f]{8,64}$/;
const ENTRY = /^[^\t\s][^\t]{0,79}$/;

/**
 * Checks a log line by line (so a file of millions of votes streams through) and recomputes the tally. Feed it every
 * line of the file in order, then call `finish`.
 */
export class VoteLogVerifier {
  private line = 0;
  private header: LogHeader | null = null;
  private prev = '';
  private seq = 0;
  private lastAt = '';
  private lastDay = '';
  private readonly casts = new Map<number, CastState>();
  private readonly ruleKeys = new Set<string>();
  private readonly perVoter = new Map<string, Set<string>>();
  private readonly digests: DayDigest[] = [];
  private failure: LogVerdict['failure'];

  constructor(private readonly sha256Hex: Sha256Hex) {}

  private fail(reason: LogFailure, detail: string): void {
    this.failure ??= { line: this.line, reason, detail };
  }

  push(text: string): void {
    if (this.failure) return;
    this.line++;
    const raw = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (this.line === 1) return this.readHeader(raw);
    if (raw === '') return;
    const f = raw.split('\t');
    if (f.length !== 9) return this.fail('format', `expected 9 tab-separated fields, found ${f.length}`);
    const [seqText, at, type, voteText, entry, voter, status, reasonText, hash] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const reasons = reasonText === '-' ? [] : reasonText.split(',');
    if (
      !/^[1-9]\d*$/.test(seqText) ||
      !/^[1-9]\d*$/.test(voteText) ||
      !ISO_MS.test(at) ||
      Number.isNaN(Date.parse(at)) ||
      (type !== 'cast' && type !== 'status') ||
      !ENTRY.test(entry) ||
      !HEX.test(voter) ||
      !(VOTE_STATUSES as readonly string[]).includes(status) ||
      !reasons.every((r) => REASON_CODE_RE.test(r)) ||
      !/^[0-9a-f]{64}$/.test(hash)
    ) {
      return this.fail('format', 'a field is not in the documented form');
    }
    const r: LogRecord = {
      seq: Number(seqText),
      at,
      type,
      vote: Number(voteText),
      entry,
      voter,
      status: status as VoteStatus,
      reasons,
    };
    if (r.seq !== this.seq + 1) return this.fail('seq', `expected seq ${this.seq + 1}, found ${r.seq}`);
    const expected = recordLine(this.prev, r, this.sha256Hex).hash;
    if (expected !== hash) return this.fail('hash', `seq ${r.seq}: the hash does not match the line and the chain`);
    if (at < this.lastAt) return this.fail('time', `seq ${r.seq} is earlier than the line before it`);

    const h = this.header!;
    const day = voteDay(new Date(at), h.timeZone);
    if (this.lastDay && day !== this.lastDay) {
      this.digests.push({ day: this.lastDay, seq: this.seq, hash: this.prev });
    }
    if (r.type === 'cast') {
      if (r.vote !== r.seq) return this.fail('mismatch', `cast ${r.seq} names vote ${r.vote}`);
      if (at < h.votingStartsAt || at >= h.votingEndsAt) {
        return this.fail('window', `vote ${r.seq} was cast outside the voting window`);
      }
      const broken = this.checkRule(r, day);
      if (broken) return this.fail('rule', broken);
      this.casts.set(r.seq, { entry, voter, status: r.status, reasons });
    } else {
      const cast = this.casts.get(r.vote);
      if (!cast) return this.fail('unknownVote', `seq ${r.seq} changes vote ${r.vote}, which is not an earlier cast`);
      if (cast.entry !== entry || cast.voter !== voter) {
        return this.fail('mismatch', `seq ${r.seq} names another entry or voter than vote ${r.vote}`);
      }
      cast.status = r.status;
      cast.reasons = reasons;
    }
    this.seq = r.seq;
    this.prev = hash;
    this.lastAt = at;
    this.lastDay = day;
  }

  private readHeader(raw: string): void {
    const prefix = `#${LOG_FORMAT} `;
    if (!raw.startsWith(prefix)) return this.fail('header', `the first line must start with "${prefix}"`);
    let h: LogHeader;
    try {
      h = JSON.parse(raw.slice(prefix.length)) as LogHeader;
    } catch {
      return this.fail('header', 'the header is not JSON');
    }
    const ruleOk =
      !!h?.rule &&
      (h.rule.kind === 'per_person_per_day' ||
        h.rule.kind === 'per_entry_per_day' ||
        (h.rule.kind === 'total' && Number.isInteger(h.rule.votes) && h.rule.votes >= 1));
    if (
      typeof h?.contest !== 'string' ||
      !ruleOk ||
      typeof h.timeZone !== 'string' ||
      !ISO_MS.test(String(h.votingStartsAt)) ||
      !ISO_MS.test(String(h.votingEndsAt))
    ) {
      return this.fail('header', 'the header lacks the contest, rule, time zone or voting window');
    }
    try {
      voteDay(new Date(h.votingStartsAt), h.timeZone);
    } catch {
      return this.fail('header', `unknown time zone ${h.timeZone}`);
    }
    if (headerLine(h) !== raw) return this.fail('header', 'the header is not in canonical form');
    this.header = h;
    this.prev = genesisHash(raw, this.sha256Hex);
  }

  private checkRule(r: LogRecord, day: string): string | null {
    const rule = this.header!.rule;
    if (rule.kind === 'total') {
      const entries = this.perVoter.get(r.voter) ?? new Set<string>();
      if (entries.has(r.entry)) return `voter ${r.voter} voted twice for ${r.entry}`;
      if (entries.size >= rule.votes) return `voter ${r.voter} cast more than ${rule.votes} votes`;
      entries.add(r.entry);
      this.perVoter.set(r.voter, entries);
      return null;
    }
    const key = rule.kind === 'per_person_per_day' ? `${r.voter}|${day}` : `${r.voter}|${r.entry}|${day}`;
    if (this.ruleKeys.has(key)) {
      return rule.kind === 'per_person_per_day'
        ? `voter ${r.voter} voted twice on ${day}`
        : `voter ${r.voter} voted twice for ${r.entry} on ${day}`;
    }
    this.ruleKeys.add(key);
    return null;
  }

  finish(): LogVerdict {
    if (!this.failure && this.line === 0) this.fail('empty', 'the file is empty');
    const tally = new Map<string, Tally>();
    const reasons = { quarantined: new Map<string, number>(), invalidated: new Map<string, number>() };
    for (const c of this.casts.values()) {
      const t = tally.get(c.entry) ?? { counted: 0, quarantined: 0, invalidated: 0 };
      t[c.status]++;
      tally.set(c.entry, t);
      if (c.status !== 'counted')
        for (const r of c.reasons) reasons[c.status].set(r, (reasons[c.status].get(r) ?? 0) + 1);
    }
    const digests = [...this.digests];
    if (this.lastDay && !this.failure) digests.push({ day: this.lastDay, seq: this.seq, hash: this.prev });
    return {
      ok: !this.failure,
      failure: this.failure,
      header: this.header,
      records: this.seq,
      votes: this.casts.size,
      head: this.seq > 0 ? { seq: this.seq, hash: this.prev } : null,
      tally,
      reasons,
      digests,
    };
  }
}

export function verifyVoteLog(text: string, sha256Hex: Sha256Hex): LogVerdict {
  const v = new VoteLogVerifier(sha256Hex);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const l of lines) v.push(l);
  return v.finish();
}

/**
 * Published digests the log does not reproduce. A day without votes has the head of the last day before it that had
 * some (or seq 0 before the first vote).
 */
export function digestMismatches(computed: readonly DayDigest[], published: readonly DayDigest[]): DayDigest[] {
  const sorted = [...computed].sort((a, b) => a.day.localeCompare(b.day));
  return published.filter((p) => {
    let head: DayDigest | undefined;
    for (const c of sorted) if (c.day <= p.day) head = c;
    return head ? head.seq !== p.seq || head.hash !== p.hash : p.seq !== 0;
  });
}

/** The digest of each day from records being appended (what the server publishes), in the same form. */
export function dailyDigests(
  records: Iterable<{ seq: number; at: string; hash: string }>,
  timeZone: string,
): DayDigest[] {
  const out: DayDigest[] = [];
  for (const r of records) {
    const day = voteDay(new Date(r.at), timeZone);
    const last = out.at(-1);
    if (last?.day === day) {
      last.seq = r.seq;
      last.hash = r.hash;
    } else out.push({ day, seq: r.seq, hash: r.hash });
  }
  return out;
}
