import { describe, expect, it } from 'vitest';
import { assessStream, IntegrityMonitor, type VoteEvent } from './integrity.ts';
import { resolveVotingSettings } from './settings.ts';

const VN = 'Asia/Ho_Chi_Minh';
const T = resolveVotingSettings({}).integrity;
const DAY0 = Date.parse('2024-07-01T01:00:00.000Z'); // 08:00 in Vietnam
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

/** A small deterministic random source so that "human" timing is reproducible. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let nextId = 1;
function ev(o: Partial<VoteEvent> & { at: number; voter: string }): VoteEvent {
  return {
    id: nextId++,
    entry: 'VL-01',
    verifiedAt: o.at - 2 * MIN,
    identityKind: 'phone',
    emailDomain: null,
    address: `113.160.${nextId % 250}.${nextId % 200}`,
    network: `113.160.${nextId % 250}.0/24`,
    device: `dev-${o.voter}`,
    priorVotes: 0,
    ...o,
  };
}

/** Arrival times of people acting independently: exponential gaps with the given mean. */
function human(start: number, n: number, meanGap: number, seed = 1): number[] {
  const r = rng(seed);
  const out: number[] = [];
  let t = start;
  for (let i = 0; i < n; i++) {
    t += Math.round(-Math.log(1 - r()) * meanGap);
    out.push(t);
  }
  return out;
}

const statuses = (m: ReturnType<typeof assessStream>, events: VoteEvent[]) => events.map((e) => m.get(e.id)!.status);

describe('IntegrityMonitor: honest crowds behind one address', () => {
  it('counts 200 people behind one carrier NAT address over a day, flagging the address for staff only', () => {
    const entries = ['VL-01', 'VL-02', 'VL-03', 'VL-04', 'VL-05'];
    const r = rng(7);
    const events = human(DAY0, 200, 4 * MIN, 3).map((at, i) =>
      ev({
        at,
        voter: `cgnat-${i}`,
        address: '171.224.10.5',
        network: '171.224.10.0/24',
        entry: entries[Math.floor(r() * 5)]!,
      }),
    );
    const m = assessStream(events, T, VN);
    expect(statuses(m, events).every((s) => s === 'counted')).toBe(true);
    expect(m.get(events[199]!.id)!.flags).toContain('address_many_voters');
    expect(m.get(events[0]!.id)!.flags).toEqual([]);
  });

  it('counts a commune office: 30 officials on its Wi-Fi voting for their commune in an hour, some on one PC', () => {
    const events = human(DAY0, 30, 2 * MIN, 11).map((at, i) =>
      ev({
        at,
        voter: `office-${i}`,
        address: '14.241.7.9',
        network: '14.241.7.0/24',
        device: i < 3 ? 'office-pc' : `phone-${i}`,
      }),
    );
    const m = assessStream(events, T, VN);
    expect(statuses(m, events).every((s) => s === 'counted')).toBe(true);
  });

  it('flags, but counts, a busy address whose votes spread over many entries', () => {
    const events = Array.from({ length: 40 }, (_, i) =>
      ev({
        at: DAY0 + i * 7 * SEC + (i % 3) * 900,
        voter: `p-${i}`,
        address: '171.224.10.5',
        network: '171.224.10.0/24',
        entry: `VL-${i % 8}`,
      }),
    );
    const m = assessStream(events, { ...T, regularGaps: 200 }, VN);
    expect(statuses(m, events).every((s) => s === 'counted')).toBe(true);
  });

  it('counts a busy NAT address where a popular entry gets many votes, as long as its other votes are many too', () => {
    const pick = rng(5);
    const events = human(DAY0, 60, 8 * SEC, 17).map((at, i) =>
      ev({
        at,
        voter: `busy-${i}`,
        address: '171.224.10.5',
        network: '171.224.10.0/24',
        entry: pick() < 0.6 ? 'VL-01' : `VL-${2 + Math.floor(pick() * 9)}`,
      }),
    );
    const m = assessStream(events, T, VN);
    expect(statuses(m, events).every((s) => s === 'counted')).toBe(true);
    expect(events.some((e) => m.get(e.id)!.flags.includes('address_burst'))).toBe(true);
  });

  it('counts a day of a NAT address that mostly favours its commune’s entry, below the one-sided share', () => {
    const pick = rng(8);
    const events = human(DAY0, 220, 3 * MIN, 19).map((at, i) =>
      ev({
        at,
        voter: `local-${i}`,
        address: '27.72.100.5',
        network: '27.72.100.0/24',
        entry: pick() < 0.8 ? 'VL-03' : `VL-${10 + Math.floor(pick() * 5)}`,
      }),
    );
    const m = assessStream(events, T, VN);
    expect(statuses(m, events).every((s) => s === 'counted')).toBe(true);
  });
});

