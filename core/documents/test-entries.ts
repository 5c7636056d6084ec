/** Winning entries for the documents tests: the plan structure filled, with one commune winning twice. */
import { allocatePrizes } from '../awards/allocation.ts';
import { planPrizes, ranked } from '../awards/test-fixtures.ts';
import type { AwardedEntryFacts } from './awarded-entry.ts';
import type { ContestUnit } from './cchc-list.ts';

export const UNITS: ContestUnit[] = [
  { id: 11, name: 'UBND xã Vĩnh Thái' },
  { id: 12, name: 'UBND thị trấn Hồ Xá' },
  { id: 13, name: 'UBND xã Vĩnh Ô' },
  { id: 14, name: 'Phòng Nội vụ' },
];

const unitEntry = (entryId: number, unit: ContestUnit, title: string): AwardedEntryFacts => ({
  entryId,
  code: `VL2024-${String(entryId).padStart(3, '0')}`,
  title,
  unit,
  isGroup: false,
  groupName: '',
  authors: [{ fullName: 'Trần Văn Nam', unitName: unit.name }],
});

const personEntry = (entryId: number, fullName: string, unitName: string, title: string): AwardedEntryFacts => ({
  entryId,
  code: `VL2024-${String(entryId).padStart(3, '0')}`,
  title,
  unit: null,
  isGroup: false,
  groupName: '',
  authors: [{ fullName, unitName }],
});

export const ENTRIES = new Map<number, AwardedEntryFacts>(
  [
    unitEntry(1, UNITS[0]!, 'Một cửa điện tử ở Vĩnh Thái'),
    unitEntry(2, UNITS[1]!, 'Hồ Xá số hóa'),
    personEntry(3, 'Nguyễn Thị Ỷ'.normalize('NFD'), 'ubnd xa vinh o', 'Thanh toán trực tuyến'),
    unitEntry(4, UNITS[0]!, 'Dịch vụ công mức độ 4'),
    personEntry(5, 'Lê Văn Hưởng', 'Công ty TNHH Ánh Dương', 'Chữ ký số cho mọi nhà'),
    unitEntry(6, UNITS[3]!, 'Cải cách từ Phòng Nội vụ'),
    personEntry(7, 'Đặng Thị Ngọc Thủy', '', 'Cổng dịch vụ công'),
    personEntry(9, 'Hoàng Văn Bình', 'Phòng Nội vụ', 'Bình chọn cho CCHC'),
  ].map((e) => [e.entryId, e]),
);

/** Jury: 1 first, 2 second, 3 and 4 third, 5, 6, 7 consolation; vote: 9. Vĩnh Thái (1 and 4) wins twice. */
export function demoAllocation() {
  return allocatePrizes({
    prizes: planPrizes(),
    juryRanking: ranked([
      [1, 95],
      [2, 90],
      [3, 85],
      [4, 80],
      [5, 75],
      [6, 70],
      [7, 65],
      [8, 60],
    ]),
    voteRanking: ranked([
      [9, 800],
      [1, 500],
    ]),
    excluded: [],
    decisions: [],
  });
}
