import { describe, expect, it } from 'vitest';
import { galleryPageSearch, hasFilters, parseGalleryQuery } from './gallery-query.ts';

describe('gallery query', () => {
  it('reads the filters from the address and writes them back unchanged', () => {
    const params = new URLSearchParams('q=ben%20do&form=skit&unit=12&topic=2');
    const q = parseGalleryQuery(params);
    expect(q).toEqual({ q: 'ben do', form: 'skit', unitId: 12, topicIndex: 1 });
    expect(galleryPageSearch(q).toString()).toBe('q=ben+do&form=skit&unit=12&topic=2');
    expect(hasFilters(q)).toBe(true);
  });

  it('drops what is not a filter', () => {
    expect(parseGalleryQuery(new URLSearchParams('form=toString&unit=-3&topic=0&q=%20%20&x=1'))).toEqual({});
    expect(parseGalleryQuery(new URLSearchParams('unit=1e3&topic=abc'))).toEqual({});
    expect(hasFilters({})).toBe(false);
    expect(galleryPageSearch({ q: '  ' }).toString()).toBe('');
  });

  it('keeps Vietnamese searches in NFC', () => {
    const decomposed = 'Be\u0302\u0301n đo\u0300';
    expect(parseGalleryQuery(new URLSearchParams({ q: decomposed })).q).toBe('Bến đò');
  });
});