describe('IntegrityMonitor: one-sided bursts from one source', () => {
  it('quarantines a flood for one entry from one address, the earlier votes of the burst included', () => {
    const monitor = new IntegrityMonitor(T, VN);
    const times = human(DAY0, 25, 10 * SEC, 5);
    const results = times.map((at, i) =>
      monitor.assess(ev({ at, voter: `f-${i}`, address: '42.118.5.5', network: '42.118.5.0/24', entry: 'VL-09' })),
    );
    expect(results.slice(0, 19).every((r) => r.verdict.status === 'counted')).toBe(true);
    expect(results[19]!.verdict).toEqual({
      status: 'quarantined',
      reasons: ['address_burst', 'one_sided_source'],
      flags: [],
    });
    expect(results[19]!.later).toHaveLength(19);
    expect(results[19]!.later[0]!.reasons).toEqual(['address_burst', 'one_sided_source']);
    expect(results.slice(20).every((r) => r.verdict.status === 'quarantined' && r.later.length === 0)).toBe(true);
  });

  it('quarantines a slow, one-sided stream from one address once it passes the daily threshold', () => {
    const events = human(DAY0, 110, 5 * MIN, 9).map((at, i) =>
      ev({ at, voter: `slow-${i}`, address: '42.118.5.5', network: '42.118.5.0/24', entry: 'VL-09' }),
    );
    const m = assessStream(events, T, VN);
    expect(statuses(m, events).every((s) => s === 'quarantined')).toBe(true);
    expect(m.get(events[0]!.id)!.reasons).toEqual(['address_burst', 'one_sided_source']);
  });

  it('quarantines votes rotating over the addresses of one /24', () => {
    const events = human(DAY0, 45, 8 * SEC, 13).map((at, i) =>
      ev({ at, voter: `rot-${i}`, address: `45.77.12.${i + 2}`, network: '45.77.12.0/24', entry: 'VL-04' }),
    );
    const m = assessStream(events, T, VN);
    expect(statuses(m, events).every((s) => s === 'quarantined')).toBe(true);
    expect(m.get(events[0]!.id)!.reasons).toEqual(['network_burst', 'one_sided_source']);
  });
});

describe('IntegrityMonitor: devices', () => {
  it('counts a family of three on one phone, and quarantines all votes of a device with a fourth identity', () => {
    const family = [0, 1, 2].map((i) => ev({ at: DAY0 + i * 10 * MIN, voter: `fam-${i}`, device: 'shared-phone' }));
    const fourth = ev({ at: DAY0 + 40 * MIN, voter: 'fam-3', device: 'shared-phone' });
    const monitor = new IntegrityMonitor(T, VN);
    expect(family.map((e) => monitor.assess(e).verdict.status)).toEqual(['counted', 'counted', 'counted']);
    const a = monitor.assess(fourth);
    expect(a.verdict.reasons).toEqual(['device_shared']);
    expect(a.later.map((l) => l.id)).toEqual(family.map((e) => e.id));
  });

  it('starts counting identities per device again at midnight in Vietnam', () => {
    const monitor = new IntegrityMonitor(T, VN);
    const late = Date.parse('2024-07-01T16:30:00.000Z'); // 23:30 in Vietnam
    for (let i = 0; i < 3; i++) monitor.assess(ev({ at: late + i * MIN, voter: `n-${i}`, device: 'phone' }));
    const next = monitor.assess(ev({ at: Date.parse('2024-07-01T17:00:00.000Z'), voter: 'n-3', device: 'phone' }));
    expect(next.verdict.status).toBe('counted');
  });
});

describe('IntegrityMonitor: timing', () => {
  it('quarantines votes arriving at a fixed interval from rotating addresses, but not an honest one in between', () => {
    const script = Array.from({ length: 24 }, (_, i) =>
      ev({
        at: DAY0 + i * 45 * SEC + (i % 2) * 300,
        voter: `bot-${i}`,
        entry: 'VL-07',
        address: `10.${i}.0.1`,
        network: `10.${i}.0.0/24`,
      }),
    );
    const honest = ev({
      at: DAY0 + 4 * 45 * SEC + 17 * SEC,
      voter: 'citizen',
      entry: 'VL-07',
      address: '1.1.1.1',
      network: '1.1.1.0/24',
    });
    const events = [...script.slice(0, 5), honest, ...script.slice(5)];
    const m = assessStream(events, T, VN);
    // Every scripted vote but the last, which no later vote showed to be on the beat.
    expect(script.slice(0, -1).every((e) => m.get(e.id)!.reasons.includes('regular_timing'))).toBe(true);
    expect(m.get(honest.id)!.status).toBe('counted');
  });

  it('does not call a crowd of people on one address regular, nor the stream of each entry', () => {
    const pick = rng(22);
    const events = human(DAY0, 300, 90 * SEC, 21).map((at, i) =>
      ev({
        at,
        voter: `c-${i}`,
        address: '171.224.10.5',
        network: '171.224.10.0/24',
        entry: `VL-${Math.floor(pick() * 6)}`,
      }),
    );
    const m = assessStream(events, T, VN);
    expect(events.filter((e) => m.get(e.id)!.reasons.includes('regular_timing'))).toEqual([]);
  });
});

