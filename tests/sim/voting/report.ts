/**
 * Sums up a run: per group, what happened to its votes (or its code requests), and the two shares the issue
 * targets.
 */
import type { RunResult } from './runner.ts';

export interface GroupFigures {
  group: string;
  /** Honest: votes meant (one per person and day). Attack: every vote attempted. Pumping: codes asked for. */
  total: number;
  counted: number;
  quarantined: number;
  refused: number;
  /** Why, most frequent first: refusal codes and quarantine reasons. */
  why: [string, number][];
}

export interface SimSummary {
  honest: GroupFigures[];
  attacks: GroupFigures[];
  pumping: GroupFigures[];
  honestCountedShare: number;
  attackStoppedShare: number;
  pumpRefusedShare: number;
  pumpSent: number;
  honestSms: { asked: number; refused: number };
  log: RunResult['log'];
}

function tally(rows: Map<string, GroupFigures>, group: string): GroupFigures {
  let g = rows.get(group);
  if (!g) rows.set(group, (g = { group, total: 0, counted: 0, quarantined: 0, refused: 0, why: [] }));
  return g;
}

function addWhy(g: GroupFigures, key: string): void {
  const found = g.why.find((w) => w[0] === key);
  if (found) found[1]++;
  else g.why.push([key, 1]);
}

export function summarize(run: RunResult): SimSummary {
  const honest = new Map<string, GroupFigures>();
  const attacks = new Map<string, GroupFigures>();
  const pumping = new Map<string, GroupFigures>();
  for (const v of run.votes) {
    if (v.honest && !v.intent) continue;
    const g = tally(v.honest ? honest : attacks, v.group);
    g.total++;
    if (v.result === 'counted') g.counted++;
    else if (v.result === 'quarantined') {
      g.quarantined++;
      for (const reason of v.reasons) addWhy(g, reason);
    } else {
      g.refused++;
      addWhy(g, v.result);
    }
  }
  let smsAsked = 0;
  let smsRefused = 0;
  for (const s of run.sends) {
    if (s.honest) {
      smsAsked++;
      if (s.result !== 'sent') smsRefused++;
    }
    if (!s.pump) continue;
    const g = tally(pumping, s.group);
    g.total++;
    if (s.result === 'sent') g.counted++;
    else {
      g.refused++;
      addWhy(g, s.result);
    }
  }
  const sum = (m: Map<string, GroupFigures>, f: (g: GroupFigures) => number) =>
    [...m.values()].reduce((a, g) => a + f(g), 0);
  const sortWhy = (m: Map<string, GroupFigures>) => {
    for (const g of m.values()) g.why.sort((a, b) => b[1] - a[1]);
    return [...m.values()];
  };
  return {
    honest: sortWhy(honest),
    attacks: sortWhy(attacks),
    pumping: sortWhy(pumping),
    honestCountedShare: sum(honest, (g) => g.counted) / sum(honest, (g) => g.total),
    attackStoppedShare: sum(attacks, (g) => g.refused + g.quarantined) / sum(attacks, (g) => g.total),
    pumpRefusedShare: sum(pumping, (g) => g.refused) / sum(pumping, (g) => g.total),
    pumpSent: sum(pumping, (g) => g.counted),
    honestSms: { asked: smsAsked, refused: smsRefused },
    log: run.log,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

export function formatSummary(s: SimSummary): string {
  const lines: string[] = [];
  const table = (title: string, rows: GroupFigures[], cols: [string, string, string]) => {
    if (rows.length === 0) return;
    lines.push(title);
    for (const g of rows) {
      const why = g.why
        .slice(0, 4)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      lines.push(
        `  ${g.group.padEnd(40)} ${String(g.total).padStart(7)}  ` +
          `${cols[0]} ${String(g.counted).padStart(6)}  ${cols[1]} ${String(g.quarantined).padStart(6)}  ` +
          `${cols[2]} ${String(g.refused).padStart(6)}${why ? `  (${why})` : ''}`,
      );
    }
  };
  table('Honest votes meant', s.honest, ['counted', 'quarantined', 'refused']);
  table('Attack votes attempted', s.attacks, ['counted', 'quarantined', 'refused']);
  table('Codes asked for by SMS pumping', s.pumping, ['sent', '-', 'refused']);
  lines.push(`Honest votes counted:                ${pct(s.honestCountedShare)} (target ≥ 99 %)`);
  if (s.attacks.length) lines.push(`Attack votes refused or quarantined: ${pct(s.attackStoppedShare)} (target ≥ 99 %)`);
  if (s.pumping.length) {
    lines.push(
      `Pumped codes refused:                ${pct(s.pumpRefusedShare)}; ` +
        `text messages sent to pumped numbers: ${s.pumpSent}`,
    );
  }
  lines.push(`Honest code requests refused:        ${s.honestSms.refused} of ${s.honestSms.asked}`);
  lines.push(
    `Vote log: ${s.log.ok ? 'chain verified' : `BROKEN (${s.log.failure})`}, ${s.log.votes} votes, ` +
      `tally ${s.log.matchesRunner ? 'matches' : 'DIFFERS'}`,
  );
  return lines.join('\n');
}
