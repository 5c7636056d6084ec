/**
 * The HTML around a server-rendered page, made from the built index.html (docs/decisions/0046): its stylesheet
 * link is replaced by the page's CSS inline (public.css and the page chunk's own: about 3 KB compressed, and no
 * request that blocks the first paint), the rendered markup goes into <div id="root">, the page's data into a JSON
 * <script> that never runs, and the module script with its preloads after them: it hydrates the page once loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PAYLOAD_ELEMENT_ID } from '../../../web/src/ssr/payload.ts';
import { escapeHtml } from '../share-page.ts';

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface ShellParts {
  lang: string;
  title: string;
  /** Extra tags for the head (an entry's share preview). */
  headTags: string;
  body: string;
  payloadJson: string;
}

export interface PageShell {
  /** The whole page for `module` (the page's source module as the build's manifest names it). */
  page(module: string, parts: ShellParts): string;
}

const STYLESHEET = /\s*<link rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/g;
const SCRIPTS = /\s*(?:<script type="module"[^>]*><\/script>|<link rel="modulepreload"[^>]*>)/g;

/** The CSS files a chunk brings, with those of the chunks it imports (the entry's own excluded). */
function cssOf(manifest: Manifest, key: string, seen = new Set<string>()): string[] {
  if (seen.has(key) || key === 'index.html') return [];
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) return [];
  return [...(chunk.css ?? []), ...(chunk.imports ?? []).flatMap((k) => cssOf(manifest, k, seen))];
}

export function loadPageShell(webDir: string): PageShell {
  const index = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const manifest = JSON.parse(fs.readFileSync(path.join(webDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const read = (file: string) => fs.readFileSync(path.join(webDir, file.replace(/^\//, '')), 'utf8');
  const entryCss = [...index.matchAll(STYLESHEET)].map((m) => read(m[1]!)).join('\n');
  // The scripts go after the page's content: on a slow line, found in the head they would share the bandwidth with
  // the rest of the page and its first posters, which they are not needed for.
  const scripts = [...index.matchAll(SCRIPTS)].map((m) => m[0].trim()).join('\n    ');
  const withoutLinks = index
    .replace(STYLESHEET, '')
    .replace(SCRIPTS, '')
    // The page works without JavaScript.
    .replace(/\s*<noscript>[\s\S]*?<\/noscript>/, '');
  const inlineCss = new Map<string, string>();
  const styleOf = (module: string) => {
    let css = inlineCss.get(module);
    if (css === undefined) {
      css = [entryCss, ...[...new Set(cssOf(manifest, module))].map(read)].join('\n');
      inlineCss.set(module, css);
    }
    return css;
  };
  return {
    page(module, parts) {
      // Replacer functions: a replacement string would read `$&` or `` $` `` in the page's text as patterns.
      return withoutLinks
        .replace('<html lang="vi">', () => `<html lang="${parts.lang}">`)
        .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(parts.title)}</title>`)
        .replace('</head>', () => `${parts.headTags}<style>${styleOf(module)}</style>\n  </head>`)
        .replace(
          '<div id="root"></div>',
          () =>
            `<div id="root">${parts.body}</div>\n    ` +
            `<script type="application/json" id="${PAYLOAD_ELEMENT_ID}">${parts.payloadJson}</script>\n    ` +
            scripts,
        );
    },
  };
}
