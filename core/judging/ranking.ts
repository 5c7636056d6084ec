/**
 * A round's ranking, every place explained: which scores counted, which were dropped or left out and why, the method,
 * and for tied entries each tie rule tried and what it decided. Entries with fewer counted scores than the minimum
 * are listed, flagged, and not ranked. Places follow competition ranking (1, 2, 2, 4): entries still tied after every
 * rule share a place.
 *
 * Totals are compared after rounding to the method's decimals: two entries the minutes print as 8,33 are tied.
 */
import {
  combine,
  jurorTotal,
  normalize,
  totalFormula,
  type JurorSheet,
  type JurorStats,
  type ValueUse,
} from './aggregate.ts';
import type { Exclusion } from './counted-scores.ts';
import type { RankingMethod, TieRule } from './ranking-method.ts';
import type { RoundRubric } from './rubric.ts';
import { roundTo } from './statistics.ts';

/**
 * The chair's order for exactly these tied entries (best first), with the reason, as recorded. `value` is the total
 * they were tied on: if a reopening changes the scores, the decision no longer applies and the chair decides again.
 */
export interface ChairTieDecision {
  entryIds: number[];
  value: number;
  reason: string;
  byUserId: number;
  at: string;
}

export interface RankingInput {
  rubric: RoundRubric;
  method: RankingMethod;
  entryIds: readonly number[];
  /** The sheets that count (counted-scores.ts); abstentions included. */
  sheets: readonly JurorSheet[];
  /** The sheets left out and why, for the explanation. */
  excluded?: readonly Exclusion[];
  chairDecisions?: readonly ChairTieDecision[];
  provisional?: boolean;
}

export interface ScoreLine {
  jurorId: number;
  /** The juror's weighted mean; null when they abstained. */
  total: number | null;
  /** With z-score normalization: the total mapped back to the scale. */
  normalized?: number;
  clamped?: boolean;
  use: ValueUse | 'abstained';
}

export interface RankedRow {
  entryId: number;
  rank: number | null;
  status: 'ranked' | 'insufficient';
  /** Rounded to the method's decimals; null with no score at all. */
  value: number | null;
  exact: number | null;
  /** Scores that entered the aggregation (dropped ones included, abstentions not). */
  counted: number;
  scores: ScoreLine[];
  excluded: Exclusion[];
  trim: 'applied' | 'too_few' | null;
  /** Set when the entry was tied: the tie's index in `ties`, and the step that settled its place (null: still tied). */
  tie: { index: number; decidedBy: number | null } | null;
}

export interface TieStep {
  rule: TieRule;
  /** The tied entries this step looked at. */
  entryIds: number[];
  /** `criterion`: each entry's aggregate of that criterion, rounded. */
  values?: { entryId: number; value: number | null }[];
  /** `chair`: the decision applied, or null when none matches these entries. */
  decision?: ChairTieDecision | null;
  /** The order it produced: groups best first, each group still tied. */
  groups: number[][];
}

export interface TieRecord {
  value: number;
  entryIds: number[];
  steps: TieStep[];
  /** The final order, groups best first; a group of more than one shares a place. */
  groups: number[][];
  resolved: boolean;
}

export interface Ranking {
  method: RankingMethod;
  scale: { min: number; max: number };
  normalization: { pooledMean: number; pooledSd: number; jurors: JurorStats[] } | null;
  rows: RankedRow[];
  ties: TieRecord[];
  provisional: boolean;
}

