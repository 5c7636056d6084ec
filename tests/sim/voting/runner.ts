/**
 * Plays sessions against the pure voting rules, in time order, with an in-memory stand-in for what the database and
 * the server will hold: verified voters, code requests, the unique vote keys, the send ledger, the vote log. Every
 * decision is taken by core/voting; this file only keeps state and counts outcomes.
 */
import { createHash, createHmac } from 'node:crypto';
import { parseIdentity } from '@core/voting/identity.ts';
import { IntegrityMonitor } from '@core/voting/integrity.ts';
import type { VotingProblem } from '@core/voting/messages.ts';
import { canonicalIp, networkOf } from '@core/voting/network.ts';
import {
  checkCode,
  codeHashInput,
  type FailureRecord,
  generateCode,
  type StoredCode,
} from '@core/voting/one-time-code.ts';
import type { ReasonCode } from '@core/voting/reasons.ts';
import { decideSend, type SourceCounts, type WindowCount } from '@core/voting/send-limits.ts';
import type { VotingSettings } from '@core/voting/settings.ts';
import { genesisHash, headerLine, recordLine, VoteLogVerifier, type VoteStatus } from '@core/voting/vote-log.ts';
import { freeSlot, ruleProblem, voteKeys } from '@core/voting/vote-key.ts';
import { voteWindowProblem } from '@core/voting/vote-window.ts';
import type { Phase } from '@core/phases.ts';
import { startOfLocalDay } from '@core/time.ts';
import type { Random } from './random.ts';
import type { IdentityInput, Session, Step } from './sessions.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const KEY = 'simulation-key';
const hmac = (s: string) => createHmac('sha256', KEY).update(s).digest('hex');
const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

interface Voter {
  id: string;
  hash: string;
  kind: IdentityInput['kind'];
  emailDomain: string | null;
  verifiedAt: number | null;
  casts: { entryId: string; at: Date; slot: number | null }[];
}

interface CodeRequest extends StoredCode {
  code: string;
  identityHash: string;
  sendIndex: SendRecord[];
}

interface SendRecord {
  at: number;
  confirmedAt: number | null;
}

/** Sends kept per identity, address and network, in time order. */
class SendLedger {
  private readonly lists = new Map<string, SendRecord[]>();
  private sms: { at: number; rec: SendRecord }[] = [];
  private smsStart = 0;
  private smsInDay = 0;
  private smsUnconfirmedInDay = 0;
  private smsToday = 0;
  private smsDayEnd = -Infinity;

  constructor(private readonly timeZone: string) {}

  list(key: string): SendRecord[] {
    let l = this.lists.get(key);
    if (!l) this.lists.set(key, (l = []));
    return l;
  }

  window(key: string, now: number, span: number): WindowCount {
    const l = this.list(key);
    let lo = 0;
    let hi = l.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (l[mid]!.at <= now - span) lo = mid + 1;
      else hi = mid;
    }
    return { count: l.length - lo, oldestAt: lo < l.length ? new Date(l[lo]!.at) : null };
  }

  source(key: string, now: number): SourceCounts {
    const hour = this.window(key, now, HOUR);
    const day = this.window(key, now, DAY);
    const l = this.list(key);
    let unconfirmed = 0;
    let unconfirmedOldest: number | null = null;
    for (let i = l.length - hour.count; i < l.length; i++) {
      if (l[i]!.confirmedAt === null) {
        unconfirmed++;
        unconfirmedOldest ??= l[i]!.at;
      }
    }
    let confirmed = 0;
    for (let i = l.length - day.count; i < l.length; i++) if (l[i]!.confirmedAt !== null) confirmed++;
    return {
      lastHour: hour,
      lastDay: day,
      unconfirmedLastHour: {
        count: unconfirmed,
        oldestAt: unconfirmedOldest === null ? null : new Date(unconfirmedOldest),
      },
      confirmedLastDay: confirmed,
    };
  }

  smsCounts(now: number) {
    while (this.smsStart < this.sms.length && this.sms[this.smsStart]!.at <= now - DAY) {
      const old = this.sms[this.smsStart++]!;
      this.smsInDay--;
      if (old.rec.confirmedAt === null) this.smsUnconfirmedInDay--;
    }
    if (now >= this.smsDayEnd) {
      this.smsToday = 0;
      this.smsDayEnd = startOfLocalDay(new Date(now), this.timeZone, 1).getTime();
    }
    return { sentToday: this.smsToday, sentLastDay: this.smsInDay, unconfirmedLastDay: this.smsUnconfirmedInDay };
  }

  record(keys: string[], now: number, sms: boolean): SendRecord {
    const rec: SendRecord = { at: now, confirmedAt: null };
    for (const k of keys) this.list(k).push(rec);
    if (sms) {
      this.smsCounts(now);
      this.sms.push({ at: now, rec });
      this.smsInDay++;
      this.smsUnconfirmedInDay++;
      this.smsToday++;
    }
    return rec;
  }

  confirm(rec: SendRecord, sms: boolean, now: number): void {
    if (rec.confirmedAt !== null) return;
    rec.confirmedAt = now;
    if (sms && rec.at > now - DAY) this.smsUnconfirmedInDay--;
  }
}

