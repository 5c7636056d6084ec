import { describe, expect, it } from 'vitest';
import { describeProblem } from './messages.ts';
import { maskPhone, MOBILE_PREFIXES, parseVietnameseMobile, RENUMBERED_PREFIXES } from './phone.ts';

const ok = (input: string) => {
  const r = parseVietnameseMobile(input);
  if (!r.ok) throw new Error(`refused ${input}: ${r.problem.code}`);
  return r;
};
const refusal = (input: string) => {
  const r = parseVietnameseMobile(input);
  if (r.ok) throw new Error(`accepted ${input}`);
  return r.problem;
};

describe('parseVietnameseMobile: accepted forms', () => {
  it.each([
    '0912345678',
    '0912 345 678',
    '0912.345.678',
    '0912-345-678',
    '+84912345678',
    '+84 912 345 678',
    '(+84) 912-345-678',
    '84912345678',
    '0084912345678',
    '+84 (0) 912 345 678',
    '０９１２３４５６７８',
    '912345678',
    ' 0912345678 ',
  ])('%s → +84912345678', (input) => {
    expect(ok(input)).toEqual({
      ok: true,
      e164: '+84912345678',
      national: '0912345678',
      last4: '5678',
      carrier: 'VinaPhone',
    });
  });

  it('accepts every current mobile prefix (03x, 05x, 07x, 08x, 09x)', () => {
    for (const prefix of Object.keys(MOBILE_PREFIXES)) {
      expect(prefix).toMatch(/^0[35789]\d$/);
      expect(ok(`${prefix}1234567`).e164).toBe(`+84${prefix.slice(1)}1234567`);
    }
  });
});

describe('parseVietnameseMobile: refusals with their reason', () => {
  it('refuses foreign numbers, in + and 00 forms', () => {
    expect(refusal('+1 415 555 0100').code).toBe('phone.foreign');
    expect(refusal('+855 12 345 678').code).toBe('phone.foreign');
    expect(refusal('0044 20 7946 0000').code).toBe('phone.foreign');
  });

  it('refuses service lines 1800 and 1900 in their 8- and 10-digit forms', () => {
    expect(refusal('1900 1234')).toEqual({ code: 'phone.service', params: { number: '19001234' } });
    expect(refusal('1800.123.456').code).toBe('phone.service');
    expect(refusal('1900 6789 01').code).toBe('phone.service');
  });

  it('refuses short codes such as hotlines and SMS services', () => {
    expect(refusal('113')).toEqual({ code: 'phone.short', params: { number: '113' } });
    expect(refusal('9029').code).toBe('phone.short');
    expect(refusal('8x77')).toEqual({ code: 'phone.format', params: {} });
  });

  it('refuses landlines (02x, 11 digits), naming the number', () => {
    expect(refusal('0233 3863 123')).toEqual({ code: 'phone.landline', params: { number: '02333863123' } });
    expect(refusal('+84 24 3825 1234').code).toBe('phone.landline');
  });

  it('tells the owner of an old 11-digit number what it became in 2018', () => {
    const p = refusal('0168 123 4567');
    expect(p).toEqual({ code: 'phone.oldPrefix', params: { old: '0168', number: '0381234567' } });
    expect(describeProblem(p, 'Asia/Ho_Chi_Minh').vi).toContain('số của bạn nay là 0381234567');
    for (const [old, now] of Object.entries(RENUMBERED_PREFIXES)) expect(MOBILE_PREFIXES[now], old).toBeDefined();
    expect(refusal('01301234567').code).toBe('phone.prefix');
  });

  it('refuses prefixes not allocated to mobiles', () => {
    expect(refusal('0951234567')).toEqual({ code: 'phone.prefix', params: { prefix: '095' } });
    expect(refusal('0501234567').code).toBe('phone.prefix');
    expect(refusal('0412345678').code).toBe('phone.prefix');
    expect(refusal('6123456789').code).toBe('phone.prefix');
  });

  it('refuses a wrong length, counting the digits', () => {
    expect(refusal('091234567')).toEqual({ code: 'phone.length', params: { digits: 9 } });
    expect(refusal('09123456789')).toEqual({ code: 'phone.length', params: { digits: 11 } });
  });

  it('refuses empty input and text that is not a number', () => {
    expect(refusal('   ').code).toBe('phone.empty');
    expect(refusal('0905777888 (Zalo)').code).toBe('phone.format');
    expect(refusal('09o5777888').code).toBe('phone.format');
    expect(refusal('+84+912345678').code).toBe('phone.format');
  });
});

describe('maskPhone', () => {
  it('shows the last four digits only', () => {
    expect(maskPhone('4567')).toBe('•••• •• 4567');
  });
});
