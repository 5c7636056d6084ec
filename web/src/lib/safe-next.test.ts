import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext', () => {
  it('follows paths of this site only', () => {
    expect(safeNext('/manage/vinh-linh-2024/settings')).toBe('/manage/vinh-linh-2024/settings');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null, '/account')).toBe('/account');
  });
});