export interface VoteOutcome {
  group: string;
  honest: boolean;
  intent: boolean;
  /** Final status, or the code of the refusal. */
  result: VoteStatus | string;
  reasons: ReasonCode[];
}

interface Pending {
  at: number;
  seq: number;
  run: () => void;
}

/** A binary heap of pending steps by time, then by the order they were scheduled. */
class Agenda {
  private heap: Pending[] = [];
  private seq = 0;
  push(at: number, run: () => void): void {
    const h = this.heap;
    h.push({ at, seq: this.seq++, run });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): Pending | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
  private less(a: Pending, b: Pending): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

export interface RunResult {
  votes: VoteOutcome[];
  sends: { group: string; honest: boolean; pump: boolean; result: 'sent' | string }[];
  log: { ok: boolean; votes: number; matchesRunner: boolean; failure?: string };
}

export class RuleLevelRunner {
  private readonly voters = new Map<string, Voter>();
  private readonly requests = new Map<string, CodeRequest>();
  private readonly latestRequest = new Map<string, string>();
  private readonly failures = new Map<string, FailureRecord>();
  private readonly keys = new Set<string>();
  private readonly ledger: SendLedger;
  private readonly monitor: IntegrityMonitor;
  private readonly agenda = new Agenda();
  /** Which identity each person's browser holds a verified session for. */
  private readonly sessions = new Map<string, string>();
  private readonly pendingCode = new Map<string, string>();
  private readonly outcomes: VoteOutcome[] = [];
  private readonly byVoteSeq = new Map<number, VoteOutcome>();
  private readonly castInfo = new Map<number, { entry: string; voter: string }>();
  private readonly sends: RunResult['sends'] = [];
  private readonly logLines: string[] = [];
  private logPrev: string;
  private logSeq = 0;
  private lastLogAt = '';
  private requestCounter = 0;
  private readonly votingEndsAt: string;

  constructor(
    private readonly settings: VotingSettings,
    private readonly timeZone: string,
    private readonly phases: Phase[],
    private readonly contest: string,
    private readonly rng: Random,
  ) {
    this.ledger = new SendLedger(timeZone);
    this.monitor = new IntegrityMonitor(settings.integrity, timeZone, settings.disposableDomains);
    const voting = phases.find((p) => p.kind === 'public_voting')!;
    this.votingEndsAt = voting.endsAt;
    const header = headerLine({
      contest,
      rule: settings.rule,
      timeZone,
      votingStartsAt: new Date(voting.startsAt).toISOString(),
      votingEndsAt: new Date(voting.endsAt).toISOString(),
    });
    this.logLines.push(header);
    this.logPrev = genesisHash(header, sha256Hex);
  }

