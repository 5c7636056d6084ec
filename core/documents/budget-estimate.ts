/**
 * The budget estimate (dự trù kinh phí, R18; plan V.2, V.5): Phòng Nội vụ drafts it, Phòng Tài chính - Kế hoạch
 * appraises it. Section I is the prize money, taken from the prize structure and not editable here (change the
 * structure instead); section II the organizing costs, as editable lines of quantity × unit price. Quantities are
 * whole numbers (people, sessions, copies) so that every amount is whole đồng.
 */
import { z } from 'zod';
import type { Prize } from '../contest.ts';
import { prizeStructureLines, sumVnd, timesVnd, type PrizeLine } from '../awards/money.ts';
import { nfc } from '../normalize.ts';
import { vndInWords } from './amount-in-words.ts';

export const COST_CATEGORIES = ['ceremony', 'jury_allowance', 'printing', 'communication', 'other'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export const COST_CATEGORY_LABELS: Record<CostCategory, { vi: string; en: string }> = {
  ceremony: { vi: 'Tổ chức hội nghị trao giải', en: 'Award ceremony' },
  jury_allowance: {
    vi: 'Bồi dưỡng Ban Giám khảo, Ban Tổ chức, Thư ký',
    en: 'Jury, committee and secretary allowances',
  },
  printing: { vi: 'In giấy chứng nhận, khung, tài liệu', en: 'Printing of certificates, frames and papers' },
  communication: { vi: 'Tuyên truyền, đăng tải', en: 'Publicity and publication' },
  other: { vi: 'Chi khác', en: 'Other costs' },
};

const text = (min: number, max: number) => z.string().trim().transform(nfc).pipe(z.string().min(min).max(max));

export const costLineSchema = z.object({
  category: z.enum(COST_CATEGORIES),
  /** "Bồi dưỡng thành viên Ban Giám khảo chấm vòng chung khảo" */
  description: text(3, 300),
  /** Đơn vị tính: "người", "buổi", "bộ". */
  unit: text(1, 30),
  quantity: z.number().int().min(0).max(1_000_000),
  unitPriceVnd: z.number().int().min(0).max(10_000_000_000),
  /** Căn cứ or a note for finance: "theo Thông tư …". */
  note: z.string().trim().max(500).transform(nfc).default(''),
});
export type CostLine = z.infer<typeof costLineSchema>;

export const costLinesSchema = z.array(costLineSchema).max(200);

export interface CostRow extends CostLine {
  /** STT within section II, from 1. */
  no: number;
  amountVnd: number;
}

export interface BudgetEstimate {
  title: string;
  prizeLines: PrizeLine[];
  prizeTotalVnd: number;
  costRows: CostRow[];
  /** Subtotal per category, in COST_CATEGORIES order, only categories that have lines. */
  costSubtotals: { category: CostCategory; totalVnd: number }[];
  costTotalVnd: number;
  totalVnd: number;
  totalInWords: string;
}

export function budgetEstimate(
  prizes: readonly Prize[],
  lines: readonly CostLine[],
  contestName: string,
): BudgetEstimate {
  return budgetEstimateOf(prizeStructureLines(prizes).lines, lines, contestName);
}

/** The same estimate from prize lines already worked out: the snapshot an estimate was appraised with. */
export function budgetEstimateOf(
  prizeLines: PrizeLine[],
  lines: readonly CostLine[],
  contestName: string,
): BudgetEstimate {
  const prizeTotalVnd = sumVnd(prizeLines.map((l) => l.totalVnd));
  const costRows = lines.map((l, i) => ({ ...l, no: i + 1, amountVnd: timesVnd(l.quantity, l.unitPriceVnd) }));
  const costSubtotals = COST_CATEGORIES.flatMap((category) => {
    const rows = costRows.filter((r) => r.category === category);
    return rows.length ? [{ category, totalVnd: sumVnd(rows.map((r) => r.amountVnd)) }] : [];
  });
  const costTotalVnd = sumVnd(costRows.map((r) => r.amountVnd));
  const totalVnd = sumVnd([prizeTotalVnd, costTotalVnd]);
  return {
    title: `DỰ TRÙ KINH PHÍ TỔ CHỨC CUỘC THI “${nfc(contestName).trim()}”`,
    prizeLines,
    prizeTotalVnd,
    costRows,
    costSubtotals,
    costTotalVnd,
    totalVnd,
    totalInWords: `Bằng chữ: ${vndInWords(totalVnd)}.`,
  };
}

/**
 * Whether the prize section an estimate was submitted or approved with still matches the contest's structure: a
 * change of the structure afterwards makes the estimate stale, and it must be revised and appraised again.
 */
export function prizeLinesChanged(snapshot: readonly PrizeLine[], prizes: readonly Prize[]): boolean {
  const now = prizeStructureLines(prizes).lines;
  return (
    now.length !== snapshot.length ||
    now.some((l, i) => {
      const s = snapshot[i]!;
      return s.name !== l.name || s.count !== l.count || s.amountVnd !== l.amountVnd;
    })
  );
}
