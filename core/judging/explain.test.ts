import { describe, expect, it } from 'vitest';
import type { JurorSheet } from './aggregate.ts';
import { describeMethod, describeRow, type ExplainLabels } from './explain.ts';
import { rankEntries } from './ranking.ts';
import type { RoundRubric } from './rubric.ts';

const rubric: RoundRubric = {
  criteria: [
    {
      key: 'nd',
      name: 'Nội dung',
      nameEn: 'Content',
      weight: 50,
      min: 0,
      max: 10,
      step: 0.5,
      comment: { when: 'never' },
    },
    {
      key: 'kt',
      name: 'Kỹ thuật',
      nameEn: 'Technique',
      weight: 50,
      min: 0,
      max: 10,
      step: 0.5,
      comment: { when: 'never' },
    },
  ],
};
const s = (jurorId: number, entryId: number, nd: number, kt: number): JurorSheet => ({
  jurorId,
  entryId,
  abstained: false,
  values: { nd, kt },
});
const labels: ExplainLabels = {
  entry: (id) => `P-${100 + id}`,
  juror: (id) => ['', 'Ông A', 'Bà B', 'Ông C', 'Bà D'][id]!,
  timeZone: 'Asia/Ho_Chi_Minh',
};

// Totals are (nd + kt)/2.
//   e1: A (8, 6) 7, B (6, 8) 7, C (9, 9) 9
//   e2: A (9, 5) 7, B (7, 7) 7, C (9, 9) 9
// Trimmed mean of e1 [7, 7, 9]: drop A's 7 (the first lowest) and C's 9 → B's 7 remains → 7. Same for e2: tied at 7.
// The tie goes to "Nội dung", aggregated the same way: e1 [8, 6, 9] → drop 6 and 9 → 8; e2 [9, 7, 9] → drop 7 and
// one 9 → 9. So e2 is first.
// e3: A (5, 5) 5 alone; D declared a conflict.
const ranking = rankEntries({
  rubric,
  method: {
    aggregation: 'trimmed_mean',
    normalization: 'none',
    minScores: 1,
    decimals: 2,
    tieOrder: [{ kind: 'criterion', key: 'nd' }, { kind: 'chair' }],
  },
  entryIds: [1, 2, 3],
  sheets: [s(1, 1, 8, 6), s(2, 1, 6, 8), s(3, 1, 9, 9), s(1, 2, 9, 5), s(2, 2, 7, 7), s(3, 2, 9, 9), s(1, 3, 5, 5)],
  excluded: [{ jurorId: 4, entryId: 3, why: 'declared' }],
});

describe('describeMethod', () => {
  it('states the weights, the scale, the aggregation, the rounding and the tie rules', () => {
    expect(describeMethod(ranking, rubric, 'vi')).toBe(
      'Điểm của mỗi giám khảo cho một tác phẩm là trung bình có trọng số các tiêu chí: ' +
        'Nội dung (50%, 0–10), Kỹ thuật (50%, 0–10), tính trên thang 0–10. ' +
        'Điểm của tác phẩm là trung bình cộng điểm của các giám khảo sau khi bỏ một điểm cao nhất ' +
        'và một điểm thấp nhất; tác phẩm có dưới 3 điểm thì lấy trung bình cộng của tất cả. ' +
        'Điểm được làm tròn đến 2 chữ số thập phân; tác phẩm cần ít nhất 1 điểm giám khảo để được xếp hạng. ' +
        'Khi bằng điểm, xét lần lượt: điểm tiêu chí "Nội dung"; quyết định của Trưởng ban Giám khảo.',
    );
    expect(describeMethod(ranking, rubric, 'en')).toContain(
      'Ties are broken by, in turn: the criterion "Content"; the jury chair\'s decision.',
    );
  });

  it('says when scores are normalized and when the ranking is provisional', () => {
    const r = {
      ...ranking,
      method: { ...ranking.method, normalization: 'z_score' as const, tieOrder: [] },
      provisional: true,
    };
    const vi = describeMethod(r, rubric, 'vi');
    expect(vi).toContain('được chuẩn hóa (z-score)');
    expect(vi).toContain('Các tác phẩm bằng điểm được xếp đồng hạng.');
    expect(vi).toContain('bảng xếp hạng tạm thời');
    expect(describeMethod(r, rubric, 'en')).toContain('This ranking is provisional');
  });
});

