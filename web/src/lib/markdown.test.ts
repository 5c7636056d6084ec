import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown.ts';

describe('parseMarkdown', () => {
  it('reads headings, lists, quotes and paragraphs', () => {
    const md =
      '> **Dữ liệu mẫu.** Dùng thử\n> tiếp\n\n## Đối tượng\n- Một **01**\n- Hai\nĐoạn một\ndòng hai\n\n### Nhỏ\nCuối';
    expect(parseMarkdown(md)).toEqual([
      {
        type: 'quote',
        paragraphs: [
          [
            { type: 'strong', text: 'Dữ liệu mẫu.' },
            { type: 'text', text: ' Dùng thử tiếp' },
          ],
        ],
      },
      { type: 'heading', level: 2, content: [{ type: 'text', text: 'Đối tượng' }] },
      {
        type: 'list',
        items: [
          [
            { type: 'text', text: 'Một ' },
            { type: 'strong', text: '01' },
          ],
          [{ type: 'text', text: 'Hai' }],
        ],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'Đoạn một dòng hai' }] },
      { type: 'heading', level: 3, content: [{ type: 'text', text: 'Nhỏ' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Cuối' }] },
    ]);
  });

  it('keeps markup it does not know as plain text, HTML included', () => {
    expect(parseMarkdown('<script>alert(1)</script> **a')).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script> **a' }] },
    ]);
  });

  it('caps heading depth and normalizes to NFC', () => {
    const decomposed = 'Vi\u0303nh'; // "Vĩnh" with a combining tilde
    const [h] = parseMarkdown(`###### ${decomposed}`);
    expect(h).toEqual({ type: 'heading', level: 3, content: [{ type: 'text', text: 'Vĩnh' }] });
  });

  it('splits a quote into paragraphs at an empty quoted line', () => {
    expect(parseMarkdown('> a\n>\n> b')).toEqual([
      { type: 'quote', paragraphs: [[{ type: 'text', text: 'a' }], [{ type: 'text', text: 'b' }]] },
    ]);
  });

  it('parses several bold runs in one line', () => {
    expect(parseInline('**a** và **b**')).toEqual([
      { type: 'strong', text: 'a' },
      { type: 'text', text: ' và ' },
      { type: 'strong', text: 'b' },
    ]);
  });
});
