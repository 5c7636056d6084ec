import { describe, expect, it } from 'vitest';
import { reviewQueueQuery } from './review-queue-query.ts';

describe('review queue query', () => {
  it('sends only the filters that are set, the search trimmed and encoded', () => {
    expect(reviewQueueQuery({})).toBe('');
    expect(reviewQueueQuery({ q: '   ' })).toBe('');
    expect(reviewQueueQuery({ q: ' vinh linh ', reviewStatus: 'disputed', unitId: 7, form: 'report' })).toBe(
      '?q=vinh+linh&reviewStatus=disputed&unitId=7&form=report',
    );
    expect(reviewQueueQuery({ q: 'Phóng sự & "số hóa"' })).toBe(
      `?q=${new URLSearchParams({ q: 'Phóng sự & "số hóa"' }).toString().slice(2)}`,
    );
  });
});
