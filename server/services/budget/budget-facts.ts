/**
 * The contest's current budget estimate (its latest revision) with its cost lines and review history, and the
 * estimate built from them: what every budget use case reads. The prize section is the contest's structure while
 * the estimate is a draft or returned, and the snapshot finance appraised once it is submitted or approved.
 */
import {
  budgetEstimate,
  budgetEstimateOf,
  prizeLinesChanged,
  type BudgetEstimate,
  type CostLine,
} from '@core/documents/budget-estimate.ts';
import type { BudgetState } from '@core/documents/budget-review.ts';
import { prizeStructureLines } from '@core/awards/money.ts';
import type { ContestSettings } from '@core/contest.ts';
import type { Tx } from '../../db/dialect.ts';
import { decodePrizeLines } from '../../db/json-columns.ts';

export interface BudgetFacts {
  estimateId: number | null;
  revision: number;
  state: BudgetState;
  lines: CostLine[];
  estimate: BudgetEstimate;
  /** Submitted or approved with a prize section that no longer matches the structure: to be revised. */
  stale: boolean;
  updatedAt: string | null;
}

export async function loadBudgetFacts(db: Tx, contestId: number, settings: ContestSettings): Promise<BudgetFacts> {
  const row = await db
    .selectFrom('budget_estimates')
    .selectAll()
    .where('contest_id', '=', contestId)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  const lines: CostLine[] = row
    ? (
        await db.selectFrom('budget_lines').selectAll().where('estimate_id', '=', row.id).orderBy('position').execute()
      ).map((l) => ({
        category: l.category,
        description: l.description,
        unit: l.unit,
        quantity: Number(l.quantity),
        unitPriceVnd: Number(l.unit_price_vnd),
        note: l.note,
      }))
    : [];
  const snapshot = row?.prize_lines_json ? decodePrizeLines(row.prize_lines_json) : null;
  // What finance appraised stays what the estimate says, even after the structure changed.
  const frozen = snapshot !== null && (row!.state === 'submitted' || row!.state === 'approved');
  const estimate = frozen
    ? budgetEstimateOf(snapshot, lines, settings.name)
    : budgetEstimate(settings.prizes, lines, settings.name);
  return {
    estimateId: row?.id ?? null,
    revision: row?.revision ?? 1,
    state: row?.state ?? 'draft',
    lines,
    estimate,
    stale: frozen && prizeLinesChanged(snapshot, settings.prizes),
    updatedAt: row?.updated_at ?? null,
  };
}

export function prizeSnapshot(settings: ContestSettings): string {
  return JSON.stringify(prizeStructureLines(settings.prizes).lines);
}
