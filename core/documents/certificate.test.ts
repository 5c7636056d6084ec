import { describe, expect, it } from 'vitest';
import { recipientOf, type AwardedEntryFacts } from './awarded-entry.ts';
import { certificateModel } from './certificate.ts';
import { certificateNumber, certificateSeq, nextCertificateNumbers } from './certificate-number.ts';
import { fitText } from './fit-text.ts';
import {
  CODE_MAC_BYTES,
  certificatePayload,
  codeFromMac,
  codeFromUrl,
  formatCode,
  parseCode,
  verificationOutcome,
  verificationUrl,
  type CertificateFacts,
} from './verification-code.ts';

async function hmac(key: string, message: string): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const k = await crypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, enc.encode(message)));
}

const FACTS: CertificateFacts = {
  contestId: 1,
  number: '07/GCN-BTC',
  issuedOn: '2026-12-06',
  recipient: 'UBND xã Vĩnh Thái',
  entryCode: 'VL2024-007',
  prizeName: 'Giải Nhất',
};

describe('certificate numbers', () => {
  it('numbers from 01 per contest and year, after the highest used, never reusing one', () => {
    expect(certificateNumber(7, 'BTC')).toBe('07/GCN-BTC');
    expect(nextCertificateNumbers([], 3, 'BTC')).toEqual(['01/GCN-BTC', '02/GCN-BTC', '03/GCN-BTC']);
    expect(nextCertificateNumbers([1, 2, 5], 2, 'BTC')).toEqual(['06/GCN-BTC', '07/GCN-BTC']);
    expect(certificateSeq('12/GCN-BTC')).toBe(12);
    expect(certificateSeq('12/QĐ-BTC')).toBeNull();
  });
});

describe('verification code', () => {
  it('is 100 bits of the MAC in Crockford base32', () => {
    expect(codeFromMac(new Uint8Array(CODE_MAC_BYTES))).toBe('0'.repeat(20));
    expect(codeFromMac(new Uint8Array(CODE_MAC_BYTES).fill(0xff))).toBe('Z'.repeat(20));
    // 0x08 0x86 0x42 … : bits 00001 00010 00011 00100 …
    const bytes = Uint8Array.from([0x08, 0x86, 0x42, 0x98, 0xe8, 0x4a, 0x96, 0xc6, 0xb9, 0xf0, 0x8c, 0xa7, 0x4a]);
    expect(codeFromMac(bytes).slice(0, 12)).toBe('123456789ABC');
    expect(() => codeFromMac(new Uint8Array(12))).toThrow(RangeError);
  });

  it('comes from the HMAC of the payload: same facts, same code; any fact changed, another code', async () => {
    const code = codeFromMac(await hmac('server secret', certificatePayload(FACTS)));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    expect(codeFromMac(await hmac('server secret', certificatePayload({ ...FACTS })))).toBe(code);
    for (const altered of [
      { ...FACTS, number: '08/GCN-BTC' },
      { ...FACTS, recipient: 'UBND xã Vĩnh Thủy' },
      { ...FACTS, prizeName: 'Giải Nhì' },
    ])
      expect(codeFromMac(await hmac('server secret', certificatePayload(altered)))).not.toBe(code);
    expect(codeFromMac(await hmac('another secret', certificatePayload(FACTS)))).not.toBe(code);
  });

  it('vouches for the printed text: NFD input gives the same payload as NFC', () => {
    expect(certificatePayload({ ...FACTS, recipient: FACTS.recipient.normalize('NFD') })).toBe(
      certificatePayload(FACTS),
    );
    expect(certificatePayload(FACTS)).toBe(
      '["certificate/v1",1,"07/GCN-BTC","2026-12-06","UBND xã Vĩnh Thái","VL2024-007","Giải Nhất"]',
    );
  });

  it('is printed in groups and read back however it was typed', () => {
    const code = 'K3QF9XDA7M2PWT4EB8NC';
    expect(formatCode(code)).toBe('K3QF-9XDA-7M2P-WT4E-B8NC');
    expect(parseCode('k3qf-9xda 7m2p-wt4e-b8nc')).toBe(code);
    expect(parseCode('K3QF9XDA7M2PWT4EB8NO')).toBe('K3QF9XDA7M2PWT4EB8N0');
    expect(parseCode('K3QF9XDA7M2PWT4EB8NU')).toBeNull();
    expect(parseCode('K3QF9XDA')).toBeNull();
  });

  it('puts a short URL in the QR code and reads the code back from a scanned one', () => {
    const url = verificationUrl('https://cuocthi.vinhlinh.gov.vn/', 'K3QF9XDA7M2PWT4EB8NC');
    expect(url).toBe('https://cuocthi.vinhlinh.gov.vn/v/K3QF9XDA7M2PWT4EB8NC');
    expect(codeFromUrl('https://cuocthi.vinhlinh.gov.vn', url)).toBe('K3QF9XDA7M2PWT4EB8NC');
    expect(codeFromUrl('https://cuocthi.vinhlinh.gov.vn', 'https://evil.example/v/K3QF9XDA7M2PWT4EB8NC')).toBeNull();
    expect(() => verificationUrl('/relative', 'X')).toThrow(RangeError);
  });

  it('tells genuine, revoked, unknown, altered, and a forged number apart', () => {
    const code = 'K3QF9XDA7M2PWT4EB8NC';
    const stored = { number: '07/GCN-BTC', revoked: false };
    expect(verificationOutcome(code, stored, code)).toEqual({ kind: 'genuine', revoked: false, numberMatches: null });
    expect(verificationOutcome(code, stored, code, 'Số: 07/GCN-BTC')).toMatchObject({ numberMatches: true });
    expect(verificationOutcome(code, stored, code, '01/GCN-BTC')).toMatchObject({ numberMatches: false });
    expect(verificationOutcome(code, { ...stored, revoked: true }, code)).toMatchObject({ revoked: true });
    expect(verificationOutcome(code, null, null)).toEqual({ kind: 'unknown' });
    expect(verificationOutcome(code, stored, 'ZZZZ9XDA7M2PWT4EB8NC')).toEqual({ kind: 'altered' });
  });
});

