import { describe, expect, it } from 'vitest';
import { formatSummary } from './voting/report.ts';
import { simulate } from './voting/simulate.ts';

// A CI-sized run of the voting simulation: two days, the default settings, honest voters with the attacks on the
// vote, then honest voters with SMS pumping (apart, since a pump pauses text messages for everyone). A larger run:
// `npx tsx tests/sim/run-voting-sim.ts`.
describe('voting simulation (rule level)', () => {
  const votes = simulate({ seed: 1, scale: 1, days: 2, attacks: 'votes' });
  const pumping = simulate({ seed: 2, scale: 1, days: 2, attacks: 'pumping' });

  it('counts at least 99 % of honest votes, including 200 people behind one address and a commune office', () => {
    console.info(`${formatSummary(votes)}\n\n${formatSummary(pumping)}`);
    expect(votes.honestCountedShare).toBeGreaterThanOrEqual(0.99);
    for (const g of votes.honest) expect(g.counted / g.total, g.group).toBeGreaterThanOrEqual(0.98);
  });

  it('refuses or quarantines at least 99 % of attack votes, each attack on its own at least 98 %', () => {
    expect(votes.attackStoppedShare).toBeGreaterThanOrEqual(0.99);
    expect(votes.attacks.map((g) => g.group).sort()).toEqual([
      'attack: farm voting in waves',
      'attack: flood from one address',
      'attack: many identities on one device',
      'attack: rotation over one /24',
      'attack: scripted regular timing',
    ]);
    for (const g of votes.attacks) expect((g.refused + g.quarantined) / g.total, g.group).toBeGreaterThanOrEqual(0.98);
    // The attacks get through verification and are stopped by the vote rules, not by a failed text message.
    for (const g of votes.attacks) expect(g.quarantined, g.group).toBeGreaterThan(0);
  });

  it('refuses foreign and premium numbers outright and bounds the text messages an SMS pump gets sent', () => {
    const premium = pumping.pumping.find((g) => g.group === 'pumping: foreign and premium numbers')!;
    expect(premium.counted).toBe(0);
    expect(pumping.pumpRefusedShare).toBeGreaterThanOrEqual(0.95);
    expect(pumping.pumpSent).toBeLessThanOrEqual(600);
  });

  it('while a pump pauses text messages, keeps most honest voters voting (trusted networks, e-mail instead)', () => {
    // The pause costs honest people on networks without a record who have no e-mail: they are told to retry later.
    // Measured 96 % here; the guard is looser so that the figure, printed above, can be watched rather than tuned.
    expect(pumping.honestCountedShare).toBeGreaterThanOrEqual(0.95);
    const refused = pumping.honest.flatMap((g) => g.why.map(([code]) => code).filter((code) => code.includes('.')));
    expect(new Set(refused)).toEqual(new Set(['send.smsPaused']));
  });

  it('leaves a vote log whose chain verifies and whose recomputed tally is the one counted', () => {
    expect(votes.log).toMatchObject({ ok: true, matchesRunner: true });
    expect(votes.log.votes).toBeGreaterThan(3000);
  });
});
