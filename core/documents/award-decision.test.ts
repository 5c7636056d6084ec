import { describe, expect, it } from 'vitest';
import { awardDecision } from './award-decision.ts';
import { ENTRIES, demoAllocation } from './test-entries.ts';

describe('award decision draft', () => {
  const d = awardDecision({
    issuingBody: { nameLines: ['Ủy ban nhân dân', 'huyện Vĩnh Linh'], abbr: 'UBND', place: 'Vĩnh Linh' },
    issuerTitle: 'Chủ tịch Ủy ban nhân dân huyện Vĩnh Linh',
    number: null,
    date: null,
    draftYear: 2024,
    contestName: 'Xây dựng video clip, phóng sự tuyên truyền cải cách hành chính năm 2024',
    grounds: [
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015',
      'Căn cứ Kế hoạch số 45/KH-UBND ngày 15/3/2024 của UBND huyện Vĩnh Linh.',
    ],
    proposer: 'Trưởng phòng Nội vụ',
    fundingSource: 'ngân sách huyện năm 2024',
    executors: ['Chánh Văn phòng HĐND và UBND huyện', 'Trưởng phòng Nội vụ', 'Trưởng phòng Tài chính - Kế hoạch'],
    signature: {
      collective: 'Ủy ban nhân dân',
      signingFor: { kind: 'KT', headTitle: 'Chủ tịch' },
      position: 'Phó Chủ tịch',
      fullName: 'Nguyễn Văn A',
    },
    recipients: ['Sở Nội vụ', 'CT, các PCT UBND huyện'],
    archive: ['VT', 'NV'],
    allocation: demoAllocation(),
    entries: ENTRIES,
  });

  it('sets out the decision: header, grounds ending with the proposal, three articles, signature', () => {
    const doc = d.document;
    expect(doc.header.left.bodyLines).toEqual(['ỦY BAN NHÂN DÂN', 'HUYỆN VĨNH LINH']);
    expect(doc.header.left.superior).toBeNull();
    expect(doc.header.right.placeAndDate).toMatch(/^Vĩnh Linh, ngày\s+tháng\s+năm 2024$/);
    expect(doc.typeName).toBe('QUYẾT ĐỊNH');
    expect(doc.issuerLine).toBe('CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH');
    expect(doc.grounds).toEqual([
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
      'Căn cứ Kế hoạch số 45/KH-UBND ngày 15/3/2024 của UBND huyện Vĩnh Linh;',
      'Xét đề nghị của Trưởng phòng Nội vụ.',
    ]);
    expect(doc.articles.map((a) => a.label)).toEqual(['Điều 1.', 'Điều 2.', 'Điều 3.']);
    expect(doc.articles[0]!.paragraphs[0]).toContain('Khen thưởng 08 tập thể, cá nhân đạt giải');
    expect(doc.articles[1]!.paragraphs[1]).toBe(
      'Tổng số tiền thưởng: 16.000.000 đồng (Bằng chữ: Mười sáu triệu đồng).',
    );
    expect(doc.articles[2]!.paragraphs[0]).toMatch(/chịu trách nhiệm thi hành Quyết định này\.\/\.$/);
    expect(doc.signature.authority).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    expect(doc.recipients).toEqual(['- Như Điều 3;', '- Sở Nội vụ;', '- CT, các PCT UBND huyện;', '- Lưu: VT, NV.']);
  });

  it('annexes the list of winners with the total and states the vote prize rule', () => {
    expect(d.annex.rows).toHaveLength(8);
    expect(d.annex.columns).not.toContain('Ký nhận');
    expect(d.annex.totalVnd).toBe(16_000_000);
    expect(d.annex.notes).toEqual([
      'Giải bình chọn nhiều nhất được trao cho tác phẩm có nhiều phiếu bình ' +
        'chọn hợp lệ nhất trên nền tảng, kể cả tác phẩm đã đạt giải của Ban Giám khảo.',
    ]);
  });
});
