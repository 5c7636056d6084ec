import fs from 'node:fs';
import path from 'node:path';

/**
 * The web app's index.html, read once and again only when the file changes (a rebuild), for the client-side routes
 * and the share pages: every page load would otherwise cost a file open and read.
 */
export function spaIndex(webDir: string): () => string {
  const file = path.join(webDir, 'index.html');
  let cached: { mtimeMs: number; html: string } | null = null;
  let checkedAt = 0;
  return () => {
    const now = Date.now();
    // A stat per second at most: under load the page is served from memory.
    if (!cached || now - checkedAt > 1000) {
      checkedAt = now;
      const st = fs.statSync(file);
      if (!cached || cached.mtimeMs !== st.mtimeMs)
        cached = { mtimeMs: st.mtimeMs, html: fs.readFileSync(file, 'utf8') };
    }
    return cached.html;
  };
}