describe('IntegrityMonitor: waves', () => {
  const farm = (start: number, n: number, prior: number) =>
    human(start, n, 4 * SEC, 31 + prior).map((at, i) =>
      ev({
        at,
        voter: `farm-${i}`,
        entry: 'VL-12',
        verifiedAt: DAY0 - 6 * HOUR + i * 1000,
        priorVotes: prior,
        address: `27.${i}.${prior}.3`,
        network: `27.${i}.${prior}.0/24`,
      }),
    );

  it('quarantines a wave for one entry from stockpiled identities, and the same identities in a later wave', () => {
    const day1 = farm(DAY0 + 2 * HOUR, 60, 0);
    const day2 = farm(DAY0 + 26 * HOUR, 60, 1);
    const m = assessStream([...day1, ...day2], T, VN);
    expect(day1.every((e) => m.get(e.id)!.reasons.includes('fresh_wave'))).toBe(true);
    expect(day2.every((e) => m.get(e.id)!.reasons.includes('wave_cohort'))).toBe(true);
  });

  it('counts the entry’s honest supporters voting during the wave, flagging the burst', () => {
    const wave = farm(DAY0 + 2 * HOUR, 60, 0);
    const honest = ev({
      at: wave[40]!.at + 1,
      voter: 'fan',
      entry: 'VL-12',
      address: '9.9.9.9',
      network: '9.9.9.0/24',
    });
    const events = [...wave.slice(0, 41), honest, ...wave.slice(41)];
    const m = assessStream(events, T, VN);
    expect(m.get(honest.id)).toEqual({ status: 'counted', reasons: [], flags: ['entry_burst'] });
  });

  it('counts a mobilized commune: many people verifying and voting for their entry within minutes', () => {
    const events = human(DAY0 + 12 * HOUR, 80, 6 * SEC, 41).map((at, i) =>
      ev({
        at,
        voter: `res-${i}`,
        entry: 'VL-03',
        verifiedAt: at - 90 * SEC,
        address: `113.185.${i % 40}.${i}`,
        network: `113.185.${i % 40}.0/24`,
      }),
    );
    const m = assessStream(events, T, VN);
    expect(statuses(m, events).every((s) => s === 'counted')).toBe(true);
    expect(m.get(events[79]!.id)!.flags).toContain('entry_burst');
  });

  it('after staff count a wave voter, their later wave votes are not held for it', () => {
    const monitor = new IntegrityMonitor(T, VN);
    for (const e of farm(DAY0 + 2 * HOUR, 60, 0)) monitor.assess(e);
    monitor.clearCohort('farm-0');
    const again = farm(DAY0 + 26 * HOUR, 60, 1).map((e) => ({ e, a: monitor.assess(e) }));
    const first = again.find((x) => x.e.voter === 'farm-0')!;
    const laterIds = new Set(again.flatMap((x) => x.a.later.map((l) => l.id)));
    expect(first.a.verdict.status === 'counted' && !laterIds.has(first.e.id)).toBe(true);
  });
});

describe('IntegrityMonitor: identities', () => {
  it('quarantines a vote verified with a disposable mailbox, with the contest’s own list', () => {
    const monitor = new IntegrityMonitor(T, VN, { extra: ['rac.vn'], allowed: [] });
    const a = monitor.assess(ev({ at: DAY0, voter: 'm1', identityKind: 'email', emailDomain: 'mailinator.com' }));
    const b = monitor.assess(ev({ at: DAY0 + MIN, voter: 'm2', identityKind: 'email', emailDomain: 'x.rac.vn' }));
    const c = monitor.assess(ev({ at: DAY0 + 2 * MIN, voter: 'm3', identityKind: 'email', emailDomain: 'gmail.com' }));
    expect([a, b, c].map((x) => x.verdict.reasons)).toEqual([['disposable_email'], ['disposable_email'], []]);
  });
});
