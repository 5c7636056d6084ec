/**
 * The people of the simulation: honest voters of a district (spread over carrier address pools and home lines, 200
 * behind one carrier NAT address, a commune office on one Wi-Fi, families sharing a phone, a commune mobilized by a
 * message in its chat group) and attacks (a flood from one address, rotation over one /24, many identities on one
 * device, scripted regular timing, a farm of verified numbers voting in waves, SMS pumping).
 */
import { MOBILE_PREFIXES } from '@core/voting/phone.ts';
import { type Random, seeded, weighted } from './random.ts';
import type { Session, Step } from './sessions.ts';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface ScenarioOptions {
  seed: number;
  /** Multiplies the size of every group. */
  scale: number;
  days: number;
  /** Voting opens at local midnight of this day. */
  startDate?: string;
  /** Which attacks join the honest voters: attacks on the vote, or SMS pumping (run apart: a pump pauses SMS). */
  attacks: 'votes' | 'pumping' | 'adaptive' | 'none';
}

export interface Scenario {
  startsAt: number;
  endsAt: number;
  entries: string[];
  sessions: Session[];
}

export const ENTRIES = Array.from({ length: 24 }, (_, i) => `VL-${String(i + 1).padStart(2, '0')}`);
const POPULARITY = ENTRIES.map((_, i) => 1 / (i + 1) ** 0.8);

const PREFIXES = Object.keys(MOBILE_PREFIXES);
let phoneCounter = 0;
function newPhone(r: Random): string {
  return `${r.pick(PREFIXES)}${String(++phoneCounter % 10_000_000).padStart(7, '0')}`;
}

/** Addresses of a carrier's pool: 24 /24s with 25 addresses each, shared by everyone on mobile data. */
const CARRIER_POOL = Array.from({ length: 600 }, (_, i) => `171.224.${Math.floor(i / 25)}.${10 + (i % 25) * 9}`);

