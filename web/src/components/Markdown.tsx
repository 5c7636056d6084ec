import { parseMarkdown, type Inline } from '../lib/markdown.ts';

function Inlines({ content }: { content: Inline[] }) {
  return content.map((c, i) =>
    c.type === 'strong' ? <strong key={i}>{c.text}</strong> : <span key={i}>{c.text}</span>,
  );
}

/** Renders the organizer's rules text. Every piece of it is a React text node, so it is always escaped. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {parseMarkdown(source).map((b, i) => {
        switch (b.type) {
          case 'heading': {
            const H = b.level === 3 ? 'h4' : 'h3';
            return (
              <H key={i}>
                <Inlines content={b.content} />
              </H>
            );
          }
          case 'list':
            return (
              <ul key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>
                    <Inlines content={item} />
                  </li>
                ))}
              </ul>
            );
          case 'quote':
            return (
              <blockquote key={i}>
                {b.paragraphs.map((p, j) => (
                  <p key={j}>
                    <Inlines content={p} />
                  </p>
                ))}
              </blockquote>
            );
          case 'paragraph':
            return (
              <p key={i}>
                <Inlines content={b.content} />
              </p>
            );
        }
      })}
    </div>
  );
}
