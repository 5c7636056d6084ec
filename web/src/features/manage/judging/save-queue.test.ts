import { describe, expect, it } from 'vitest';
import { keepPending, pendingSave, settlePending } from './save-queue.ts';

function memory() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    size: () => m.size,
  };
}

const sheet = (v: number) => ({ values: { c1: v }, comments: {}, abstain: null, note: '' });

describe('pending saves', () => {
  it('keeps the latest sheet per entry and forgets it once sent', () => {
    const s = memory();
    keepPending(s, 1, 'P-101', { baseVersion: 2, sheet: sheet(7) });
    keepPending(s, 1, 'P-101', { baseVersion: 2, sheet: sheet(8) });
    keepPending(s, 1, 'P-102', { baseVersion: 0, sheet: sheet(5) });
    expect(pendingSave(s, 1, 'P-101')).toEqual({ baseVersion: 2, sheet: sheet(8) });
    settlePending(s, 1, 'P-101', { baseVersion: 2, sheet: sheet(8) });
    expect(pendingSave(s, 1, 'P-101')).toBeNull();
    expect(pendingSave(s, 1, 'P-102')).not.toBeNull();
  });

  it('keeps a newer change typed while an older one was being sent', () => {
    const s = memory();
    const sent = { baseVersion: 1, sheet: sheet(6) };
    keepPending(s, 3, 'P-900', sent);
    keepPending(s, 3, 'P-900', { baseVersion: 1, sheet: sheet(9) });
    settlePending(s, 3, 'P-900', sent);
    expect(pendingSave(s, 3, 'P-900')?.sheet.values.c1).toBe(9);
  });

  it('ignores what is not a pending save', () => {
    const s = memory();
    s.setItem('judging-pending:1:P-1', '{not json');
    expect(pendingSave(s, 1, 'P-1')).toBeNull();
  });
});
