import { describe, expect, it } from 'vitest';
import { isStrongEnough, MIN_PASSWORD_LENGTH, registerSchema } from './account.ts';

describe('isStrongEnough', () => {
  it('requires at least 10 characters', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(isStrongEnough('123456789')).toBe(false);
    expect(isStrongEnough('1234567890')).toBe(true);
    expect(isStrongEnough('')).toBe(false);
  });

  it('counts a Vietnamese letter once even when typed decomposed (NFD)', () => {
    // 9 letters; in NFD the tone marks make it 12 code units.
    const nfd = 'mậtkhẩuổn'.normalize('NFD');
    expect(nfd.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
    expect(isStrongEnough(nfd)).toBe(false);
    expect(isStrongEnough('mậtkhẩuổn1'.normalize('NFD'))).toBe(true);
  });

  it('counts a character outside the BMP (an emoji) once, not as two UTF-16 units', () => {
    const s = '12345678😀'; // 9 characters, 10 UTF-16 units
    expect(s.length).toBe(10);
    expect(isStrongEnough(s)).toBe(false);
    expect(isStrongEnough('123456789😀')).toBe(true);
  });

  it('counts spaces as characters (pass phrases are allowed)', () => {
    expect(isStrongEnough('a b c d e ')).toBe(true);
  });
});

describe('registerSchema', () => {
  it('defaults the language to Vietnamese and trims the name', () => {
    expect(registerSchema.parse({ fullName: '  Nguyễn Văn A ', password: 'x' })).toEqual({
      fullName: 'Nguyễn Văn A',
      password: 'x',
      locale: 'vi',
    });
  });

  it('rejects an invalid e-mail and an unknown language', () => {
    expect(registerSchema.safeParse({ fullName: 'Nguyễn Văn A', password: 'x', email: 'a@' }).success).toBe(false);
    expect(registerSchema.safeParse({ fullName: 'Nguyễn Văn A', password: 'x', locale: 'fr' }).success).toBe(false);
  });
});
