/**
 * The voting simulation at a larger size, run by hand:
 *
 *   npx tsx tests/sim/run-voting-sim.ts [--scale 4] [--days 7] [--seed 1] [--seeds 3]
 *
 * Prints, for the attacks on the vote and for SMS pumping (each run beside honest voters), what happened to every
 * group's votes or code requests, and the shares the issue targets. Several seeds show the spread. A third run, of
 * attacks shaped to stay under the checks, shows what the rules cannot stop.
 */
import { formatSummary } from './voting/report.ts';
import { simulate } from './voting/simulate.ts';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

const scale = option('scale', 4);
const days = option('days', 7);
const seed = option('seed', 1);
const seeds = option('seeds', 1);

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const rows: string[] = [];
for (let k = 0; k < seeds; k++) {
  const started = performance.now();
  const votes = simulate({ seed: seed + k, scale, days, attacks: 'votes' });
  const pumping = simulate({ seed: seed + k + 1000, scale, days, attacks: 'pumping' });
  const adaptive = simulate({ seed: seed + k + 2000, scale, days, attacks: 'adaptive' });
  const ms = performance.now() - started;
  console.log(`\n=== seed ${seed + k}, scale ${scale}, ${days} days: attacks on the vote ===\n${formatSummary(votes)}`);
  console.log(`\n=== seed ${seed + k}, scale ${scale}, ${days} days: SMS pumping ===\n${formatSummary(pumping)}`);
  console.log(
    `\n=== seed ${seed + k}, scale ${scale}, ${days} days: ` +
      `attacks shaped to stay under the checks (not held to the targets) ===\n${formatSummary(adaptive)}`,
  );
  rows.push(
    `seed ${String(seed + k).padStart(4)}: ` +
      `honest counted ${pct(votes.honestCountedShare)}, attack votes stopped ${pct(votes.attackStoppedShare)}, ` +
      `pumped codes refused ${pct(pumping.pumpRefusedShare)} (${pumping.pumpSent} sent), ` +
      `honest counted under pumping ${pct(pumping.honestCountedShare)}, ` +
      `shaped attacks stopped ${pct(adaptive.attackStoppedShare)} ` +
      `[${votes.log.votes + pumping.log.votes + adaptive.log.votes} votes in ${(ms / 1000).toFixed(1)} s]`,
  );
}
console.log(`\n${rows.join('\n')}`);
