import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { payloadJson, seedQueries, type SsrPayload } from './payload.ts';

const payload = (queries: SsrPayload['queries']): SsrPayload => ({
  lang: 'vi',
  now: 1_000_000,
  origin: 'https://thi.vinhlinh.gov.vn',
  queries,
});

describe('the embedded page data', () => {
  it('cannot end its <script> element or open a comment, and reads back the same', () => {
    const p = payload([{ key: ['public-entry', 1], data: { title: '</script><script>alert(1)</script><!--' }, at: 0 }]);
    const json = payloadJson(p);
    expect(json).not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(json)).toEqual(p);
  });

  it('is dated by the browser clock, older by the page age and by how long before the render it was read', () => {
    const client = new QueryClient();
    const p = payload([
      { key: ['contest', 'vl'], data: { name: 'Vĩnh Linh' }, at: 1_000_000 - 4_000 },
      { key: ['news', 'vl'], data: [], at: 1_000_000 },
    ]);
    seedQueries(client, p, 2_500, 50_000_000);
    expect(client.getQueryData(['contest', 'vl'])).toEqual({ name: 'Vĩnh Linh' });
    expect(client.getQueryState(['contest', 'vl'])?.dataUpdatedAt).toBe(50_000_000 - 2_500 - 4_000);
    expect(client.getQueryState(['news', 'vl'])?.dataUpdatedAt).toBe(50_000_000 - 2_500);
  });
});
