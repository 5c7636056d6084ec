import { describe, expect, it } from 'vitest';
import { CONSENT_PURPOSE as CORE_CONSENT_PURPOSE } from '@core/entry.ts';
import { CONSENT_PURPOSE, openDrafts } from './draft.ts';

describe('the consent on the entry form', () => {
  it('states the purpose in the very words the server records with the consent', () => {
    expect(CONSENT_PURPOSE).toEqual(CORE_CONSENT_PURPOSE);
  });
});

describe('the drafts "Nộp tác phẩm" offers to continue', () => {
  const entry = (id: number, status: string, contestSlug: string, updatedAt: string) => ({
    id,
    status,
    contestSlug,
    updatedAt,
  });

  it('are the drafts of this contest, the one worked on last first; submitted ones and other contests stay out', () => {
    const mine = [
      entry(1, 'draft', 'vinh-linh-2024', '2026-12-01T02:00:00.000Z'),
      entry(2, 'submitted', 'vinh-linh-2024', '2026-12-05T02:00:00.000Z'),
      entry(3, 'draft', 'gio-linh-2025', '2026-12-06T02:00:00.000Z'),
      entry(4, 'draft', 'vinh-linh-2024', '2026-12-03T02:00:00.000Z'),
    ];
    expect(openDrafts(mine, 'vinh-linh-2024').map((e) => e.id)).toEqual([4, 1]);
    expect(openDrafts(mine, 'cam-lo-2026')).toEqual([]);
    expect(mine.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });
});