export function buildScenario(o: ScenarioOptions): Scenario {
  phoneCounter = 0;
  const r = seeded(o.seed);
  const start = Date.parse(`${o.startDate ?? '2024-07-01'}T00:00:00+07:00`);
  const end = start + o.days * DAY;
  const sessions: Session[] = [];
  const n = (x: number) => Math.max(1, Math.round(x * o.scale));
  const at = (day: number, hours: number) => start + day * DAY + hours * HOUR;

  /** When during a day a resident opens the vote page: lunch, the evening, or any waking hour. */
  const activeHour = () => {
    const m = weighted(r, [0.3, 0.45, 0.25]);
    if (m === 0) return 11.5 + r.next() * 1.5;
    if (m === 1) return 19 + r.next() * 3.5;
    return 6 + r.next() * 17;
  };
  const favourite = (own: string, share: number) => (r.chance(share) ? own : ENTRIES[weighted(r, POPULARITY)]!);

  interface Person {
    id: string;
    group: string;
    phone: string | null;
    email: string | null;
    device: string;
    home: string | null;
  }
  const person = (group: string, i: number, o2: Partial<Person> = {}): Person => {
    const usesEmail = r.chance(0.15);
    const id = `${group}-${i}`;
    return {
      id,
      group,
      phone: usesEmail ? null : newPhone(r),
      email: usesEmail || r.chance(0.5) ? `${id.replace(/[^a-z0-9]/gi, '')}@gmail.com` : null,
      device: `d-${id}`,
      home: null,
      ...o2,
    };
  };
  /** One day's visit to the vote page: the page verifies the person if needed, then they vote (maybe tapping twice). */
  const visit = (p: Person, when: number, entry: string, address: string, device = p.device, browseMs?: number) => {
    const steps: Step[] = [{ kind: 'vote', entry, intent: true, delayMs: 0 }];
    if (r.chance(0.05)) steps.push({ kind: 'vote', entry, intent: false, delayMs: 1500 });
    sessions.push({
      group: `honest: ${p.group}`,
      honest: true,
      person: p.id,
      startAt: Math.min(when, end - MIN),
      address,
      device,
      steps,
      verifyAs: p.phone ? { kind: 'phone', input: p.phone } : { kind: 'email', input: p.email! },
      fallbackEmail: p.phone ? (p.email ?? undefined) : undefined,
      typo: r.chance(0.05),
      browseMs,
    });
  };

  // Residents across the district: mobile data from the carrier pool, or a home line.
  for (let i = 0; i < n(1500); i++) {
    const home = r.chance(0.45) ? `113.${160 + r.int(8)}.${r.int(256)}.${1 + r.int(254)}` : null;
    const p = person('residents', i, { home });
    const own = ENTRIES[r.int(18)]!;
    for (let d = 0; d < o.days; d++) {
      if (!r.chance(0.55)) continue;
      // A few look around the gallery for a while between verifying and voting.
      const browse = d === 0 && r.chance(0.02) ? 30 * MIN + r.int(60 * MIN) : undefined;
      visit(p, at(d, activeHour()), favourite(own, 0.35), home ?? r.pick(CARRIER_POOL), p.device, browse);
    }
  }

  // 200 people behind one carrier NAT address (a larger scale adds more such addresses, not more people on one).
  for (let k = 0; k < n(1); k++) {
    const address = `27.72.${100 + k}.5`;
    for (let i = 0; i < 200; i++) {
      const p = person('carrier NAT', k * 200 + i);
      for (let d = 0; d < o.days; d++) {
        if (r.chance(0.7)) visit(p, at(d, activeHour()), favourite('VL-03', 0.4), address);
      }
    }
  }

  // A commune office: its 30 officials on the office Wi-Fi, most voting for their commune after the morning
  // briefing; three of them use the office computer. A larger scale adds offices of other communes.
  for (let k = 0; k < n(1); k++) {
    const address = `14.241.${7 + k}.9`;
    const commune = ENTRIES[(6 + k) % 18]!;
    for (let i = 0; i < 30; i++) {
      const p = person('commune office', k * 30 + i, { device: i < 3 ? `office-pc-${k}` : `d-office-${k}-${i}` });
      for (let d = 0; d < o.days; d++) {
        if (!r.chance(0.9)) continue;
        const hour = r.chance(0.6)
          ? 8 + Math.min(r.exp(0.4), 1.5)
          : r.pick([7.5 + r.next() * 4, 13.5 + r.next() * 3.5]);
        visit(p, at(d, hour), favourite(commune, 0.9), address);
      }
    }
  }

  // Families sharing one phone at home.
  for (let h = 0; h < n(120); h++) {
    const home = `113.170.${r.int(256)}.${1 + r.int(254)}`;
    const size = 2 + r.int(2);
    const members = Array.from({ length: size }, (_, j) => person('families', h * 4 + j, { device: `family-${h}` }));
    for (let d = 0; d < o.days; d++) {
      let t = at(d, 19 + r.next() * 3);
      for (const p of members) {
        if (r.chance(0.6)) visit(p, t, favourite(ENTRIES[r.int(18)]!, 0.5), home);
        t += MIN + r.int(9 * MIN);
      }
    }
  }

  // A commune mobilized by a message in its chat group at 20:00 each evening.
  const mobilized = Array.from({ length: n(150) }, (_, i) => person('mobilized commune', i));
  for (let d = 0; d < o.days; d++) {
    for (const p of mobilized) {
      if (d > 0 && !r.chance(0.7)) continue;
      visit(p, at(d, 20) + Math.min(r.exp(20 * MIN), 3.5 * HOUR), 'VL-05', r.pick(CARRIER_POOL));
    }
  }

  if (o.attacks === 'votes') addVoteAttacks(sessions, r, o, at, n);
  if (o.attacks === 'pumping') addPumping(sessions, r, at, n);
  if (o.attacks === 'adaptive') addAdaptiveAttacks(sessions, r, o, at, n);
  return { startsAt: start, endsAt: end, entries: ENTRIES, sessions };
}