  run(sessions: readonly Session[]): RunResult {
    for (const s of sessions) this.agenda.push(s.startAt, () => this.step(s, 0, s.startAt, 0));
    for (let p = this.agenda.pop(); p; p = this.agenda.pop()) p.run();
    return { votes: this.outcomes, sends: this.sends, log: this.verifyLog() };
  }

  private next(s: Session, i: number, at: number): void {
    const step = s.steps[i];
    if (step) this.agenda.push(at + step.delayMs, () => this.step(s, i, at + step.delayMs, 0));
  }

  private step(s: Session, i: number, at: number, tries: number): void {
    const step = s.steps[i]!;
    const address = step.address ?? s.address;
    const device = step.device === undefined ? s.device : step.device;
    if (step.kind === 'requestCode') {
      const r = this.requestCode(s, step.identity, address, device, at);
      this.sends.push({ group: s.group, honest: s.honest, pump: !!s.pump, result: r.ok ? 'sent' : r.problem.code });
      this.next(s, i + 1, at);
    } else if (step.kind === 'enterCode') {
      this.enterCode(s, device, at, step.typo ?? false);
      this.next(s, i + 1, at);
    } else if (s.honest && s.verifyAs && !this.sessions.has(s.person)) {
      this.verifyThenVote(s, i, at, address, device, s.verifyAs, tries);
    } else {
      this.castAndRecord(s, step, address, device, at);
      this.next(s, i + 1, at);
    }
  }

  /** An honest person on the vote page: asks for a code, types it, looks around, then votes. */
  private verifyThenVote(
    s: Session,
    i: number,
    at: number,
    address: string,
    device: string | null,
    identity: IdentityInput,
    tries: number,
  ): void {
    const step = s.steps[i] as Extract<Step, { kind: 'vote' }>;
    const r = this.requestCode(s, identity, address, device, at);
    this.sends.push({ group: s.group, honest: true, pump: false, result: r.ok ? 'sent' : r.problem.code });
    if (!r.ok) {
      const smsRefused = r.problem.code === 'send.smsPaused' || r.problem.code === 'send.smsBudget';
      if (smsRefused && s.fallbackEmail && identity.kind === 'phone') {
        const email = { kind: 'email' as const, input: s.fallbackEmail };
        this.agenda.push(at + 60_000, () => this.verifyThenVote(s, i, at + 60_000, address, device, email, tries + 1));
        return;
      }
      const retryAt = at + (r.retryAfterSec ?? 60) * 1000 + 5_000;
      if (tries < 3 && r.retryAfterSec !== undefined && retryAt < Date.parse(this.votingEndsAt)) {
        this.agenda.push(retryAt, () => this.verifyThenVote(s, i, retryAt, address, device, identity, tries + 1));
        return;
      }
      if (step.intent) this.record({ group: s.group, honest: true, intent: true, result: r.problem.code, reasons: [] });
      return;
    }
    const typed = at + 30_000 + this.rng.int(60_000);
    this.agenda.push(typed, () => {
      if (s.typo) this.enterCode(s, device, typed, true);
      const done = typed + (s.typo ? 20_000 : 0);
      this.agenda.push(done, () => {
        if (!this.enterCode(s, device, done, false)) {
          if (step.intent)
            this.record({ group: s.group, honest: true, intent: true, result: 'code.failed', reasons: [] });
          return;
        }
        const voteAt = done + (s.browseMs ?? 10_000 + this.rng.int(50_000));
        this.agenda.push(voteAt, () => {
          this.castAndRecord(s, step, address, device, voteAt);
          this.next(s, i + 1, voteAt);
        });
      });
    });
  }

