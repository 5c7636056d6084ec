import { describe, expect, it } from 'vitest';
import { issuerLines, orderedMembers, rosterDecision, rosterDecisionOptionsSchema } from './roster-decision.ts';

const OPTIONS = {
  body: 'jury' as const,
  issuer: 'Ủy ban nhân dân huyện Vĩnh Linh',
  place: 'Vĩnh Linh',
  signer: 'Lê Văn Hòa',
  grounds: 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015\n\nCăn cứ Kế hoạch số 45/KH-UBND.',
};

describe('decision establishing a body from the roster', () => {
  const doc = rosterDecision({
    ...OPTIONS,
    contestName: 'Video clip cải cách hành chính năm 2024',
    draftYear: 2024,
    members: [
      { fullName: 'Trần Thị Bích', position: 'Chuyên viên Phòng Nội vụ', roleInBody: 'secretary' },
      { fullName: 'Nguyễn Văn Ánh', position: null, roleInBody: 'member' },
      // Decomposed input (NFD) from a copied list: the decision prints it composed.
      { fullName: 'Ngô Thị Thuỷ'.normalize('NFD'), position: 'Phó Chủ tịch UBND huyện', roleInBody: 'head' },
      { fullName: 'Hồ Sĩ Ỷ', position: 'Trưởng phòng Văn hóa và Thông tin', roleInBody: 'deputy' },
    ],
  });

  it('is a draft decision of the committee with the body in its subject', () => {
    expect(doc.header.left.bodyLines).toEqual(['ỦY BAN NHÂN DÂN', 'HUYỆN VĨNH LINH']);
    expect(doc.header.left.number).toMatch(/^Số:\s+\/QĐ-UBND$/);
    expect(doc.header.right.placeAndDate).toMatch(/^Vĩnh Linh, ngày\s+tháng\s+năm 2024$/);
    expect(doc.typeName).toBe('QUYẾT ĐỊNH');
    expect(doc.subject).toBe('Về việc thành lập Ban Giám khảo Cuộc thi “Video clip cải cách hành chính năm 2024”');
    expect(doc.issuerLine).toBe('CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH');
  });

  it('keeps the grounds typed, adds the plan and ends with the proposal', () => {
    expect(doc.grounds).toEqual([
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
      'Căn cứ Kế hoạch số 45/KH-UBND;',
      'Căn cứ Kế hoạch tổ chức Cuộc thi “Video clip cải cách hành chính năm 2024”;',
      'Xét đề nghị của Trưởng phòng Nội vụ.',
    ]);
  });

  it('lists the members head first, secretary last, in NFC, the last line ending with a full stop', () => {
    expect(doc.articles[0]!.paragraphs.slice(1)).toEqual([
      '1. Ngô Thị Thuỷ, Phó Chủ tịch UBND huyện – Trưởng ban;',
      '2. Hồ Sĩ Ỷ, Trưởng phòng Văn hóa và Thông tin – Phó Trưởng ban;',
      '3. Nguyễn Văn Ánh – Thành viên;',
      '4. Trần Thị Bích, Chuyên viên Phòng Nội vụ – Thư ký.',
    ]);
    expect(doc.articles.map((a) => a.label)).toEqual(['Điều 1.', 'Điều 2.', 'Điều 3.']);
    expect(doc.articles[1]!.paragraphs[0]).toMatch(/^Ban Giám khảo có nhiệm vụ chấm/);
  });

  it('is signed for the committee by its chair, and filed', () => {
    expect(doc.signature).toEqual({ authority: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], fullName: 'Lê Văn Hòa' });
    expect(doc.recipients).toEqual([
      '- Như Điều 3;',
      '- Thường trực Ủy ban nhân dân huyện Vĩnh Linh;',
      '- Lưu: VT, NV.',
    ]);
  });

  it('refuses an empty body', () => {
    expect(() => rosterDecision({ ...OPTIONS, contestName: 'Cuộc thi', draftYear: 2024, members: [] })).toThrow(
      RangeError,
    );
  });
});

describe('issuer lines and member order', () => {
  it('sets a committee on two lines and any other body on one', () => {
    expect(issuerLines('Ủy ban nhân dân xã Vĩnh Ô')).toEqual(['Ủy ban nhân dân', 'xã Vĩnh Ô']);
    expect(issuerLines('Ban Tổ chức cuộc thi')).toEqual(['Ban Tổ chức cuộc thi']);
  });
  it('keeps the order entered within a role', () => {
    const m = (fullName: string, roleInBody: 'member' | 'head') => ({ fullName, position: null, roleInBody });
    expect(orderedMembers([m('B', 'member'), m('A', 'member'), m('C', 'head')]).map((x) => x.fullName)).toEqual([
      'C',
      'B',
      'A',
    ]);
  });
});

describe('the options of one decision', () => {
  it('need only the body (the stored document details fill the rest) and refuse a malformed abbreviation', () => {
    expect(rosterDecisionOptionsSchema.parse({ body: 'jury' })).toEqual({ body: 'jury', grounds: '' });
    expect(rosterDecisionOptionsSchema.safeParse({ body: 'jury', abbr: 'ubnd' }).success).toBe(false);
  });
});