describe('describeRow', () => {
  const row = (id: number) => ranking.rows.find((r) => r.entryId === id)!;

  it('explains a place won on a tie rule, with every score and what was dropped', () => {
    expect(describeRow(row(2), ranking, rubric, 'vi', labels)).toEqual([
      'Hạng 1: P-102, 7,00 điểm (3 điểm giám khảo).',
      'Điểm các giám khảo: Ông A 7,00 (bỏ: thấp nhất); Bà B 7,00; Ông C 9,00 (bỏ: cao nhất).',
      'Bằng điểm 7,00 với P-101.',
      'Xét tiêu chí "Nội dung": P-101 8,00; P-102 9,00.',
    ]);
    expect(describeRow(row(1), ranking, rubric, 'en', labels)).toEqual([
      "Place 2: P-101, 7.00 (3 jurors' totals).",
      "Jurors' totals: Ông A 7.00 (dropped: lowest); Bà B 7.00; Ông C 9.00 (dropped: highest).",
      'Tied at 7.00 with P-102.',
      'By the criterion "Content": P-101 8.00; P-102 9.00.',
    ]);
  });

  it('says who was left out and why, and when there were too few scores to trim', () => {
    expect(describeRow(row(3), ranking, rubric, 'vi', labels)).toEqual([
      'Hạng 3: P-103, 5,00 điểm (1 điểm giám khảo).',
      'Điểm các giám khảo: Ông A 5,00.',
      'Không tính: Bà D (tự khai báo xung đột lợi ích).',
      'Có dưới 3 điểm nên không bỏ điểm cao nhất và thấp nhất; lấy trung bình cộng.',
    ]);
  });

  it("renders the chair's decision with its date and reason, and a tie nothing could break", () => {
    const tiedSheets = [s(1, 1, 7, 7), s(1, 2, 7, 7), s(2, 1, 8, 8), s(2, 2, 8, 8)];
    const base = {
      rubric,
      entryIds: [1, 2],
      sheets: tiedSheets,
      method: {
        aggregation: 'mean' as const,
        normalization: 'none' as const,
        minScores: 2,
        decimals: 2,
        tieOrder: [{ kind: 'criterion' as const, key: 'nd' }, { kind: 'chair' as const }],
      },
    };
    const decided = rankEntries({
      ...base,
      chairDecisions: [
        { entryIds: [2, 1], value: 7.5, reason: 'Thông điệp rõ ràng hơn.', byUserId: 9, at: '2024-09-20T17:30:00Z' },
      ],
    });
    const lines = describeRow(decided.rows[0]!, decided, rubric, 'vi', labels);
    expect(lines.slice(2)).toEqual([
      'Bằng điểm 7,50 với P-101.',
      'Xét tiêu chí "Nội dung": P-101 7,50; P-102 7,50.',
      // 17:30 UTC is 00:30 on the 21st in Hồ Chí Minh City.
      'Theo quyết định của Trưởng ban Giám khảo ngày 21/09/2024, thứ tự: P-102, P-101. Lý do: Thông điệp rõ ràng hơn.',
    ]);
    const open = rankEntries(base);
    expect(describeRow(open.rows[1]!, open, rubric, 'en', labels).slice(4)).toEqual([
      'The jury chair has not decided yet.',
      'Still tied after every tie rule: shares place 1.',
    ]);
  });

  it('explains an entry that was not ranked', () => {
    const r = rankEntries({
      ...ranking,
      rubric,
      method: { ...ranking.method, minScores: 2 },
      sheets: [s(1, 3, 5, 5)],
      entryIds: [3],
    });
    expect(describeRow(r.rows[0]!, r, rubric, 'vi', labels)[0]).toBe(
      'P-103: chưa xếp hạng, mới có 1 điểm giám khảo, cần ít nhất 2.',
    );
  });
});
