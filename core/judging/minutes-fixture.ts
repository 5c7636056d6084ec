/** A worked round for the minutes' tests: three jurors, five entries, a tie the chair settled, an abstention. */
import type { MinutesInput } from './minutes.ts';
import { DEFAULT_RANKING_METHOD } from './ranking-method.ts';
import { rankEntries } from './ranking.ts';
import type { Criterion, RoundRubric } from './rubric.ts';

const c = (key: string, name: string, weight: number): Criterion => ({
  key,
  name,
  weight,
  min: 0,
  max: 10,
  step: 0.5,
  comment: { when: 'never' },
});
export const MINUTES_RUBRIC: RoundRubric = {
  criteria: [c('c1', 'Nội dung', 40), c('c2', 'Sáng tạo', 30), c('c3', 'Kỹ thuật', 30)],
};
/** A sheet giving x on every criterion totals x (0.4x + 0.3x + 0.3x). */
const flat = (jurorId: number, entryId: number, x: number) => ({
  jurorId,
  entryId,
  abstained: false,
  values: { c1: x, c2: x, c3: x },
});

/**
 * Trimmed mean over three jurors, worked by hand:
 * entry 1: 8, 9, 7 → drop 9 and 7 → 8.00; entry 2: 8, 8, 8 → 8.00 (tied with 1; the chair put 1 first);
 * entry 3: 6, 7 and an abstention → fewer than 3, mean (6 + 7) / 2 = 6.50; entry 4: 5, 5.5, 9 → 5.50;
 * entry 5: juror 3 left out (same unit), no score → not ranked (needs 1).
 */
export function minutesInput(): MinutesInput {
  const ranking = rankEntries({
    rubric: MINUTES_RUBRIC,
    method: { ...DEFAULT_RANKING_METHOD, aggregation: 'trimmed_mean' },
    entryIds: [1, 2, 3, 4, 5],
    sheets: [
      flat(1, 1, 8),
      flat(2, 1, 9),
      flat(3, 1, 7),
      flat(1, 2, 8),
      flat(2, 2, 8),
      flat(3, 2, 8),
      flat(1, 3, 6),
      flat(2, 3, 7),
      { jurorId: 3, entryId: 3, abstained: true, values: {} },
      flat(1, 4, 5),
      flat(2, 4, 5.5),
      flat(3, 4, 9),
    ],
    excluded: [{ jurorId: 3, entryId: 5, why: 'same_unit' }],
    chairDecisions: [
      { entryIds: [1, 2], value: 8, reason: 'Nội dung sát chủ đề hơn', byUserId: 1, at: '2024-09-20T03:00:00Z' },
    ],
  });
  return {
    issuingBody: {
      superior: 'UBND huyện Vĩnh Linh',
      nameLines: ['Ban Tổ chức cuộc thi'],
      abbr: 'BTC',
      place: 'Vĩnh Linh',
    },
    contestName: 'Xây dựng video clip năm 2024',
    roundName: 'Sơ khảo',
    number: null,
    date: null,
    draftYear: 2024,
    meeting: { start: '2024-09-20T01:00:00Z', end: '2024-09-20T04:30:00Z', place: 'Hội trường UBND huyện' },
    timeZone: 'Asia/Ho_Chi_Minh',
    jurors: [
      { id: 1, fullName: 'Lê Thị Ánh', position: 'Trưởng ban', present: true },
      { id: 2, fullName: 'Trần Văn Đức', position: 'Thành viên', present: true },
      { id: 3, fullName: 'Ngô Thị Ỷ'.normalize('NFD'), position: 'Thành viên', present: true },
      { id: 4, fullName: 'Hồ Văn Vắng', position: 'Thành viên', present: false },
    ],
    chair: { fullName: 'Lê Thị Ánh' },
    secretary: { fullName: 'Phạm Văn Thư' },
    rubric: MINUTES_RUBRIC,
    ranking,
    entry: (id) => ({ code: `P-${100 + id}`, title: `Tác phẩm số ${id}` }),
  };
}
