import { describe, expect, it } from 'vitest';
import { embedSnippet, entryPageUrl, facebookShareUrl } from './share.ts';

describe('share links', () => {
  it('point at the entry page, encoded for Facebook', () => {
    const url = entryPageUrl('https://thi.vinhlinh.gov.vn', 'vinh-linh-2024', 12);
    expect(url).toBe('https://thi.vinhlinh.gov.vn/c/vinh-linh-2024/e/12');
    expect(facebookShareUrl(url)).toBe(
      'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fthi.vinhlinh.gov.vn%2Fc%2Fvinh-linh-2024%2Fe%2F12',
    );
  });

  it('embed the player in an iframe whose title cannot break out of its attribute', () => {
    const html = embedSnippet('https://thi.vinhlinh.gov.vn', 7, 'Phố "cổ" <Hồ Xá> & bến đò');
    expect(html).toContain('src="https://thi.vinhlinh.gov.vn/embed/7"');
    expect(html).toContain('title="Phố &quot;cổ&quot; &lt;Hồ Xá&gt; &amp; bến đò"');
    expect(html.startsWith('<iframe ')).toBe(true);
    expect(html.endsWith('></iframe>')).toBe(true);
  });
});
