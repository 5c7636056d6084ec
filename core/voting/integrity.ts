/**
 * Integrity checks over the stream of votes, in the order they were logged. Each vote is counted or quarantined with
 * its reasons; a check that trips may also quarantine earlier votes of the same group (`later`), which the server
 * appends to the vote log as status changes. Quarantine is not a verdict: staff review and count or invalidate.
 *
 * Evidence comes in two kinds (ADR 0021 has the table):
 * - Volume on a shared source (many votes or voters on one address or /24 /64): in Vietnam a carrier's NAT or a
 *   commune office's Wi-Fi puts hundreds of honest people behind one address, so volume alone only flags a vote for
 *   the staff (`flags`), never quarantines it.
 * - Corroborated signals quarantine: a source's burst that is also one-sided (≥ 90 % of its votes for one entry, which
 *   a crowd of neighbours is not), many identities on one device, machine-regular timing on any source or entry, a
 *   wave for one entry from stockpiled identities (or from identities already caught in a wave), a disposable mailbox.
 *
 * Memory grows with the votes of the current contest day (per-source and per-device lists) and the windows.
 */
import { startOfLocalDay } from '../time.ts';
import { type DisposableOverrides, isDisposableDomain } from './email.ts';
import type { ReasonCode } from './reasons.ts';
import { regularRun } from './regularity.ts';
import type { IdentityKind, IntegrityThresholds } from './settings.ts';

export interface VoteEvent {
  id: number;
  /** Milliseconds since the epoch. */
  at: number;
  entry: string;
  /** The voter's id (pseudonymous is enough). */
  voter: string;
  /** When the voter's identity was verified (ms). */
  verifiedAt: number;
  identityKind: IdentityKind;
  emailDomain: string | null;
  /** Canonical client address (core/voting/network.ts). */
  address: string;
  /** Its /24 or /64. */
  network: string;
  /** First-party cookie id, null when the client sent none. */
  device: string | null;
  /** How many votes the voter cast in this contest before this one. */
  priorVotes: number;
}

export interface Verdict {
  status: 'counted' | 'quarantined';
  reasons: ReasonCode[];
  /** Volume seen with the vote that did not quarantine it, shown to staff. */
  flags: ReasonCode[];
}

export interface Assessment {
  verdict: Verdict;
  /** Earlier votes this one showed to be part of a pattern: move them from counted to quarantined. */
  later: { id: number; reasons: ReasonCode[] }[];
}

interface Tracked {
  ev: VoteEvent;
  at: number;
  quarantined: boolean;
  reasons: Set<ReasonCode>;
  flags: Set<ReasonCode>;
  done: boolean;
  /** Counted in its entry's usual rate when it left the wave window. */
  inBaseline: boolean;
}

/** Items in time order, dropped from the front as they leave the window. */
class TimedQueue {
  private items: Tracked[] = [];
  private start = 0;
  get size(): number {
    return this.items.length - this.start;
  }
  push(t: Tracked): void {
    this.items.push(t);
  }
  last(): Tracked | undefined {
    return this.start < this.items.length ? this.items[this.items.length - 1] : undefined;
  }
  /** Removes and returns the items older than `before`. */
  shiftBefore(before: number): Tracked[] {
    const out: Tracked[] = [];
    while (this.start < this.items.length && this.items[this.start]!.at < before) out.push(this.items[this.start++]!);
    if (this.start > 1024 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
    return out;
  }
  *[Symbol.iterator](): Iterator<Tracked> {
    for (let i = this.start; i < this.items.length; i++) yield this.items[i]!;
  }
}

interface SourceWindow {
  queue: TimedQueue;
  perEntry: Map<string, number>;
  /** Per entry: until when the one-sided burst has been swept already. */
  sweptUntil: Map<string, number>;
}

interface SourceDay {
  total: number;
  perEntry: Map<string, Tracked[]>;
  voters: Set<string>;
  tripped: Set<string>;
}

interface EntryWave {
  recent: TimedQueue;
  older: TimedQueue;
  /** Votes in `older` that were counted when they left the recent window: the entry's usual rate. */
  baseline: number;
  active: boolean;
}

const HOUR = 3_600_000;

const SOURCES = [
  { kind: 'address', burst: 'address_burst', many: 'address_many_voters' },
  { kind: 'network', burst: 'network_burst', many: 'network_many_voters' },
] as const;

export class IntegrityMonitor {
  private lastAt = -Infinity;
  private dayEnd = -Infinity;
  private windows = new Map<string, SourceWindow>();
  private sourceDays = new Map<string, SourceDay>();
  private deviceDays = new Map<string, { voters: Set<string>; votes: Tracked[] }>();
  private rings = new Map<string, Tracked[]>();
  /** Rings that have dropped an arrival: their first arrival was judged while it sat inside. */
  private ringsMoved = new Set<string>();
  private waves = new Map<string, EntryWave>();
  /** Voters whose vote was quarantined as part of a wave of stockpiled identities. */
  private readonly cohort = new Set<string>();
  private later = new Map<number, Tracked>();
  private assessed = 0;

