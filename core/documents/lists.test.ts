import { describe, expect, it } from 'vitest';
import { cchcList, matchUnit } from './cchc-list.ts';
import { paymentList } from './payment-list.ts';
import { ENTRIES, UNITS, demoAllocation } from './test-entries.ts';

describe('prize payment list', () => {
  it('has one row per prize won, the total, and the total in words', () => {
    const list = paymentList(demoAllocation(), ENTRIES);
    expect(list.rows.map((r) => [r.no, r.recipient, r.prizeName, r.amountVnd])).toEqual([
      [1, 'UBND xã Vĩnh Thái', 'Giải Nhất', 5_000_000],
      [2, 'UBND thị trấn Hồ Xá', 'Giải Nhì', 3_000_000],
      [3, 'Nguyễn Thị Ỷ', 'Giải Ba', 2_000_000],
      [4, 'UBND xã Vĩnh Thái', 'Giải Ba', 2_000_000],
      [5, 'Lê Văn Hưởng', 'Giải Khuyến khích', 1_000_000],
      [6, 'Phòng Nội vụ', 'Giải Khuyến khích', 1_000_000],
      [7, 'Đặng Thị Ngọc Thủy', 'Giải Khuyến khích', 1_000_000],
      [8, 'Hoàng Văn Bình', 'Giải bình chọn nhiều nhất', 1_000_000],
    ]);
    expect(list.totalVnd).toBe(16_000_000);
    expect(list.totalInWords).toBe('Bằng chữ: Mười sáu triệu đồng.');
    expect(list.totalInWordsEn).toBe('In words: Sixteen million dong.');
    expect(list.columns.at(-1)).toBe('Ký nhận');
    expect(JSON.stringify(list)).toBe(JSON.stringify(list).normalize('NFC'));
  });

  it('leaves out a prize without money and refuses a winner without details', () => {
    const a = demoAllocation();
    a.prizes[4]!.prize = { ...a.prizes[4]!.prize, amountVnd: 0 };
    const list = paymentList(a, ENTRIES);
    expect(list.rows).toHaveLength(7);
    expect(list.totalVnd).toBe(15_000_000);
    const partial = new Map(ENTRIES);
    partial.delete(9);
    expect(() => paymentList(demoAllocation(), partial)).toThrow(/9/);
  });
});

describe('CCHC list', () => {
  it('lists a unit that won twice once, with both entries, and ties a person’s entry to their unit by name', () => {
    const list = cchcList(demoAllocation(), ENTRIES, UNITS, 2024);
    expect(list.title).toBe(
      'DANH SÁCH ĐƠN VỊ CÓ TÁC PHẨM ĐẠT GIẢI ĐỀ NGHỊ CỘNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024',
    );
    expect(list.rows.map((r) => [r.no, r.unitName, r.entries.map((e) => `${e.code} ${e.prizeName}`)])).toEqual([
      [1, 'Phòng Nội vụ', ['VL2024-006 Giải Khuyến khích', 'VL2024-009 Giải bình chọn nhiều nhất']],
      [2, 'UBND thị trấn Hồ Xá', ['VL2024-002 Giải Nhì']],
      [3, 'UBND xã Vĩnh Ô', ['VL2024-003 Giải Ba']],
      [4, 'UBND xã Vĩnh Thái', ['VL2024-001 Giải Nhất', 'VL2024-004 Giải Ba']],
    ]);
    expect(list.unmatched.map((u) => [u.code, u.unitNameAsWritten])).toEqual([
      ['VL2024-005', 'Công ty TNHH Ánh Dương'],
      ['VL2024-007', ''],
    ]);
  });

  it('matches unit names without diacritics or case, and only when one unit matches', () => {
    expect(matchUnit('UBND XÃ VĨNH THÁI', UNITS)?.id).toBe(11);
    expect(matchUnit('ubnd xa vinh thai', UNITS)?.id).toBe(11);
    expect(matchUnit('Vĩnh Thái', UNITS)).toBeNull();
    expect(matchUnit('', UNITS)).toBeNull();
    expect(matchUnit('Phòng Nội vụ', [...UNITS, { id: 99, name: 'PHÒNG NỘI VỤ' }])).toBeNull();
  });
});
