import { describe, expect, it } from 'vitest';
import { foldVietnamese, nfc, normalizeEmail, normalizePhone } from './normalize.ts';

describe('foldVietnamese', () => {
  it('drops diacritics and case', () => {
    expect(foldVietnamese('Vĩnh Thái')).toBe('vinh thai');
    expect(foldVietnamese('Xã Vĩnh Thủy')).toBe('xa vinh thuy');
    expect(foldVietnamese('Ủy ban nhân dân')).toBe('uy ban nhan dan');
  });

  it('turns đ and Đ (which Unicode does not decompose) into d', () => {
    expect(foldVietnamese('Đông Hà')).toBe('dong ha');
    expect(foldVietnamese('ĐƠN VỊ')).toBe('don vi');
    expect(foldVietnamese('đường')).toBe('duong');
  });

  it('gives the same result for NFC and NFD input (as typed on macOS or pasted from Word)', () => {
    const nfd = 'Vĩnh Thái'.normalize('NFD');
    expect(nfd).not.toBe('Vĩnh Thái'.normalize('NFC'));
    expect(foldVietnamese(nfd)).toBe('vinh thai');
    expect(foldVietnamese('Đông Hà'.normalize('NFD'))).toBe('dong ha');
  });

  it('treats the old and new tone-mark placement alike (Hòa / Hoà)', () => {
    expect(foldVietnamese('Vĩnh Hòa')).toBe(foldVietnamese('Vĩnh Hoà'));
  });

  it('collapses and trims white space, tabs and non-breaking spaces included', () => {
    expect(foldVietnamese('  Xã   Vĩnh\tThái\u00a0 ')).toBe('xa vinh thai');
  });
});

describe('nfc', () => {
  it('composes decomposed text', () => {
    const nfd = 'Thị trấn Hồ Xá'.normalize('NFD');
    expect(nfc(nfd)).toBe('Thị trấn Hồ Xá'.normalize('NFC'));
    expect(nfc(nfd).length).toBeLessThan(nfd.length);
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases so that the same address always matches', () => {
    expect(normalizeEmail('  PhongNV.VinhLinh@QuangTri.gov.VN ')).toBe('phongnv.vinhlinh@quangtri.gov.vn');
  });

  it('composes Unicode so that NFC and NFD forms of one address are equal', () => {
    expect(normalizeEmail('Thái@Example.vn'.normalize('NFD'))).toBe(normalizeEmail('thái@example.vn'.normalize('NFC')));
  });
});

describe('normalizePhone', () => {
  it('accepts 11-digit landlines, as a commune office writes them', () => {
    expect(normalizePhone('0233 3863 123')).toBe('02333863123');
    expect(normalizePhone('+84 233 3863 123')).toBe('02333863123');
  });

  it('refuses a number with words around it, so a juror cannot slip past the roster check', () => {
    expect(normalizePhone('0905777888 (Zalo)')).toBeNull();
    expect(normalizePhone('0105777888')).toBeNull();
  });

  it.each([
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['(+84) 912 345 678', '0912345678'],
    ['0912345678', '0912345678'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['12345', '', '091234567', '09123456789', '849123456789', '+1 912 345 678', '0912abc678', '+840912345678'])(
    'rejects %j',
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );

  it('makes the three spellings of one number equal, so one person cannot register twice', () => {
    const forms = ['+84 912 345 678', '84912345678', '0912.345.678'].map(normalizePhone);
    expect(new Set(forms)).toEqual(new Set(['0912345678']));
  });
});
