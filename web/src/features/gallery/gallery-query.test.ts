import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../lib/format.ts';
import { galleryApiQuery, galleryPageSearch, hasFilters, parseGalleryQuery } from './gallery-query.ts';

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

  it('asks the API for a page with its own parameter names', () => {
    expect(galleryApiQuery({ form: 'animation', unitId: 4, topicIndex: 0, q: 'xã' }, 1)).toBe(
      'form=animation&unitId=4&topicIndex=0&q=x%C3%A3',
    );
    expect(galleryApiQuery({}, 3)).toBe('page=3');
  });
});

describe('formatDuration', () => {
  it('writes mm:ss, with hours only when needed', () => {
    expect(formatDuration(330)).toBe('05:30');
    expect(formatDuration(59.6)).toBe('01:00');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(0)).toBe('00:00');
  });

  it('is empty when the length is unknown', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
  });
});
