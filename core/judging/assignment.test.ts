import { describe, expect, it } from 'vitest';
import { assignBalanced, assignEveryone, defaultAssignmentMode, type AssignmentPlan, type Pair } from './assignment.ts';
import { seededRandom } from './seeded-random.ts';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const blockSet = (pairs: [number, number][]) => {
  const s = new Set(pairs.map(([j, e]) => `${j}:${e}`));
  return (j: number, e: number) => s.has(`${j}:${e}`);
};
const planOf = (r: ReturnType<typeof assignBalanced>): AssignmentPlan => {
  if (!r.ok) throw new Error(JSON.stringify(r.problems.map((p) => p.message.en)));
  return r.plan;
};
function jurorsByEntry(pairs: Pair[]): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (const p of pairs) m.set(p.entryId, [...(m.get(p.entryId) ?? []), p.jurorId]);
  return m;
}
function expectValid(
  plan: AssignmentPlan,
  entries: number[],
  perEntry: number,
  blocked: (j: number, e: number) => boolean,
) {
  const by = jurorsByEntry(plan.pairs);
  const wrongCount = entries.filter(
    (e) => new Set(by.get(e) ?? []).size !== perEntry || by.get(e)!.length !== perEntry,
  );
  expect(wrongCount, 'entries without exactly perEntry distinct jurors').toEqual([]);
  expect(plan.pairs.filter((p) => blocked(p.jurorId, p.entryId))).toEqual([]);
}
const sumSq = (plan: AssignmentPlan) => plan.loads.reduce((s, l) => s + l.load * l.load, 0);

/** Every way to give each entry `k` of its eligible jurors: the best spread and sum of squared loads there is. */
function bruteForce(jurors: number[], entries: number[], k: number, blocked: (j: number, e: number) => boolean) {
  const subsets = (xs: number[], n: number): number[][] =>
    n === 0 ? [[]] : xs.flatMap((x, i) => subsets(xs.slice(i + 1), n - 1).map((s) => [x, ...s]));
  const options = entries.map((e) =>
    subsets(
      jurors.filter((j) => !blocked(j, e)),
      k,
    ),
  );
  let best = { spread: Infinity, sumSq: Infinity };
  const load = new Map(jurors.map((j) => [j, 0]));
  const walk = (i: number) => {
    if (i === entries.length) {
      const ls = [...load.values()];
      best = {
        spread: Math.min(best.spread, Math.max(...ls) - Math.min(...ls)),
        sumSq: Math.min(
          best.sumSq,
          ls.reduce((s, x) => s + x * x, 0),
        ),
      };
      return;
    }
    for (const o of options[i]!) {
      for (const j of o) load.set(j, load.get(j)! + 1);
      walk(i + 1);
      for (const j of o) load.set(j, load.get(j)! - 1);
    }
  };
  walk(0);
  return best;
}

describe('defaultAssignmentMode', () => {
  it('is everyone up to the setting, balanced above it', () => {
    expect(defaultAssignmentMode(60)).toBe('everyone');
    expect(defaultAssignmentMode(61)).toBe('balanced');
    expect(defaultAssignmentMode(20, 15)).toBe('balanced');
  });
});

describe('assignEveryone', () => {
  it('gives every juror every entry they are not blocked from', () => {
    const r = assignEveryone({ jurorIds: [1, 2, 3], entryIds: [10, 11], blocked: blockSet([[2, 11]]) }, 2);
    expect(r.ok && r.plan.pairs).toEqual([
      { entryId: 10, jurorId: 1 },
      { entryId: 10, jurorId: 2 },
      { entryId: 10, jurorId: 3 },
      { entryId: 11, jurorId: 1 },
      { entryId: 11, jurorId: 3 },
    ]);
    expect(r.ok && r.plan.loads).toEqual([
      { jurorId: 1, load: 2 },
      { jurorId: 2, load: 1 },
      { jurorId: 3, load: 2 },
    ]);
  });

  it('names an entry left with fewer eligible jurors than the minimum number of scores', () => {
    const r = assignEveryone(
      {
        jurorIds: [1, 2, 3],
        entryIds: [10, 11],
        blocked: blockSet([
          [1, 11],
          [2, 11],
        ]),
        entryLabel: (e) => `P-${e}`,
      },
      2,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.message.vi)).toEqual([
      'Tác phẩm P-11 chỉ có 1 giám khảo không có xung đột lợi ích, cần 2. ' +
        'Hãy thêm giám khảo vào vòng hoặc giảm số giám khảo mỗi tác phẩm.',
    ]);
  });
});

