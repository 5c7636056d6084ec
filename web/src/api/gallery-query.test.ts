import { describe, expect, it } from 'vitest';
import { galleryApiQuery } from './gallery-query.ts';

describe('gallery API query', () => {
  it('asks the API for a page with its own parameter names', () => {
    expect(galleryApiQuery({ form: 'animation', unitId: 4, topicIndex: 0, q: 'xã' }, 1)).toBe(
      'form=animation&unitId=4&topicIndex=0&q=x%C3%A3',
    );
    expect(galleryApiQuery({}, 3)).toBe('page=3');
  });
});
