import { describe, expect, it } from 'vitest';
import { administrativeDocument, headerModel, recipientLines } from './administrative-document.ts';
import { formatDocumentNumber, formatSymbol, padDocumentNumber } from './document-number.ts';
import { civilDateOf, formatPlaceAndDate, formatPlaceAndDateEn } from './place-and-date.ts';
import { signatureLines, signatureProblem } from './signature-block.ts';

describe('place and date (NĐ30: days below 10 and months 1, 2 with a leading zero)', () => {
  it.each([
    [{ year: 2026, month: 12, day: 6 }, 'Vĩnh Linh, ngày 06 tháng 12 năm 2026'],
    [{ year: 2024, month: 3, day: 15 }, 'Vĩnh Linh, ngày 15 tháng 3 năm 2024'],
    [{ year: 2025, month: 1, day: 5 }, 'Vĩnh Linh, ngày 05 tháng 01 năm 2025'],
    [{ year: 2025, month: 2, day: 28 }, 'Vĩnh Linh, ngày 28 tháng 02 năm 2025'],
    [{ year: 2024, month: 9, day: 10 }, 'Vĩnh Linh, ngày 10 tháng 9 năm 2024'],
    [{ year: 2024, month: 11, day: 9 }, 'Vĩnh Linh, ngày 09 tháng 11 năm 2024'],
  ])('%o → %s', (date, text) => {
    expect(formatPlaceAndDate('Vĩnh Linh', date)).toBe(text);
  });

  it('leaves day and month blank on a draft', () => {
    expect(formatPlaceAndDate('Vĩnh Linh', null, 2024)).toBe(
      'Vĩnh Linh, ngày\u00a0\u00a0\u00a0\u00a0\u00a0tháng\u00a0\u00a0\u00a0\u00a0\u00a0năm 2024',
    );
  });

  it('refuses dates that do not exist and a missing place', () => {
    expect(() => formatPlaceAndDate('Vĩnh Linh', { year: 2025, month: 2, day: 29 })).toThrow(RangeError);
    expect(() => formatPlaceAndDate('Vĩnh Linh', { year: 2024, month: 13, day: 1 })).toThrow(RangeError);
    expect(() => formatPlaceAndDate('  ', { year: 2024, month: 1, day: 1 })).toThrow(RangeError);
    expect(formatPlaceAndDate('Vĩnh Linh', { year: 2024, month: 2, day: 29 })).toContain('ngày 29 tháng 02');
  });

  it('takes the date in the contest’s time zone: 17:30 UTC on 5 December is 6 December in Vietnam', () => {
    expect(civilDateOf('2026-12-05T17:30:00Z', 'Asia/Ho_Chi_Minh')).toEqual({ year: 2026, month: 12, day: 6 });
  });

  it('has an English rendering', () => {
    expect(formatPlaceAndDateEn('Vinh Linh', { year: 2026, month: 12, day: 6 })).toBe('Vinh Linh, 6 December 2026');
  });
});

describe('number and symbol', () => {
  it('writes "Số: 15/QĐ-UBND", pads numbers below 10, and leaves a draft’s number blank', () => {
    expect(formatDocumentNumber(15, { type: 'quyet_dinh', body: 'UBND' })).toBe('Số: 15/QĐ-UBND');
    expect(formatDocumentNumber(7, { type: 'quyet_dinh', body: 'UBND', unit: 'NV' })).toBe('Số: 07/QĐ-UBND-NV');
    expect(formatDocumentNumber(123, { type: 'cong_van', body: 'UBND', unit: 'NV' })).toBe('Số: 123/UBND-NV');
    expect(formatDocumentNumber(null, { type: 'ke_hoach', body: 'UBND' })).toBe(`Số: ${'\u00a0'.repeat(8)}/KH-UBND`);
    expect(padDocumentNumber(1)).toBe('01');
    expect(() => padDocumentNumber(0)).toThrow(RangeError);
  });

  it('accepts Vietnamese capitals in symbols, NFD or not, and refuses lower case and spaces', () => {
    expect(formatSymbol({ type: 'quyet_dinh', body: 'VP-HĐND'.normalize('NFD') })).toBe('QĐ-VP-HĐND');
    expect(() => formatSymbol({ type: 'quyet_dinh', body: 'ubnd' })).toThrow();
    expect(() => formatSymbol({ type: 'quyet_dinh', body: 'UB ND' })).toThrow();
  });
});

