import { describe, expect, it } from 'vitest';
import { planPrizes } from '../awards/test-fixtures.ts';
import { budgetEstimate, costLineSchema, prizeLinesChanged, type CostLine } from './budget-estimate.ts';
import { budgetStep, type BudgetFacts, type BudgetStep } from './budget-review.ts';

const LINES: CostLine[] = [
  {
    category: 'jury_allowance',
    description: 'Bồi dưỡng Ban Giám khảo',
    unit: 'người',
    quantity: 5,
    unitPriceVnd: 500_000,
    note: '',
  },
  {
    category: 'ceremony',
    description: 'Trang trí hội trường',
    unit: 'gói',
    quantity: 1,
    unitPriceVnd: 3_500_000,
    note: '',
  },
  {
    category: 'printing',
    description: 'In giấy chứng nhận và khung',
    unit: 'bộ',
    quantity: 8,
    unitPriceVnd: 125_000,
    note: '',
  },
  {
    category: 'ceremony',
    description: 'Nước uống đại biểu',
    unit: 'người',
    quantity: 60,
    unitPriceVnd: 15_000,
    note: '',
  },
];

describe('budget estimate', () => {
  it('adds the prize section from the structure to the cost lines, with subtotals and the total in words', () => {
    const b = budgetEstimate(planPrizes(), LINES, 'Xây dựng video clip CCHC năm 2024');
    expect(b.prizeTotalVnd).toBe(16_000_000);
    expect(b.costRows.map((r) => r.amountVnd)).toEqual([2_500_000, 3_500_000, 1_000_000, 900_000]);
    expect(b.costSubtotals).toEqual([
      { category: 'ceremony', totalVnd: 4_400_000 },
      { category: 'jury_allowance', totalVnd: 2_500_000 },
      { category: 'printing', totalVnd: 1_000_000 },
    ]);
    expect(b.costTotalVnd).toBe(7_900_000);
    expect(b.totalVnd).toBe(23_900_000);
    expect(b.totalInWords).toBe('Bằng chữ: Hai mươi ba triệu chín trăm nghìn đồng.');
    expect(b.title).toBe('DỰ TRÙ KINH PHÍ TỔ CHỨC CUỘC THI “Xây dựng video clip CCHC năm 2024”');
  });

  it('validates a cost line: whole quantities and prices, NFC text, a description', () => {
    const ok = costLineSchema.parse({
      category: 'other',
      description: 'Chi kha\u0301c'.normalize('NFD'),
      unit: 'lần',
      quantity: 2,
      unitPriceVnd: 10_000,
    });
    expect(ok.description).toBe('Chi khác');
    expect(ok.note).toBe('');
    for (const bad of [{ quantity: 1.5 }, { quantity: -1 }, { unitPriceVnd: 0.5 }, { description: 'ab' }, { unit: '' }])
      expect(costLineSchema.safeParse({ ...LINES[0], ...bad }).success).toBe(false);
  });

  it('notices when the prize structure changed after the estimate was made', () => {
    const snapshot = budgetEstimate(planPrizes(), [], 'X').prizeLines;
    expect(prizeLinesChanged(snapshot, planPrizes())).toBe(false);
    const more = planPrizes();
    more[0] = { ...more[0]!, amountVnd: 7_000_000 };
    expect(prizeLinesChanged(snapshot, more)).toBe(true);
    expect(prizeLinesChanged(snapshot, planPrizes().slice(0, 4))).toBe(true);
  });
});

describe('finance review of the estimate', () => {
  const at = (state: BudgetFacts['state'], over: Partial<BudgetFacts> = {}): BudgetFacts => ({
    state,
    totalVnd: 23_900_000,
    text: null,
    ...over,
  });
  const COMMENT = 'Đề nghị giảm mức bồi dưỡng theo Thông tư hiện hành.';

  it('goes draft → submitted → returned → (edited) → submitted → approved', () => {
    expect(budgetStep('submit', at('draft'))).toEqual({ ok: true, next: 'submitted' });
    expect(budgetStep('return', at('submitted', { text: COMMENT }))).toEqual({ ok: true, next: 'returned' });
    expect(budgetStep('edit', at('returned'))).toEqual({ ok: true, next: 'returned' });
    expect(budgetStep('submit', at('returned'))).toEqual({ ok: true, next: 'submitted' });
    expect(budgetStep('approve', at('submitted'))).toEqual({ ok: true, next: 'approved' });
    expect(budgetStep('revise', at('approved', { text: COMMENT }))).toEqual({ ok: true, next: 'draft' });
  });

  it.each([
    ['edit', at('submitted'), 'budget.underReview'],
    ['edit', at('approved'), 'budget.approvedFrozen'],
    ['submit', at('submitted'), 'budget.alreadySubmitted'],
    ['submit', at('approved'), 'budget.approvedFrozen'],
    ['submit', at('draft', { totalVnd: 0 }), 'budget.empty'],
    ['approve', at('draft'), 'budget.notSubmitted'],
    ['approve', at('approved'), 'budget.notSubmitted'],
    ['return', at('returned', { text: COMMENT }), 'budget.notSubmitted'],
    ['return', at('submitted', { text: 'sửa đi' }), 'budget.commentTooShort'],
    ['revise', at('submitted', { text: COMMENT }), 'budget.notApproved'],
    ['revise', at('approved', { text: '' }), 'budget.reasonTooShort'],
  ] as [BudgetStep, BudgetFacts, string][])('%s from %o is refused: %s', (step, facts, problem) => {
    expect(budgetStep(step, facts)).toEqual({ ok: false, problem });
  });
});