describe('assignBalanced', () => {
  const jurors = range(1, 6);
  const entries = range(101, 110);

  it('spreads 10 entries × 3 jurors over 6 jurors evenly: 5 each', () => {
    const plan = planOf(
      assignBalanced({ jurorIds: jurors, entryIds: entries, blocked: () => false, perEntry: 3, seed: 7 }),
    );
    expectValid(plan, entries, 3, () => false);
    expect(plan.loads.map((l) => l.load)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(plan.spread).toBe(0);
    expect(plan.notes).toEqual([]);
  });

  it('never assigns a blocked juror and keeps max − min ≤ 1 when the blocks allow it', () => {
    // Jurors 1 and 2 share a unit with entries 101–104; juror 3 declared a conflict with 105 and 106.
    const blocked = blockSet([
      ...[101, 102, 103, 104].flatMap((e) => [[1, e] as [number, number], [2, e] as [number, number]]),
      [3, 105],
      [3, 106],
    ]);
    for (const seed of [1, 2, 3, 4, 5]) {
      const plan = planOf(assignBalanced({ jurorIds: jurors, entryIds: entries, blocked, perEntry: 3, seed }));
      expectValid(plan, entries, 3, blocked);
      expect(plan.spread).toBeLessThanOrEqual(1);
    }
  });

  it('is repeatable for a seed, whatever the order of the input, and differs with the seed', () => {
    const run = (seed: number, js: number[], es: number[]) =>
      planOf(assignBalanced({ jurorIds: js, entryIds: es, blocked: () => false, perEntry: 2, seed })).pairs;
    const a = run(42, jurors, entries);
    expect(run(42, [...jurors].reverse(), [...entries].reverse())).toEqual(a);
    const others = [1, 2, 3, 4].map((s) => JSON.stringify(run(s, jurors, entries)));
    expect(others.some((o) => o !== JSON.stringify(a))).toBe(true);
  });

  it('explains why it is impossible: an entry with too few jurors free of conflicts, or too few jurors at all', () => {
    const blocked = blockSet([
      [1, 103],
      [2, 103],
      [3, 103],
      [4, 103],
    ]);
    const r = assignBalanced({
      jurorIds: jurors,
      entryIds: entries,
      blocked,
      perEntry: 3,
      seed: 1,
      entryLabel: (e) => `P-${e}`,
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => [p.code, p.entryId, p.message.en])).toEqual([
      [
        'assignment.tooFewEligible',
        103,
        'Entry P-103 has 2 juror(s) without a conflict of interest and needs 3. ' +
          'Add jurors to the round or lower the jurors per entry.',
      ],
    ]);
    const few = assignBalanced({ jurorIds: [1, 2], entryIds: entries, blocked: () => false, perEntry: 3, seed: 1 });
    expect(!few.ok && few.problems.map((p) => p.code)).toEqual(['assignment.perEntryAboveJurors']);
    const none = assignBalanced({ jurorIds: [], entryIds: entries, blocked: () => false, perEntry: 1, seed: 1 });
    expect(!none.ok && none.problems.map((p) => p.code)).toEqual(['round.noJurors']);
  });

  it('says so when the blocks force an uneven split, and the split is still the most even there is', () => {
    // Juror 4 may judge entry 1 only: 6 entries × 2 = 12 places; juror 4 takes 1, the other three 11 (4, 4, 3).
    const js = [1, 2, 3, 4];
    const es = range(1, 6);
    const blocked = (j: number, e: number) => j === 4 && e !== 1;
    const plan = planOf(assignBalanced({ jurorIds: js, entryIds: es, blocked, perEntry: 2, seed: 3 }));
    expectValid(plan, es, 2, blocked);
    expect(plan.loads.map((l) => l.load).sort()).toEqual([1, 3, 4, 4]);
    expect(plan.notes.map((n) => n.message.vi)).toEqual([
      'Do xung đột lợi ích, không thể chia đều hơn: mỗi giám khảo chấm từ 1 đến 4 tác phẩm.',
    ]);
    expect(bruteForce(js, es, 2, blocked)).toEqual({ spread: plan.spread, sumSq: sumSq(plan) });
  });

  it('reaches the most even split on every small instance, checked against all possible assignments', () => {
    const random = seededRandom(2024);
    for (let round = 0; round < 40; round++) {
      const js = range(1, 4 + (round % 2));
      const es = range(1, 4);
      const pairs: [number, number][] = [];
      for (const j of js) for (const e of es) if (random() < 0.3) pairs.push([j, e]);
      const blocked = blockSet(pairs);
      const r = assignBalanced({ jurorIds: js, entryIds: es, blocked, perEntry: 2, seed: round });
      const eligibleEverywhere = es.every((e) => js.filter((j) => !blocked(j, e)).length >= 2);
      expect(r.ok, `instance ${round}`).toBe(eligibleEverywhere);
      if (!r.ok) continue;
      expectValid(r.plan, es, 2, blocked);
      expect({ spread: r.plan.spread, sumSq: sumSq(r.plan) }, `instance ${round}`).toEqual(
        bruteForce(js, es, 2, blocked),
      );
    }
  });

  it('keeps the pairs it is told to keep, and drops a kept pair that is now blocked', () => {
    const keep = [
      { entryId: 101, jurorId: 1 },
      { entryId: 101, jurorId: 2 },
      { entryId: 102, jurorId: 1 },
    ];
    const blocked = blockSet([[2, 101]]); // recused after scoring
    const plan = planOf(
      assignBalanced({
        jurorIds: jurors,
        entryIds: entries,
        blocked,
        perEntry: 3,
        seed: 9,
        keep,
        jurorLabel: (j) => `GK${j}`,
        entryLabel: (e) => `P-${e}`,
      }),
    );
    expectValid(plan, entries, 3, blocked);
    const by = jurorsByEntry(plan.pairs);
    expect(by.get(101)).toContain(1);
    expect(by.get(102)).toContain(1);
    expect(plan.notes.map((n) => n.message.en)).toEqual([
      'The earlier assignment of juror GK2 to entry P-101 was dropped for a conflict of interest; ' +
        'the entry went to someone else.',
    ]);
    expect(plan.spread).toBe(0);
  });

  it('assigns 1,000 entries × 3 over 15 jurors evenly, with conflicts', () => {
    const js = range(1, 15);
    const es = range(1, 1000);
    const blocked = (j: number, e: number) => (e + j) % 17 === 0 || (j <= 3 && e % 5 === 0);
    const plan = planOf(assignBalanced({ jurorIds: js, entryIds: es, blocked, perEntry: 3, seed: 11 }));
    expectValid(plan, es, 3, blocked);
    expect(plan.spread).toBe(0); // 3,000 places over 15 jurors: 200 each
  });
});
