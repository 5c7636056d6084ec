import { describe, expect, it } from 'vitest';
import type { PublicationRow } from '../../../api/types.ts';
import { publicPath, publishCandidates, skippedByReason } from './publish-summary.ts';

const row = (entryId: number, over: Partial<PublicationRow> = {}): PublicationRow => ({
  entryId,
  code: `VL-${entryId}`,
  title: `Tác phẩm ${entryId}`,
  unitName: null,
  reviewStatus: 'approved',
  ready: true,
  state: 'unpublished',
  caption: null,
  publishedAt: null,
  unpublishReason: null,
  publicUrl: null,
  ...over,
});

describe('skippedByReason', () => {
  it('groups skipped entries by reason, not ready first, and names them by code and title', () => {
    const rows = [row(1), row(2, { code: null }), row(3), row(4)];
    const groups = skippedByReason(
      {
        published: [1],
        skipped: [
          { entryId: 4, code: 'VL-4', reason: 'alreadyPublished' },
          { entryId: 2, code: null, reason: 'notReady' },
          { entryId: 3, code: 'VL-3', reason: 'notReady' },
        ],
      },
      rows,
    );
    expect(groups).toEqual([
      {
        reason: 'notReady',
        entries: [
          { entryId: 2, label: 'Tác phẩm 2' },
          { entryId: 3, label: 'VL-3 — Tác phẩm 3' },
        ],
      },
      { reason: 'alreadyPublished', entries: [{ entryId: 4, label: 'VL-4 — Tác phẩm 4' }] },
    ]);
  });

  it('names an entry missing from the list by its number', () => {
    expect(
      skippedByReason({ published: [], skipped: [{ entryId: 9, code: null, reason: 'notApproved' }] }, []),
    ).toEqual([{ reason: 'notApproved', entries: [{ entryId: 9, label: '#9' }] }]);
  });

  it('is empty when nothing was skipped', () => {
    expect(skippedByReason({ published: [1], skipped: [] }, [row(1)])).toEqual([]);
  });
});

describe('publishCandidates', () => {
  it('keeps approved entries that are not in the gallery now', () => {
    const rows = [
      row(1),
      row(2, { state: 'published' }),
      row(3, { state: 'withdrawn' }),
      row(4, { reviewStatus: 'rejected', state: 'withdrawn' }),
    ];
    expect(publishCandidates(rows).map((r) => r.entryId)).toEqual([1, 3]);
  });
});

describe('publicPath', () => {
  it('keeps the path of the server’s link', () => {
    expect(publicPath('https://cuocthi.example.vn/c/vinh-linh-2024/e/7')).toBe('/c/vinh-linh-2024/e/7');
  });
  it('leaves a path as it is', () => {
    expect(publicPath('/c/x/e/1')).toBe('/c/x/e/1');
  });
});