function proxy(r: Random): string {
  return `5.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
}

function attackSession(
  group: string,
  person: string,
  startAt: number,
  address: string,
  device: string | null,
  steps: Step[],
): Session {
  return { group: `attack: ${group}`, honest: false, person, startAt, address, device, steps };
}

const verify = (phone: string, delayMs = 0): Step[] => [
  { kind: 'requestCode', identity: { kind: 'phone', input: phone }, delayMs },
  { kind: 'enterCode', delayMs: 15 * SEC },
];
const vote = (entry: string, delayMs: number): Step => ({ kind: 'vote', entry, intent: true, delayMs });

function addVoteAttacks(
  sessions: Session[],
  r: Random,
  o: ScenarioOptions,
  at: (day: number, hours: number) => number,
  n: (x: number) => number,
): void {
  // A flood from one address: a SIM bank verifies on the spot and each number clicks three times.
  for (let d = 0; d < o.days; d++) {
    let t = at(d, 14);
    for (let i = 0; i < n(250); i++) {
      t += r.exp(3 * SEC);
      const phone = `0868${String(100_000 + i).padStart(6, '0')}`;
      const steps = [...verify(phone), vote('VL-09', 2 * SEC), vote('VL-09', SEC), vote('VL-09', SEC)];
      sessions.push(
        attackSession('flood from one address', `flood-${i}`, t, '42.118.5.5', `flood-dev-${d}-${i}`, steps),
      );
    }
  }

  // Rotation over the addresses of one /24.
  {
    let t = at(0, 10);
    for (let i = 0; i < n(300); i++) {
      t += r.exp(4 * SEC);
      const a = () => `45.77.12.${1 + r.int(254)}`;
      const phone = `0869${String(100_000 + i).padStart(6, '0')}`;
      const steps: Step[] = [
        { kind: 'requestCode', identity: { kind: 'phone', input: phone }, delayMs: 0, address: a() },
        { kind: 'enterCode', delayMs: 15 * SEC, address: a() },
        { ...vote('VL-04', 2 * SEC), address: a() },
        { ...vote('VL-04', SEC), address: a() },
      ];
      sessions.push(attackSession('rotation over one /24', `rot-${i}`, t, a(), `rot-dev-${i}`, steps));
    }
  }

  // Many identities on one device: 40 numbers on a phone moving across carrier addresses, and one Gmail mailbox
  // written 15 ways (dots, +tags), which is one identity.
  for (let i = 0; i < n(40); i++) {
    const steps = [...verify(`0889${String(100_000 + i).padStart(6, '0')}`), vote('VL-15', 20 * SEC)];
    sessions.push(
      attackSession(
        'many identities on one device',
        `dev-${i}`,
        at(0, 8 + r.next() * 14),
        r.pick(CARRIER_POOL),
        'farm-phone',
        steps,
      ),
    );
  }
  for (let i = 0; i < 15; i++) {
    const local = 'tranvanbinh'.split('').join(i % 2 ? '.' : '') + (i > 7 ? `+${i}` : '');
    const steps: Step[] = [
      { kind: 'requestCode', identity: { kind: 'email', input: `${local}@gmail.com` }, delayMs: 0 },
      { kind: 'enterCode', delayMs: 30 * SEC },
      vote('VL-15', 10 * SEC),
    ];
    sessions.push(
      attackSession(
        'many identities on one device',
        `alias-${i}`,
        at(0, 9) + i * 10 * MIN,
        '113.161.9.9',
        'farm-phone',
        steps,
      ),
    );
  }

  // Scripted regular timing: a vote every 45 s (± 1 s) from rotating residential proxies, each number verified just
  // before, the same numbers again every day.
  for (let d = 0; d < o.days; d++) {
    for (let i = 0; i < n(150); i++) {
      const t = at(d, 9) + i * 45 * SEC + r.int(2 * SEC) - SEC;
      const phone = `0333${String(100_000 + i).padStart(6, '0')}`;
      const steps: Step[] = d === 0 ? [...verify(phone), vote('VL-17', 25 * SEC)] : [vote('VL-17', 40 * SEC)];
      sessions.push(
        attackSession('scripted regular timing', `bot-${i}`, t - 40 * SEC, proxy(r), `bot-dev-${d}-${i}`, steps),
      );
    }
  }

  // A farm of verified numbers: verified early on the first morning through proxies, then voting for one entry in
  // waves of about 100 within three minutes, three times a day, every day.
  const farm = Array.from({ length: n(300) }, (_, i) => ({
    phone: `0977${String(100_000 + i).padStart(6, '0')}`,
    address: proxy(r),
    device: `farm-dev-${i}`,
  }));
  farm.forEach((f, i) => {
    const verifyAt = at(0, 6) + r.int(2 * HOUR);
    const steps: Step[] = verify(f.phone);
    let prev = verifyAt + 15 * SEC;
    for (let d = 0; d < o.days; d++) {
      const voteAt = at(d, [11, 15, 21][i % 3]!) + Math.floor(r.exp(60 * SEC));
      steps.push(vote('VL-12', voteAt - prev));
      prev = voteAt;
    }
    sessions.push(attackSession('farm voting in waves', `farm-${i}`, verifyAt, f.address, f.device, steps));
  });
}

function addPumping(
  sessions: Session[],
  r: Random,
  at: (day: number, hours: number) => number,
  n: (x: number) => number,
): void {
  // SMS pumping: codes asked for numbers nobody will read. Foreign, premium and short numbers; many valid numbers
  // from one address, from one /24, and from a botnet spread over many networks.
  const pump = (group: string, i: number, startAt: number, address: string, input: string) =>
    sessions.push({
      group: `pumping: ${group}`,
      honest: false,
      pump: true,
      person: `pump-${group}-${i}`,
      startAt,
      address,
      device: null,
      steps: [{ kind: 'requestCode', identity: { kind: 'phone', input }, delayMs: 0 }],
    });
  const premium = [
    '+882 1234 5678',
    '+44 7911 123456',
    '1900 1234',
    '1900 6789 01',
    '8077',
    '+855 12 345 678',
    '+1 415 555 0100',
  ];
  for (let i = 0; i < n(400); i++)
    pump('foreign and premium numbers', i, at(0, 1) + i * 5 * SEC, proxy(r), r.pick(premium));
  for (let i = 0; i < n(2000); i++) pump('one address', i, at(0, 2) + i * 3 * SEC, '103.90.0.7', newPhone(r));
  for (let i = 0; i < n(2000); i++)
    pump('one /24', i, at(0, 3) + i * 3 * SEC, `103.91.5.${1 + r.int(254)}`, newPhone(r));
  for (let i = 0; i < n(8000); i++) pump('botnet', i, at(0, 4) + i * 4 * SEC, proxy(r), newPhone(r));
}

/**
 * Attacks shaped to stay under the checks, to measure what the rules cannot stop (reported by the hand-run script,
 * not held to the targets): each uses real verified numbers, as the per-person rule forces any attack to.
 */
function addAdaptiveAttacks(
  sessions: Session[],
  r: Random,
  o: ScenarioOptions,
  at: (day: number, hours: number) => number,
  n: (x: number) => number,
): void {
  // A patient flood: one address, 90 new numbers a day, verified and voting one at a time over twelve hours.
  for (let d = 0; d < o.days; d++) {
    for (let i = 0; i < 90; i++) {
      const phone = `0362${String(d * 1000 + i).padStart(6, '0')}`;
      const steps = [...verify(phone), vote('VL-10', 20 * SEC)];
      const t = at(d, 8) + i * 8 * MIN + r.int(4 * MIN);
      sessions.push(
        attackSession('patient flood from one address', `pf-${d}-${i}`, t, '42.119.7.7', `pf-dev-${d}-${i}`, steps),
      );
    }
  }
  // A script with a wide random wait (45 s ± 30 %) between votes.
  for (let d = 0; d < o.days; d++) {
    let t = at(d, 9);
    for (let i = 0; i < n(150); i++) {
      t += 45 * SEC * (0.7 + 0.6 * r.next());
      const steps: Step[] =
        d === 0
          ? [...verify(`0334${String(100_000 + i).padStart(6, '0')}`), vote('VL-18', 25 * SEC)]
          : [vote('VL-18', 40 * SEC)];
      sessions.push(
        attackSession('script with jittered timing', `jit-${i}`, t - 40 * SEC, proxy(r), `jit-dev-${d}-${i}`, steps),
      );
    }
  }
  // A farm that verifies each number just before it votes, in waves, through proxies.
  for (let d = 0; d < o.days; d++) {
    for (let i = 0; i < n(300); i++) {
      const t = at(d, [11, 15, 21][i % 3]!) + Math.floor(r.exp(60 * SEC));
      const phone = `0978${String(100_000 + i).padStart(6, '0')}`;
      const steps: Step[] = d === 0 ? [...verify(phone), vote('VL-13', 20 * SEC)] : [vote('VL-13', 35 * SEC)];
      sessions.push(
        attackSession('farm verifying just in time', `jf-${i}`, t - 35 * SEC, proxy(r), `jf-dev-${i}`, steps),
      );
    }
  }
  // A farm whose numbers vote at human times through the day, no waves.
  for (let i = 0; i < n(300); i++) {
    const steps: Step[] = [...verify(`0979${String(100_000 + i).padStart(6, '0')}`)];
    const verifyAt = at(0, 6) + r.int(2 * HOUR);
    let prev = verifyAt + 15 * SEC;
    for (let d = 0; d < o.days; d++) {
      const voteAt = at(d, 7 + r.next() * 15);
      steps.push(vote('VL-14', Math.max(voteAt - prev, SEC)));
      prev = Math.max(voteAt, prev + SEC);
    }
    sessions.push(attackSession('farm voting at human times', `hf-${i}`, verifyAt, proxy(r), `hf-dev-${i}`, steps));
  }
}
