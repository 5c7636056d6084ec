/**
 * The ranking recomputed after a score changes (issue 11, run by hand: `npx tsx bench/judging-ranking.ts [--entries
 * 1000] [--jurors 15] [--runs 31]`): 1,000 entries × 15 jurors × 5 criteria, every juror scoring every entry. After
 * one criterion score of one sheet changes, the whole ranking is made again by core/judging (the counted sheets,
 * the weighted means, the aggregation, the ranks, the ties and every explanation), against a plain loop over the
 * same numbers held in a Float64Array in the same run (each juror's weighted mean, then the mean across jurors).
 *
 * Each figure is the median of `runs` timed runs after 5 untimed ones; each run changes a different score first. The
 * fastest runs are printed too: on a shared, loaded machine a task of several milliseconds is preempted in most runs
 * while the sub-millisecond loop rarely is, so the ratio of the fastest runs is the better estimate of the work itself.
 */
import type { JurorSheet } from '@core/judging/aggregate.ts';
import { countedSheets, type StoredSheet } from '@core/judging/counted-scores.ts';
import { DEFAULT_RANKING_METHOD, type RankingMethod } from '@core/judging/ranking-method.ts';
import { rankEntries } from '@core/judging/ranking.ts';
import type { RoundRubric } from '@core/judging/rubric.ts';
import { seededRandom } from '@core/judging/seeded-random.ts';
import { arg } from './args.ts';

const E = arg('entries', 1000);
const J = arg('jurors', 15);
const RUNS = arg('runs', 31);
const WARMUP = 5;

const rubric: RoundRubric = {
  criteria: [30, 25, 20, 15, 10].map((weight, i) => ({
    key: `c${i + 1}`,
    name: `Tiêu chí ${i + 1}`,
    weight,
    min: 0,
    max: 10,
    step: 0.5,
    comment: { when: 'never' } as const,
  })),
};
const C = rubric.criteria.length;
const keys = rubric.criteria.map((c) => c.key);
const weights = rubric.criteria.map((c) => c.weight);
const W = weights.reduce((s, w) => s + w, 0);

// The same numbers twice: as the stored sheets the service reads, and as a flat array for the plain loop.
const random = seededRandom(20240901);
const flat = new Float64Array(E * J * C);
const stored: StoredSheet[] = [];
for (let e = 0; e < E; e++) {
  const quality = 3 + random() * 6;
  for (let j = 0; j < J; j++) {
    const bias = (j % 5) - 2;
    const values: Record<string, number> = {};
    for (let c = 0; c < C; c++) {
      const v = Math.min(10, Math.max(0, Math.round((quality + bias * 0.5 + (random() - 0.5) * 3) * 2) / 2));
      flat[(e * J + j) * C + c] = v;
      values[keys[c]!] = v;
    }
    stored.push({
      jurorId: j + 1,
      entryId: e + 1,
      content: { values, comments: {}, abstain: null, note: '' },
      source: 'online',
      enteredBy: j + 1,
      checkedBy: null,
    });
  }
}
const entryIds = Array.from({ length: E }, (_, i) => i + 1);

function changeOne(run: number) {
  const e = (run * 7919) % E;
  const j = run % J;
  const c = run % C;
  const v = (flat[(e * J + j) * C + c]! + 0.5) % 10.5;
  flat[(e * J + j) * C + c] = v;
  const s = stored[e * J + j]!;
  s.content = { ...s.content, values: { ...s.content.values, [keys[c]!]: v } };
}

let sink = 0;

function plainLoop(): void {
  const out = new Float64Array(E);
  for (let e = 0; e < E; e++) {
    let sum = 0;
    for (let j = 0; j < J; j++) {
      const base = (e * J + j) * C;
      let t = 0;
      for (let c = 0; c < C; c++) t += weights[c]! * flat[base + c]!;
      sum += t / W;
    }
    out[e] = sum / J;
  }
  sink += out[E - 1]!;
}

const facts = {
  rubric,
  inRound: () => true,
  assigned: () => true,
  block: () => null,
  submitted: () => true,
};

function ours(method: RankingMethod, withCounting: boolean): void {
  let sheets: JurorSheet[];
  if (withCounting) sheets = countedSheets(stored, facts).counted;
  else
    sheets = stored.map((s) => ({
      jurorId: s.jurorId,
      entryId: s.entryId,
      abstained: false,
      values: s.content.values,
    }));
  const r = rankEntries({ rubric, method, entryIds, sheets });
  sink += r.rows[0]!.value ?? 0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median and fastest of the timed runs, in milliseconds. */
function measure(fn: () => void): { median: number; min: number } {
  const times: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    changeOne(run);
    const t0 = performance.now();
    fn();
    const ms = performance.now() - t0;
    if (run >= WARMUP) times.push(ms);
  }
  return { median: median(times), min: Math.min(...times) };
}

const tie = [{ kind: 'criterion' as const, key: 'c1' }, { kind: 'chair' as const }];
const cases: [string, () => void][] = [
  ['mean', () => ours({ ...DEFAULT_RANKING_METHOD, tieOrder: tie }, false)],
  ['median', () => ours({ ...DEFAULT_RANKING_METHOD, aggregation: 'median', tieOrder: tie }, false)],
  ['trimmed mean', () => ours({ ...DEFAULT_RANKING_METHOD, aggregation: 'trimmed_mean', tieOrder: tie }, false)],
  ['mean, z-score', () => ours({ ...DEFAULT_RANKING_METHOD, normalization: 'z_score', tieOrder: tie }, false)],
  ['mean + counting sheets', () => ours({ ...DEFAULT_RANKING_METHOD, tieOrder: tie }, true)],
  [
    'z-score + trimmed + counting',
    () =>
      ours({ ...DEFAULT_RANKING_METHOD, aggregation: 'trimmed_mean', normalization: 'z_score', tieOrder: tie }, true),
  ],
];

console.log(
  `judging ranking: ${E} entries × ${J} jurors × ${C} criteria, median of ${RUNS} runs, node ${process.version}`,
);
const f = (x: number) => x.toFixed(3).padStart(8);
const baseline = measure(plainLoop);
console.log(
  `${'plain loop (weighted means, then means)'.padEnd(40)} ` +
    `median ${f(baseline.median)} ms (fastest ${f(baseline.min)})`,
);
for (const [name, fn] of cases) {
  const ms = measure(fn);
  // The baseline again, right after: the machine is shared and its speed drifts.
  const base = measure(plainLoop);
  console.log(
    `${`core/judging: ${name}`.padEnd(40)} median ${f(ms.median)} ms (fastest ${f(ms.min)}); ` +
      `${(ms.median / base.median).toFixed(0)}× the plain loop's median of ${base.median.toFixed(3)} ms ` +
      `(fastest to fastest: ${(ms.min / base.min).toFixed(0)}×)`,
  );
}
if (Number.isNaN(sink)) console.log('');
