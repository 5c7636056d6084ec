import { describe, expect, it } from 'vitest';
import { compareVersions, findKnownBad, satisfies } from './version-ranges.ts';

describe('version ranges', () => {
  it('compares numerically, pre-releases before their release', () => {
    expect(compareVersions('7.0.10', '7.0.9')).toBe(1);
    expect(compareVersions('10.1.11', '10.1.2')).toBe(1);
    expect(compareVersions('1.0.0-rc.2', '1.0.0')).toBe(-1);
    expect(compareVersions('1.0.0-rc.2', '1.0.0-rc.10')).toBe(-1);
    expect(compareVersions('1.0.0-alpha', '1.0.0-1')).toBe(1);
    expect(compareVersions('v2.0.0', '2.0.0+build.5')).toBe(0);
  });

  it('matches upper bounds, intervals, alternatives and exact versions', () => {
    expect(satisfies('7.0.6', '<7.0.7')).toBe(true);
    expect(satisfies('7.0.7', '<7.0.7')).toBe(false);
    expect(satisfies('7.0.11-beta.1', '<7.0.11')).toBe(true);
    expect(satisfies('9.1.0', '<=9.1.0')).toBe(true);
    expect(satisfies('10.0.4', '>=9.1.0 <10.0.5')).toBe(true);
    expect(satisfies('9.0.9', '>=9.1.0 <10.0.5')).toBe(false);
    expect(satisfies('6.9.0', '<6.4.16 || >=6.9.0 <6.9.1')).toBe(true);
    expect(satisfies('6.5.0', '<6.4.16 || >=6.9.0 <6.9.1')).toBe(false);
    expect(satisfies('1.2.3', '1.2.3')).toBe(true);
    expect(satisfies('1.2.4', '=1.2.3')).toBe(false);
  });

  it('refuses a range or version it cannot read instead of passing it', () => {
    expect(() => satisfies('1.2.3', '<seven')).toThrow(/not a version/);
    expect(() => satisfies('1.2', '<2.0.0')).toThrow(/not a version/);
    expect(() => satisfies('1.2.3', ' || ')).toThrow(/empty range/);
  });

  it('finds installed copies, nested ones included, that the list names', () => {
    const list = [
      { package: 'nodemailer', range: '<7.0.7', advisory: 'GHSA-mm7p-fcc7-pg87', summary: 'x' },
      { package: '@fastify/static', range: '<=9.1.0', advisory: 'GHSA-x428-ghpx-8j92', summary: 'y' },
    ];
    const found = findKnownBad(
      [
        { name: 'nodemailer', version: '10.6.1', location: 'node_modules/nodemailer' },
        { name: 'nodemailer', version: '6.9.16', location: 'node_modules/x/node_modules/nodemailer' },
        { name: '@fastify/static', version: '10.1.11', location: 'node_modules/@fastify/static' },
      ],
      list,
    );
    expect(found.map((f) => `${f.installed.location} ${f.bad.advisory}`)).toEqual([
      'node_modules/x/node_modules/nodemailer GHSA-mm7p-fcc7-pg87',
    ]);
  });
});