export function rankEntries(input: RankingInput): Ranking {
  const { rubric, method } = input;
  const formula = totalFormula(rubric);
  const inRound = new Set(input.entryIds);

  // The sheets of each entry of the round, in juror order. Recomputed after every saved score, so no sort of the
  // whole list and no object per score beyond what the explanation needs.
  const sheets = input.sheets;
  const bySheetEntry = new Map<number, number[]>();
  for (let i = 0; i < sheets.length; i++) {
    const entryId = sheets[i]!.entryId;
    if (!inRound.has(entryId)) continue;
    const list = bySheetEntry.get(entryId);
    if (list) list.push(i);
    else bySheetEntry.set(entryId, [i]);
  }
  const byJuror = (a: number, b: number) => sheets[a]!.jurorId - sheets[b]!.jurorId;
  for (const list of bySheetEntry.values()) list.sort(byJuror);
  // NaN: abstained, or a criterion without a score.
  const totals = new Float64Array(sheets.length).fill(NaN);
  for (const list of bySheetEntry.values())
    for (const i of list) if (!sheets[i]!.abstained) totals[i] = jurorTotal(formula, sheets[i]!.values) ?? NaN;

  let normalized: Float64Array | null = null;
  let clamped: Uint8Array | null = null;
  let normalization: Ranking['normalization'] = null;
  if (method.normalization === 'z_score') {
    const idx: number[] = [];
    const list: { jurorId: number; total: number }[] = [];
    for (const entryIdx of bySheetEntry.values())
      for (const i of entryIdx) {
        const t = totals[i]!;
        if (!Number.isNaN(t)) {
          idx.push(i);
          list.push({ jurorId: sheets[i]!.jurorId, total: t });
        }
      }
    const n = normalize(list, formula.scale);
    normalized = new Float64Array(sheets.length);
    clamped = new Uint8Array(sheets.length);
    for (let k = 0; k < idx.length; k++) {
      normalized[idx[k]!] = n.values[k]!;
      clamped[idx[k]!] = n.clamped[k]! ? 1 : 0;
    }
    normalization = { pooledMean: n.pooledMean, pooledSd: n.pooledSd, jurors: n.jurors };
  }

  const excludedByEntry = new Map<number, Exclusion[]>();
  for (const x of input.excluded ?? []) {
    if (!inRound.has(x.entryId)) continue;
    let list = excludedByEntry.get(x.entryId);
    if (!list) excludedByEntry.set(x.entryId, (list = []));
    list.push(x);
  }

  const rows = new Map<number, RankedRow>();
  const none: number[] = [];
  for (const entryId of [...inRound].sort((a, b) => a - b)) {
    const idx = bySheetEntry.get(entryId) ?? none;
    const values: number[] = [];
    for (const i of idx) {
      const t = totals[i]!;
      if (!Number.isNaN(t)) values.push(normalized ? normalized[i]! : t);
    }
    const c = combine(values, method.aggregation);
    const scores: ScoreLine[] = [];
    const excluded = excludedByEntry.get(entryId) ?? [];
    let k = 0;
    for (const i of idx) {
      const jurorId = sheets[i]!.jurorId;
      const t = totals[i]!;
      if (Number.isNaN(t)) {
        // A sheet with a criterion unscored should have been left out (countedSheets); if not, it is said so here.
        if (sheets[i]!.abstained) scores.push({ jurorId, total: null, use: 'abstained' });
        else excluded.push({ jurorId, entryId, why: 'incomplete' });
        continue;
      }
      scores.push(
        normalized
          ? { jurorId, total: t, normalized: normalized[i]!, clamped: clamped![i] === 1, use: c.uses[k++]! }
          : { jurorId, total: t, use: c.uses[k++]! },
      );
    }
    const exact = values.length ? c.value : null;
    rows.set(entryId, {
      entryId,
      rank: null,
      status: values.length >= method.minScores ? 'ranked' : 'insufficient',
      value: exact === null ? null : roundTo(exact, method.decimals),
      exact,
      counted: values.length,
      scores,
      excluded: excluded.sort(byExcludedJuror),
      trim: c.trim,
      tie: null,
    });
  }

  const ranked = [...rows.values()].filter((r) => r.status === 'ranked');
  ranked.sort((a, b) => b.value! - a.value! || a.entryId - b.entryId);
  const ties: TieRecord[] = [];
  const order: number[][] = [];
  const criterionValue = criterionAggregator(rubric, method, sheets, bySheetEntry);
  for (let i = 0; i < ranked.length;) {
    let j = i + 1;
    while (j < ranked.length && ranked[j]!.value === ranked[i]!.value) j++;
    const group: number[] = [];
    for (let k = i; k < j; k++) group.push(ranked[k]!.entryId);
    if (group.length === 1) order.push(group);
    else {
      const record = breakTie(group, ranked[i]!.value!, method, input.chairDecisions ?? [], criterionValue);
      const index = ties.push(record) - 1;
      for (const id of group) rows.get(id)!.tie = { index, decidedBy: decidedAt(record, id) };
      order.push(...record.groups);
    }
    i = j;
  }

  let place = 1;
  const out: RankedRow[] = [];
  for (const g of order) {
    for (const id of g) {
      const row = rows.get(id)!;
      row.rank = place;
      out.push(row);
    }
    place += g.length;
  }
  const insufficient = [...rows.values()]
    .filter((r) => r.status === 'insufficient')
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.entryId - b.entryId);
  return {
    method,
    scale: formula.scale,
    normalization,
    rows: [...out, ...insufficient],
    ties,
    provisional: input.provisional ?? false,
  };
}

// Comparators made once: a function created inside a loop costs a call per iteration under tsx (keepNames).
const byExcludedJuror = (a: Exclusion, b: Exclusion) => a.jurorId - b.jurorId;

type CriterionValue = (entryId: number, key: string) => number | null;