describe('certificate model', () => {
  const body = {
    superior: 'UBND huyện Vĩnh Linh',
    nameLines: ['Ban Tổ chức cuộc thi'],
    abbr: 'BTC',
    place: 'Vĩnh Linh',
  };
  const group: AwardedEntryFacts = {
    entryId: 7,
    code: 'VL2024-007',
    title: 'Dịch vụ công trực tuyến – gần dân, vì dân'.normalize('NFD'),
    unit: null,
    isGroup: true,
    groupName: 'Nhóm Tuổi trẻ Cửa Tùng',
    authors: [
      { fullName: 'Nguyễn Thị Ỷ'.normalize('NFD'), unitName: 'Đoàn xã Vĩnh Thái' },
      { fullName: 'Lê Văn Hưởng', unitName: '' },
    ],
  };

  it('credits a unit, a group with its members, or a person with their workplace', () => {
    expect(recipientOf(group)).toEqual({
      kind: 'group',
      name: 'Nhóm Tuổi trẻ Cửa Tùng',
      members: ['Nguyễn Thị Ỷ', 'Lê Văn Hưởng'],
      unitName: 'Đoàn xã Vĩnh Thái',
    });
    expect(recipientOf({ ...group, isGroup: false, authors: group.authors.slice(0, 1) })).toMatchObject({
      kind: 'person',
      name: 'Nguyễn Thị Ỷ',
      unitName: 'Đoàn xã Vĩnh Thái',
    });
    expect(recipientOf({ ...group, unit: { id: 3, name: 'UBND xã Vĩnh Thái' } })).toMatchObject({
      kind: 'unit',
      name: 'UBND xã Vĩnh Thái',
    });
    expect(() => recipientOf({ ...group, isGroup: false, authors: [] })).toThrow(RangeError);
  });

  it('holds every line of the certificate in NFC, with the number, date and verification code', () => {
    const m = certificateModel({
      issuingBody: body,
      contestName: 'Xây dựng video clip, phóng sự tuyên truyền cải cách hành chính năm 2024',
      number: '07/GCN-BTC',
      date: { year: 2026, month: 12, day: 6 },
      recipient: recipientOf(group),
      entryTitle: group.title,
      prizeName: 'Giải Nhất',
      signature: { collective: 'Ban Tổ chức', position: 'Trưởng ban', fullName: 'Thái Văn Thành' },
      verification: { url: 'https://x.gov.vn/v/K3QF9XDA7M2PWT4EB8NC', code: 'K3QF9XDA7M2PWT4EB8NC' },
    });
    expect(m.header.bodyLines).toEqual(['BAN TỔ CHỨC CUỘC THI']);
    expect(m.number).toBe('Số: 07/GCN-BTC');
    expect(m.recipientName).toBe('Nhóm Tuổi trẻ Cửa Tùng');
    expect(m.recipientDetails).toEqual(['Gồm các tác giả: Nguyễn Thị Ỷ, Lê Văn Hưởng', 'Đơn vị: Đoàn xã Vĩnh Thái']);
    expect(m.entryLine).toBe('Tác phẩm: “Dịch vụ công trực tuyến – gần dân, vì dân”');
    expect(m.achievementLine).toBe('Đã đạt Giải Nhất');
    expect(m.placeAndDate).toBe('Vĩnh Linh, ngày 06 tháng 12 năm 2026');
    expect(m.verification.code).toBe('K3QF-9XDA-7M2P-WT4E-B8NC');
    const all = JSON.stringify(m);
    expect(all).toBe(all.normalize('NFC'));
  });
});

describe('fitting a long name', () => {
  // A stand-in for a font: every character half the size wide.
  const measure = (t: string, size: number) => [...t].length * size * 0.5;

  it('keeps the largest size at which the text takes the lines allowed', () => {
    expect(fitText('UBND xã Vĩnh Thái', { maxWidth: 300, maxLines: 2, sizes: [26, 20, 16] }, measure)).toEqual({
      size: 26,
      lines: ['UBND xã Vĩnh Thái'],
      fits: true,
    });
    const long = 'Trung tâm Văn hóa - Thông tin và Thể thao huyện Vĩnh Linh, tỉnh Quảng Trị';
    // 74 characters: three lines at 26 pt, two at 20 pt.
    const f = fitText(long, { maxWidth: 400, maxLines: 2, sizes: [26, 20, 16] }, measure);
    expect(f.size).toBe(20);
    expect(f.lines).toHaveLength(2);
    expect(f.lines.join(' ')).toBe(long);
    for (const l of f.lines) expect(measure(l, f.size)).toBeLessThanOrEqual(400);
  });

  it('says when even the smallest size overflows, keeping all the text', () => {
    const f = fitText('x'.repeat(80), { maxWidth: 300, maxLines: 2, sizes: [26, 16] }, measure);
    expect(f).toEqual({ size: 16, lines: ['x'.repeat(80)], fits: false });
  });
});