  constructor(
    private readonly t: IntegrityThresholds,
    private readonly timeZone: string,
    private readonly disposable: DisposableOverrides = { extra: [], allowed: [] },
  ) {}

  /** Staff counted this voter's wave vote after review: their later votes are not held for having been in it. */
  clearCohort(voter: string): void {
    this.cohort.delete(voter);
  }

  assess(ev: VoteEvent): Assessment {
    const at = Math.max(ev.at, this.lastAt);
    this.lastAt = at;
    if (at >= this.dayEnd) this.startDay(at);
    this.later = new Map();
    const cur: Tracked = {
      ev,
      at,
      quarantined: false,
      reasons: new Set(),
      flags: new Set(),
      done: false,
      inBaseline: false,
    };
    if (++this.assessed % 10_000 === 0) this.prune(at);

    if (ev.emailDomain && isDisposableDomain(ev.emailDomain, this.disposable)) this.hold(cur, 'disposable_email');
    this.checkDevice(cur);
    for (const s of SOURCES) this.checkSource(cur, s);
    this.checkTiming(cur);
    this.checkWave(cur);

    cur.done = true;
    const later = [...this.later.values()].map((u) => ({ id: u.ev.id, reasons: [...u.reasons] }));
    this.later = new Map();
    return {
      verdict: {
        status: cur.quarantined ? 'quarantined' : 'counted',
        reasons: [...cur.reasons],
        flags: [...cur.flags].filter((f) => !cur.reasons.has(f)),
      },
      later,
    };
  }

  private startDay(at: number): void {
    this.dayEnd = startOfLocalDay(new Date(at), this.timeZone, 1).getTime();
    this.sourceDays = new Map();
    this.deviceDays = new Map();
  }

  /** Quarantines a vote; one already answered goes into `later` (once, with all reasons found in this round). */
  private hold(u: Tracked, reason: ReasonCode): void {
    if (u.quarantined && u.done && !this.later.has(u.ev.id)) return;
    u.reasons.add(reason);
    if (!u.quarantined) {
      u.quarantined = true;
      if (u.done) this.later.set(u.ev.id, u);
    }
  }

  private checkDevice(cur: Tracked): void {
    const device = cur.ev.device;
    if (!device) return;
    let d = this.deviceDays.get(device);
    if (!d) this.deviceDays.set(device, (d = { voters: new Set(), votes: [] }));
    d.voters.add(cur.ev.voter);
    d.votes.push(cur);
    if (d.voters.size >= this.t.deviceIdentitiesPerDay) for (const u of d.votes) this.hold(u, 'device_shared');
  }

  private checkSource(cur: Tracked, s: (typeof SOURCES)[number]): void {
    const source = s.kind === 'address' ? cur.ev.address : cur.ev.network;
    const key = `${s.kind}:${source}`;
    const entry = cur.ev.entry;
    const perWindow = s.kind === 'address' ? this.t.addressEntryPerWindow : this.t.networkEntryPerWindow;
    const perDay = s.kind === 'address' ? this.t.addressEntryPerDay : this.t.networkEntryPerDay;
    const voters = s.kind === 'address' ? this.t.addressIdentitiesPerDay : this.t.networkIdentitiesPerDay;
    const span = this.t.burstWindowSec * 1000;

    let w = this.windows.get(key);
    if (!w) this.windows.set(key, (w = { queue: new TimedQueue(), perEntry: new Map(), sweptUntil: new Map() }));
    for (const old of w.queue.shiftBefore(cur.at - span)) {
      const n = w.perEntry.get(old.ev.entry)! - 1;
      if (n === 0) {
        w.perEntry.delete(old.ev.entry);
        w.sweptUntil.delete(old.ev.entry);
      } else w.perEntry.set(old.ev.entry, n);
    }
    w.queue.push(cur);
    const inWindow = (w.perEntry.get(entry) ?? 0) + 1;
    w.perEntry.set(entry, inWindow);

    let d = this.sourceDays.get(key);
    if (!d) this.sourceDays.set(key, (d = { total: 0, perEntry: new Map(), voters: new Set(), tripped: new Set() }));
    d.total++;
    d.voters.add(cur.ev.voter);
    let list = d.perEntry.get(entry);
    if (!list) d.perEntry.set(entry, (list = []));
    list.push(cur);
    if (d.voters.size >= voters) cur.flags.add(s.many);

    if (inWindow >= perWindow) {
      if (inWindow / w.queue.size >= this.t.concentration) {
        if ((w.sweptUntil.get(entry) ?? -Infinity) < cur.at) {
          for (const u of w.queue) if (u.ev.entry === entry) this.holdBurst(u, s.burst);
        }
        w.sweptUntil.set(entry, cur.at + span);
        this.holdBurst(cur, s.burst);
      } else cur.flags.add(s.burst);
    }
    if (d.tripped.has(entry)) this.holdBurst(cur, s.burst);
    else if (list.length >= perDay && list.length / d.total >= this.t.concentration) {
      d.tripped.add(entry);
      for (const u of list) this.holdBurst(u, s.burst);
    }
  }

