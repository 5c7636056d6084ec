import { describe, expect, it } from 'vitest';
import { randomToken } from '../../server/security/tokens.ts';

describe('randomToken', () => {
  it('gives distinct base64url tokens of the asked size, across refills of its pool of random bytes', () => {
    const seen = new Set<string>();
    // 4 KB pools of 32-byte tokens: 1,000 tokens span several refills.
    for (let i = 0; i < 1000; i++) {
      const t = randomToken();
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(t);
    }
    expect(seen.size).toBe(1000);
    expect(Buffer.from(randomToken(16), 'base64url')).toHaveLength(16);
    expect(Buffer.from(randomToken(5000), 'base64url')).toHaveLength(5000);
  });
});
