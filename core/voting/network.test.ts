import { describe, expect, it } from 'vitest';
import { canonicalIp, networkOf, parseIp } from './network.ts';

describe('networkOf', () => {
  it('puts an IPv4 address in its /24', () => {
    expect(networkOf('203.113.45.7')).toBe('203.113.45.0/24');
    expect(networkOf('127.0.0.1')).toBe('127.0.0.0/24');
  });

  it('puts an IPv6 address in its /64, whatever way it is written', () => {
    expect(networkOf('2001:db8:abcd:12::1')).toBe('2001:db8:abcd:12::/64');
    expect(networkOf('2001:0DB8:ABCD:0012:0000:0000:0000:0001')).toBe('2001:db8:abcd:12::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('reads an IPv4-mapped IPv6 address as IPv4', () => {
    expect(networkOf('::ffff:203.113.45.7')).toBe('203.113.45.0/24');
    expect(canonicalIp('::ffff:cb71:2d07')).toBe('203.113.45.7');
  });

  it('returns null for text that is not an address', () => {
    for (const bad of [
      '',
      'localhost',
      '256.1.1.1',
      '1.2.3',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      'g::1',
      '::ffff:1.2.3.999',
    ]) {
      expect(networkOf(bad), bad).toBeNull();
    }
  });
});

describe('parseIp / canonicalIp', () => {
  it('expands :: in any place', () => {
    expect(parseIp('::')).toEqual({ version: 6, parts: [0, 0, 0, 0, 0, 0, 0, 0] });
    expect(parseIp('1::')).toEqual({ version: 6, parts: [1, 0, 0, 0, 0, 0, 0, 0] });
    expect(parseIp('::2')).toEqual({ version: 6, parts: [0, 0, 0, 0, 0, 0, 0, 2] });
    expect(parseIp('1:2:3:4:5:6:7:8')).toEqual({ version: 6, parts: [1, 2, 3, 4, 5, 6, 7, 8] });
    expect(parseIp('1:2:3:4:5:6:7::')).toEqual({ version: 6, parts: [1, 2, 3, 4, 5, 6, 7, 0] });
  });

  it('reads an IPv6 address ending in a dotted quad', () => {
    expect(parseIp('64:ff9b::192.0.2.33')).toEqual({ version: 6, parts: [0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x221] });
  });

  it('gives one text per address', () => {
    expect(canonicalIp('2001:DB8::0001')).toBe('2001:db8:0:0:0:0:0:1');
    expect(canonicalIp(' 10.0.0.1 ')).toBe('10.0.0.1');
    expect(canonicalIp('nope')).toBeNull();
  });
});