  private requestCode(
    s: Session,
    identity: IdentityInput,
    address: string,
    device: string | null,
    at: number,
  ): { ok: true } | { ok: false; problem: VotingProblem; retryAfterSec?: number } {
    const parsed = parseIdentity(identity.kind, identity.input, this.settings);
    if (!parsed.ok) return parsed;
    const id = parsed.identity;
    const ip = canonicalIp(address)!;
    const net = networkOf(address)!;
    const idHash = hmac(id.hashInput);
    const now = new Date(at);
    const sms = id.kind === 'phone';
    const idWindow = this.ledger.window(`i:${idHash}`, at, DAY);
    const lastSent = this.ledger.list(`i:${idHash}`).at(-1);
    const decision = decideSend(
      {
        channel: sms ? 'sms' : 'email',
        identity: {
          lastSentAt: lastSent ? new Date(lastSent.at) : null,
          lastHour: this.ledger.window(`i:${idHash}`, at, HOUR),
          lastDay: idWindow,
        },
        address: this.ledger.source(`a:${ip}`, at),
        network: this.ledger.source(`n:${net}`, at),
        sms: this.ledger.smsCounts(at),
      },
      this.settings.sendLimits,
      now,
      this.timeZone,
      id.display,
    );
    if (!decision.ok) return decision;
    const requestId = `r${++this.requestCounter}`;
    const code = generateCode((n) => this.rng.int(n));
    const prior = this.latestRequest.get(idHash);
    if (prior) this.requests.get(prior)!.superseded = true;
    const rec = this.ledger.record([`i:${idHash}`, `a:${ip}`, `n:${net}`], at, sms);
    this.requests.set(requestId, {
      requestId,
      deviceId: device,
      codeHash: hmac(codeHashInput(requestId, code)),
      createdAt: now,
      usedAt: null,
      failedAttempts: 0,
      superseded: false,
      code,
      identityHash: idHash,
      sendIndex: [rec],
    });
    this.latestRequest.set(idHash, requestId);
    this.pendingCode.set(s.person, requestId);
    if (!this.voters.has(idHash)) {
      this.voters.set(idHash, {
        id: sha256Hex(`voter:${idHash}`).slice(0, 16),
        hash: idHash,
        kind: id.kind,
        emailDomain: id.emailDomain,
        verifiedAt: null,
        casts: [],
      });
    }
    return { ok: true };
  }

  /** Types the code of the person's latest request (a wrong one with `typo`); true when it verified them. */
  private enterCode(s: Session, device: string | null, at: number, typo: boolean): boolean {
    const requestId = this.pendingCode.get(s.person);
    const req = requestId ? this.requests.get(requestId) : undefined;
    if (!req) return false;
    const failKey = `${req.identityHash}|${device}`;
    const failures = this.failures.get(failKey) ?? { failures: 0, lastFailureAt: null };
    const code = typo ? String((Number(req.code) + 1) % 1_000_000).padStart(6, '0') : req.code;
    const v = checkCode(req, { requestId: req.requestId, deviceId: device, code }, failures, new Date(at), hmac, '');
    if (!v.ok) {
      if (v.countsAsFailure) {
        req.failedAttempts++;
        this.failures.set(failKey, { failures: failures.failures + 1, lastFailureAt: new Date(at) });
      }
      return false;
    }
    req.usedAt = new Date(at);
    this.failures.delete(failKey);
    const voter = this.voters.get(req.identityHash)!;
    voter.verifiedAt ??= at;
    for (const rec of req.sendIndex) this.ledger.confirm(rec, voter.kind === 'phone', at);
    this.sessions.set(s.person, req.identityHash);
    return true;
  }