/** An entry's aggregate of one criterion's raw scores over the jurors who scored it, rounded like the totals. */
function criterionAggregator(
  rubric: RoundRubric,
  method: RankingMethod,
  sheets: readonly JurorSheet[],
  bySheetEntry: ReadonlyMap<number, number[]>,
): CriterionValue {
  const known = new Set(rubric.criteria.map((c) => c.key));
  return (entryId, key) => {
    if (!known.has(key)) return null;
    const values: number[] = [];
    for (const i of bySheetEntry.get(entryId) ?? []) {
      const s = sheets[i]!;
      const v = s.values[key];
      if (!s.abstained && typeof v === 'number') values.push(v);
    }
    return values.length ? roundTo(combine(values, method.aggregation).value, method.decimals) : null;
  };
}

function breakTie(
  group: number[],
  value: number,
  method: RankingMethod,
  decisions: readonly ChairTieDecision[],
  criterionValue: CriterionValue,
): TieRecord {
  const steps: TieStep[] = [];
  const resolve = (g: number[], ruleIndex: number): number[][] => {
    if (g.length === 1) return [g];
    const rule = method.tieOrder[ruleIndex];
    if (!rule) return [g];
    if (rule.kind === 'criterion') {
      const values = g.map((entryId) => ({ entryId, value: criterionValue(entryId, rule.key) }));
      const sorted = [...values].sort(
        (a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.entryId - b.entryId,
      );
      const groups: number[][] = [];
      sorted.forEach((v, k) => {
        if (k > 0 && v.value === sorted[k - 1]!.value) groups[groups.length - 1]!.push(v.entryId);
        else groups.push([v.entryId]);
      });
      steps.push({ rule, entryIds: g, values, groups });
      return groups.flatMap((sub) => resolve(sub, ruleIndex + 1));
    }
    const decision = findDecision(decisions, g, value);
    if (!decision) {
      steps.push({ rule, entryIds: g, decision: null, groups: [g] });
      return resolve(g, ruleIndex + 1);
    }
    const groups = decision.entryIds.map((id) => [id]);
    steps.push({ rule, entryIds: g, decision, groups });
    return groups;
  };
  const groups = resolve(group, 0);
  return { value, entryIds: group, steps, groups, resolved: groups.every((g) => g.length === 1) };
}

/**
 * The latest decision for exactly these entries tied on this value: one made for another set of entries or another
 * value is out of date.
 */
function findDecision(
  decisions: readonly ChairTieDecision[],
  group: readonly number[],
  value: number,
): ChairTieDecision | null {
  const want = [...group].sort((a, b) => a - b).join(',');
  let found: ChairTieDecision | null = null;
  for (const d of decisions) {
    if (d.value !== value || d.entryIds.length !== group.length || new Set(d.entryIds).size !== d.entryIds.length)
      continue;
    if ([...d.entryIds].sort((a, b) => a - b).join(',') !== want) continue;
    if (!found || Date.parse(d.at) >= Date.parse(found.at)) found = d;
  }
  return found;
}

/** The index of the step after which the entry stood alone, or null when it is still tied. */
function decidedAt(record: TieRecord, entryId: number): number | null {
  for (let k = 0; k < record.steps.length; k++) {
    const s = record.steps[k]!;
    if (
      s.entryIds.length > 1 &&
      s.entryIds.includes(entryId) &&
      s.groups.some((g) => g.length === 1 && g[0] === entryId)
    )
      return k;
  }
  return null;
}

export interface Shortlist {
  /** Entries whose place is within the first `n` and not shared across the boundary, in ranking order. */
  selected: number[];
  /** Entries sharing the place that straddles the boundary, and how many places are left for them. */
  boundary: { rank: number; entryIds: number[]; seats: number } | null;
  /** Entries not ranked for lack of scores: they cannot be shortlisted until scored. */
  unranked: number[];
}

/** The top `n` of a ranking, reporting a tie at the boundary instead of choosing within it. */
export function shortlist(ranking: Ranking, n: number): Shortlist {
  const selected: number[] = [];
  let boundary: Shortlist['boundary'] = null;
  const ranked = ranking.rows.filter((r) => r.status === 'ranked');
  for (let i = 0; i < ranked.length;) {
    const rank = ranked[i]!.rank!;
    let j = i;
    while (j < ranked.length && ranked[j]!.rank === rank) j++;
    const ids = ranked.slice(i, j).map((r) => r.entryId);
    if (rank > n) break;
    if (rank + ids.length - 1 <= n) selected.push(...ids);
    else {
      boundary = { rank, entryIds: ids, seats: n - rank + 1 };
      break;
    }
    i = j;
  }
  return {
    selected,
    boundary,
    unranked: ranking.rows.filter((r) => r.status === 'insufficient').map((r) => r.entryId),
  };
}