  private holdBurst(u: Tracked, burst: ReasonCode): void {
    this.hold(u, burst);
    this.hold(u, 'one_sided_source');
  }

  /** Forgets sources, rings and entries that have been quiet for longer than their windows. */
  private prune(now: number): void {
    const burst = now - this.t.burstWindowSec * 1000;
    for (const [k, w] of this.windows) {
      const last = w.queue.last();
      if (!last || last.at < burst) this.windows.delete(k);
    }
    for (const [k, ring] of this.rings) {
      if (ring.at(-1)!.at < now - 24 * HOUR) {
        this.rings.delete(k);
        this.ringsMoved.delete(k);
      }
    }
  }

  private checkTiming(cur: Tracked): void {
    const keys = [`a:${cur.ev.address}`, `n:${cur.ev.network}`, `e:${cur.ev.entry}`];
    if (cur.ev.device) keys.push(`d:${cur.ev.device}`);
    const size = this.t.regularGaps + 1;
    for (const key of keys) {
      let ring = this.rings.get(key);
      if (!ring) this.rings.set(key, (ring = []));
      ring.push(cur);
      if (ring.length > size) {
        ring.shift();
        this.ringsMoved.add(key);
      }
      if (ring.length < size) continue;
      const run = regularRun(
        ring.map((u) => u.at),
        this.t.regularMaxDispersion,
        !this.ringsMoved.has(key),
      );
      if (run.regular) ring.forEach((u, i) => run.members[i] && this.hold(u, 'regular_timing'));
    }
  }

  private checkWave(cur: Tracked): void {
    const span = this.t.waveWindowSec * 1000;
    let w = this.waves.get(cur.ev.entry);
    if (!w) {
      w = { recent: new TimedQueue(), older: new TimedQueue(), baseline: 0, active: false };
      this.waves.set(cur.ev.entry, w);
    }
    for (const u of w.recent.shiftBefore(cur.at - span)) {
      w.older.push(u);
      u.inBaseline = !u.quarantined;
      if (u.inBaseline) w.baseline++;
    }
    for (const u of w.older.shiftBefore(cur.at - span - HOUR)) if (u.inBaseline) w.baseline--;
    w.recent.push(cur);
    const expected = (w.baseline * span) / HOUR;
    const inWave = w.recent.size >= this.t.waveMinVotes && w.recent.size >= this.t.waveFactor * Math.max(expected, 1);
    if (!inWave) {
      w.active = false;
      return;
    }
    cur.flags.add('entry_burst');
    if (!w.active) for (const u of w.recent) this.checkWaveMember(u);
    else this.checkWaveMember(cur);
    w.active = true;
  }

  private checkWaveMember(u: Tracked): void {
    const stockpiled = u.ev.priorVotes === 0 && u.ev.at - u.ev.verifiedAt >= this.t.stockpiledAfterSec * 1000;
    if (stockpiled) {
      this.hold(u, 'fresh_wave');
      this.cohort.add(u.ev.voter);
    } else if (this.cohort.has(u.ev.voter)) this.hold(u, 'wave_cohort');
  }
}

/** Runs a whole stream and returns each vote's final status and reasons (what the log would end with). */
export function assessStream(
  events: Iterable<VoteEvent>,
  thresholds: IntegrityThresholds,
  timeZone: string,
  disposable?: DisposableOverrides,
): Map<number, { status: 'counted' | 'quarantined'; reasons: ReasonCode[]; flags: ReasonCode[] }> {
  const monitor = new IntegrityMonitor(thresholds, timeZone, disposable);
  const out = new Map<number, { status: 'counted' | 'quarantined'; reasons: ReasonCode[]; flags: ReasonCode[] }>();
  for (const ev of events) {
    const a = monitor.assess(ev);
    out.set(ev.id, { ...a.verdict });
    for (const l of a.later) {
      const v = out.get(l.id)!;
      out.set(l.id, { status: 'quarantined', reasons: l.reasons, flags: v.flags });
    }
  }
  return out;
}
