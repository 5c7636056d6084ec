import { describe, expect, it } from 'vitest';
import { judgingMinutes } from './minutes.ts';
import { minutesInput as input, MINUTES_RUBRIC as RUBRIC } from './minutes-fixture.ts';
import { paperSheet } from './paper-sheet.ts';

describe('judging minutes (biên bản chấm thi)', () => {
  const m = judgingMinutes(input());
  const text = m.document.articles.flatMap((a) => [a.label, ...a.paragraphs]).join('\n');

  it('is a record of the jury: BB symbol, subject, time in Vietnam time, who was there and who was not', () => {
    expect(m.document.typeName).toBe('BIÊN BẢN');
    expect(m.document.header.left.number).toMatch(/\/BB-BTC$/);
    expect(m.document.subject).toBe('Chấm thi vòng Sơ khảo Cuộc thi “Xây dựng video clip năm 2024”');
    expect(text).toContain('Từ 20/09/2024 08:00 đến 20/09/2024 11:30 (giờ Việt Nam), tại Hội trường UBND huyện.');
    expect(text).toContain('Ban Giám khảo gồm 4 thành viên, có mặt 3:');
    expect(text).toContain('- Ngô Thị Ỷ, Thành viên;');
    expect(text).toContain('Vắng mặt: Hồ Văn Vắng.');
    expect(text).toContain('- Nội dung: trọng số 40%, thang điểm 0–10;');
    expect(text).toContain('sau khi bỏ một điểm cao nhất và một điểm thấp nhất');
    expect(text.normalize('NFC')).toBe(text);
  });

  it('counts the ranked and the unranked entries and tells how the tie was settled', () => {
    expect(text).toContain('Vòng Sơ khảo có 5 tác phẩm; 4 tác phẩm được xếp hạng, 1 tác phẩm chưa đủ');
    expect(text).toMatch(/P-101: Bằng điểm 8,00 với P-102\..*Nội dung sát chủ đề hơn/);
  });

  it('is signed by the chair, with the secretary beside, and has no recipients', () => {
    expect(m.document.signature).toEqual({ authority: ['TRƯỞNG BAN GIÁM KHẢO'], fullName: 'Lê Thị Ánh' });
    expect(m.document.cosigners).toEqual([{ authority: ['THƯ KÝ'], fullName: 'Phạm Văn Thư' }]);
    expect(m.document.recipients).toEqual([]);
  });

  it('annexes: the ranking, every juror total (dropped in brackets), signatures of those present', () => {
    const [ranking, scores, signs] = m.annexes;
    expect(ranking!.rows).toEqual([
      [1, 'P-101', 'Tác phẩm số 1', '8,00', 3, 'Bằng điểm, đã phân định (mục V)'],
      [2, 'P-102', 'Tác phẩm số 2', '8,00', 3, 'Bằng điểm, đã phân định (mục V)'],
      [3, 'P-103', 'Tác phẩm số 3', '6,50', 2, ''],
      [4, 'P-104', 'Tác phẩm số 4', '5,50', 3, ''],
      ['', 'P-105', 'Tác phẩm số 5', '', 0, 'Chưa đủ 1 điểm GK'],
    ]);
    expect(scores!.columns).toEqual(['Mã tác phẩm', 'Lê Thị Ánh', 'Trần Văn Đức', 'Ngô Thị Ỷ', 'Hồ Văn Vắng', 'Điểm']);
    expect(scores!.rows[0]).toEqual(['P-101', '8,00', '(9,00)', '(7,00)', '', '8,00']);
    expect(scores!.rows[2]).toEqual(['P-103', '6,00', '7,00', 'Không chấm', '', '6,50']);
    expect(scores!.rows[4]).toEqual(['P-105', '', '', 'Không tính', '', '']);
    expect(signs!.rows.map((r) => r[1])).toEqual(['Lê Thị Ánh', 'Trần Văn Đức', 'Ngô Thị Ỷ']);
  });
});

describe('minutes with a juror who scored on paper', () => {
  it("marks that juror's figures and says who typed and who checked them", () => {
    const m = judgingMinutes({
      ...input(),
      paper: [
        { jurorId: 2, enteredBy: 'Phạm Văn Thư', checkedBy: 'Đỗ Thị Kiểm' },
        { jurorId: 2, enteredBy: 'Phạm Văn Thư', checkedBy: 'Lê Thị Ánh' },
      ],
    });
    const text = m.document.articles.flatMap((a) => a.paragraphs).join('\n');
    expect(text).toContain(
      'Điểm của giám khảo Trần Văn Đức được chấm trên phiếu giấy đã ký, do Phạm Văn Thư nhập ' +
        'và Đỗ Thị Kiểm, Lê Thị Ánh đối chiếu.',
    );
    const scores = m.annexes[1]!;
    expect(scores.rows[0]).toEqual(['P-101', '8,00', '(9,00*)', '(7,00)', '', '8,00']);
    expect(scores.rows[2]).toEqual(['P-103', '6,00', '7,00*', 'Không chấm', '', '6,50']);
    expect(scores.footer?.at(-1)).toBe(
      'Điểm có dấu *: nhập từ phiếu chấm giấy đã ký, đã được người thứ hai đối chiếu.',
    );
  });
});

describe('paper score sheet (phiếu chấm)', () => {
  it('lists the entries by code with a column per criterion, the scale rules, the blind rule and a signature', () => {
    const s = paperSheet({
      issuingBody: { nameLines: ['Ban Tổ chức cuộc thi'], abbr: 'BTC', place: 'Vĩnh Linh' },
      contestName: 'Xây dựng video clip năm 2024',
      roundName: 'Chung khảo',
      juror: { fullName: 'Trần Văn Đức' },
      rubric: RUBRIC,
      entries: [
        { code: 'P-7K2', title: 'Một cửa' },
        { code: 'P-9QX', title: 'Hồ Xá số' },
      ],
      blind: true,
      date: null,
      draftYear: 2024,
    });
    expect(s.title).toBe('PHIẾU CHẤM');
    expect(s.subtitle).toBe('Vòng Chung khảo — Cuộc thi “Xây dựng video clip năm 2024”');
    expect(s.table.columns).toEqual([
      'STT',
      'Mã tác phẩm',
      'Tên tác phẩm',
      'Nội dung (40%, 0–10)',
      'Sáng tạo (30%, 0–10)',
      'Kỹ thuật (30%, 0–10)',
      'Ghi chú',
    ]);
    expect(s.table.rows).toEqual([
      [1, 'P-7K2', 'Một cửa', '', '', '', ''],
      [2, 'P-9QX', 'Hồ Xá số', '', '', '', ''],
    ]);
    expect(s.rules[0]).toBe('Nội dung (trọng số 40%): chấm từ 0 đến 10 điểm, bước 0,5.');
    expect(s.rules.at(-1)).toMatch(/^Chấm kín/);
    expect(s.signature).toEqual({ title: 'GIÁM KHẢO', hint: '(Ký, ghi rõ họ tên)', fullName: 'Trần Văn Đức' });
  });
});
