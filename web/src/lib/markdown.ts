/**
 * The small Markdown subset that contest rules use: headings (#, ##, ###), lists (- or *), > quotes, **bold** and
 * paragraphs. It yields a tree of plain strings, which React escapes when it renders them: no HTML is ever produced
 * from the organizer's text.
 */

export type Inline = { type: 'text'; text: string } | { type: 'strong'; text: string };

type Block =
  | { type: 'heading'; level: 1 | 2 | 3; content: Inline[] }
  | { type: 'list'; items: Inline[][] }
  | { type: 'quote'; paragraphs: Inline[][] }
  | { type: 'paragraph'; content: Inline[] };

/** Splits `**bold**` runs out of a line; an unmatched `**` stays as text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*(.+?)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ type: 'text', text: text.slice(last, m.index) });
    out.push({ type: 'strong', text: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

const HEADING = /^(#{1,6})\s+(.*)$/;
const ITEM = /^[-*]\s+(.*)$/;
const QUOTE = /^>\s?(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.normalize('NFC').replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: Inline[][] | null = null;
  let quote: string[] | null = null;

  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', content: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ type: 'list', items: list });
    if (quote) blocks.push({ type: 'quote', paragraphs: splitParagraphs(quote).map(parseInline) });
    paragraph = [];
    list = null;
    quote = null;
  };

  for (const raw of lines) {
    const line = raw.trim();
    const q = QUOTE.exec(line);
    if (q) {
      if (!quote) flush();
      (quote ??= []).push(q[1]!.trim());
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      if (!list) flush();
      (list ??= []).push(parseInline(item[1]!.trim()));
      continue;
    }
    const h = HEADING.exec(line);
    if (!line || h || list || quote) flush();
    if (h)
      blocks.push({
        type: 'heading',
        level: Math.min(h[1]!.length, 3) as 1 | 2 | 3,
        content: parseInline(h[2]!.trim()),
      });
    else if (line) paragraph.push(line);
  }
  flush();
  return blocks;
}

/** Lines of a quote, grouped into paragraphs at blank lines (`>` alone). */
function splitParagraphs(lines: string[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (l) cur.push(l);
    else if (cur.length) {
      out.push(cur.join(' '));
      cur = [];
    }
  }
  if (cur.length) out.push(cur.join(' '));
  return out;
}
