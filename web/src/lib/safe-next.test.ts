import { describe, expect, it } from 'vitest';
import { nextQuery, safeNext } from './safe-next.ts';

describe('safeNext', () => {
  it('follows paths of this site only', () => {
    expect(safeNext('/manage/vinh-linh-2024/settings')).toBe('/manage/vinh-linh-2024/settings');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null, '/account')).toBe('/account');
  });
});

describe('nextQuery', () => {
  it('carries a destination from log-in to registration and back, encoded, and leaves the home page out', () => {
    expect(nextQuery('/c/vinh-linh-2024/submit', '?')).toBe('?next=%2Fc%2Fvinh-linh-2024%2Fsubmit');
    expect(nextQuery('/c/x/submit?a=1&b=2')).toBe('&next=%2Fc%2Fx%2Fsubmit%3Fa%3D1%26b%3D2');
    expect(nextQuery('/')).toBe('');
    expect(safeNext(new URLSearchParams(nextQuery('/c/x/submit', '?')).get('next'))).toBe('/c/x/submit');
  });
});