describe('signature block', () => {
  it('sets TM., KT. and Q. as NĐ30 does', () => {
    expect(signatureLines({ collective: 'Ủy ban nhân dân', position: 'Chủ tịch', fullName: 'Thái Văn Thành' })).toEqual(
      { authority: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], fullName: 'Thái Văn Thành' },
    );
    expect(
      signatureLines({
        collective: 'Ủy ban nhân dân',
        signingFor: { kind: 'KT', headTitle: 'Chủ tịch' },
        position: 'Phó Chủ tịch',
        fullName: 'Lê Thị Ỷ'.normalize('NFD'),
      }),
    ).toEqual({ authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], fullName: 'Lê Thị Ỷ' });
    expect(signatureLines({ position: 'Giám đốc', acting: true, fullName: 'Trần Văn B' }).authority).toEqual([
      'Q. GIÁM ĐỐC',
    ]);
    expect(
      signatureLines({
        signingFor: { kind: 'TL', headTitle: 'Chủ tịch' },
        position: 'Chánh Văn phòng',
        fullName: 'Lê Văn C',
      }).authority,
    ).toEqual(['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG']);
  });

  it('refuses combinations NĐ30 does not use', () => {
    const tl = { kind: 'TL' as const, headTitle: 'Chủ tịch' };
    expect(signatureProblem({ collective: 'UBND', signingFor: tl, position: 'X', fullName: 'Ab' })).toBe(
      'delegationUnderCollective',
    );
    expect(signatureProblem({ acting: true, signingFor: tl, position: 'X', fullName: 'Ab' })).toBe(
      'actingSignsForHead',
    );
    expect(() => signatureLines({ acting: true, signingFor: tl, position: 'X', fullName: 'Ab' })).toThrow(RangeError);
  });
});

describe('header and document', () => {
  const body = {
    superior: 'UBND huyện Vĩnh Linh',
    nameLines: ['Ban Tổ chức cuộc thi'],
    abbr: 'BTC',
    place: 'Vĩnh Linh',
  };

  it('lays out the header: superior and body in capitals, number, national name, motto, place and date', () => {
    expect(
      headerModel({ body, symbol: { type: 'quyet_dinh' }, number: 3, date: { year: 2026, month: 12, day: 6 } }),
    ).toEqual({
      left: { superior: 'UBND HUYỆN VĨNH LINH', bodyLines: ['BAN TỔ CHỨC CUỘC THI'], number: 'Số: 03/QĐ-BTC' },
      right: {
        nationalName: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        motto: 'Độc lập - Tự do - Hạnh phúc',
        placeAndDate: 'Vĩnh Linh, ngày 06 tháng 12 năm 2026',
      },
    });
  });

  it('ends each recipient with ";" and the archive line with "."', () => {
    expect(recipientLines(['Như Điều 3', 'Sở Nội vụ;', 'TT Huyện ủy.'], ['VT', 'NV'])).toEqual([
      '- Như Điều 3;',
      '- Sở Nội vụ;',
      '- TT Huyện ủy;',
      '- Lưu: VT, NV.',
    ]);
  });

  it('builds a decision with the operative line and normalized text', () => {
    const doc = administrativeDocument({
      header: { body, symbol: { type: 'quyet_dinh' }, number: null, date: null, draftYear: 2026 },
      typeName: 'Quyết định',
      subject: 'Về việc thành lập Ban Giám khảo'.normalize('NFD'),
      issuerLine: 'Trưởng Ban Tổ chức cuộc thi',
      grounds: ['Căn cứ Kế hoạch số 45/KH-UBND ngày 15/3/2024 của UBND huyện;'],
      operative: true,
      articles: [{ label: 'Điều 1.', paragraphs: ['Thành lập Ban Giám khảo gồm các ông (bà) có tên sau:'] }],
      signature: { collective: 'Ban Tổ chức', position: 'Trưởng ban', fullName: 'Nguyễn Văn A' },
      recipients: ['Như Điều 3'],
      archive: ['VT'],
    });
    expect(doc.typeName).toBe('QUYẾT ĐỊNH');
    expect(doc.operativeLine).toBe('QUYẾT ĐỊNH:');
    expect(doc.subject).toBe('Về việc thành lập Ban Giám khảo');
    expect(doc.issuerLine).toBe('TRƯỞNG BAN TỔ CHỨC CUỘC THI');
    expect(doc.header.left.number).toBe(`Số: ${'\u00a0'.repeat(8)}/QĐ-BTC`);
    expect(doc.signature.authority).toEqual(['TM. BAN TỔ CHỨC', 'TRƯỞNG BAN']);
  });
});