  private castAndRecord(
    s: Session,
    step: Extract<Step, { kind: 'vote' }>,
    address: string,
    device: string | null,
    at: number,
  ): void {
    const base = { group: s.group, honest: s.honest, intent: step.intent };
    const now = new Date(at);
    const refused = (p: VotingProblem | string) =>
      this.record({ ...base, result: typeof p === 'string' ? p : p.code, reasons: [] });
    const window = voteWindowProblem(this.phases, now);
    if (window) return refused(window);
    const idHash = this.sessions.get(s.person);
    const voter = idHash ? this.voters.get(idHash) : undefined;
    if (!voter || voter.verifiedAt === null) return refused('vote.verifyFirst');
    const rule = ruleProblem(
      this.settings.rule,
      voter.casts,
      { entryId: step.entry, at: now },
      this.timeZone,
      this.votingEndsAt,
    );
    const slot =
      this.settings.rule.kind === 'total'
        ? freeSlot(
            voter.casts.map((c) => c.slot!),
            this.settings.rule.votes,
          )
        : null;
    const keys = voteKeys(this.settings.rule, {
      entryId: step.entry,
      at: now,
      timeZone: this.timeZone,
      slot: slot ?? 1,
    });
    const unique = [`${voter.id}|${keys.ruleKey}`, ...(keys.entryKey ? [`${voter.id}|${keys.entryKey}`] : [])];
    // The database's unique keys decide; the rule check only words the refusal.
    if (unique.some((k) => this.keys.has(k))) return refused(rule ?? 'vote.duplicateKey');
    for (const k of unique) this.keys.add(k);
    const priorVotes = voter.casts.length;
    voter.casts.push({ entryId: step.entry, at: now, slot });

    const seq = this.logSeq + 1;
    const a = this.monitor.assess({
      id: seq,
      at,
      entry: step.entry,
      voter: voter.id,
      verifiedAt: voter.verifiedAt,
      identityKind: voter.kind,
      emailDomain: voter.emailDomain,
      address: canonicalIp(address)!,
      network: networkOf(address)!,
      device,
      priorVotes,
    });
    const outcome: VoteOutcome = { ...base, result: a.verdict.status, reasons: a.verdict.reasons };
    this.record(outcome);
    this.appendLog('cast', seq, now, step.entry, voter.id, a.verdict.status, a.verdict.reasons);
    this.byVoteSeq.set(seq, outcome);
    for (const l of a.later) {
      const earlier = this.byVoteSeq.get(l.id)!;
      earlier.result = 'quarantined';
      earlier.reasons = l.reasons;
      this.appendLog('status', l.id, now, this.entryOf(l.id), this.voterOf(l.id), 'quarantined', l.reasons);
    }
  }

  private entryOf(seq: number): string {
    return this.castInfo.get(seq)!.entry;
  }
  private voterOf(seq: number): string {
    return this.castInfo.get(seq)!.voter;
  }

  private appendLog(
    type: 'cast' | 'status',
    vote: number,
    now: Date,
    entry: string,
    voter: string,
    status: VoteStatus,
    reasons: readonly string[],
  ): void {
    const seq = ++this.logSeq;
    let at = now.toISOString();
    if (at < this.lastLogAt) at = this.lastLogAt;
    this.lastLogAt = at;
    const out = recordLine(
      this.logPrev,
      { seq, at, type, vote: type === 'cast' ? seq : vote, entry, voter, status, reasons },
      sha256Hex,
    );
    if (type === 'cast') this.castInfo.set(seq, { entry, voter });
    this.logLines.push(out.line);
    this.logPrev = out.hash;
  }

  private record(o: VoteOutcome): void {
    this.outcomes.push(o);
  }

  /** The log verifies, and its recomputed tally is the runner's. */
  private verifyLog(): RunResult['log'] {
    const v = new VoteLogVerifier(sha256Hex);
    for (const l of this.logLines) v.push(l);
    const verdict = v.finish();
    const mine = new Map<string, Record<VoteStatus, number>>();
    for (const [seq, o] of this.byVoteSeq) {
      const entry = this.entryOf(seq);
      const t = mine.get(entry) ?? { counted: 0, quarantined: 0, invalidated: 0 };
      t[o.result as VoteStatus]++;
      mine.set(entry, t);
    }
    const matches =
      verdict.tally.size === mine.size &&
      [...mine].every(([e, t]) => JSON.stringify(verdict.tally.get(e)) === JSON.stringify(t));
    return {
      ok: verdict.ok,
      votes: verdict.votes,
      matchesRunner: matches,
      failure: verdict.failure ? `${verdict.failure.reason}: ${verdict.failure.detail}` : undefined,
    };
  }
}
