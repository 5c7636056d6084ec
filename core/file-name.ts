/**
 * The name of an uploaded file as the app shows and exports it. Browsers and tus clients send whatever name they
 * like (`../../etc/passwd`, NUL, CR/LF, a right-to-left override that turns `gpj.exe` around); the name as sent is
 * kept only in the entry's history, and everything the app shows, prints or offers as a download name is this one.
 */

export const MAX_FILE_NAME_CHARS = 255;

/** C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates. */
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The last path part of `sent` (either slash), in NFC, tabs and line breaks made spaces, without other control or
 * bidirectional characters, runs of spaces made one, no leading dots or trailing dots and spaces, and at most 255
 * characters with its extension kept; `fallback` when nothing is left.
 */
export function cleanFileName(sent: string, fallback = 'video.mp4'): string {
  const base =
    sent
      .normalize('NFC')
      .replace(/[\t\n\r]/g, ' ')
      .replace(UNSAFE, '')
      .split(/[/\\]/)
      .pop() ?? '';
  const name = base
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+/u, '')
    .replace(/[\s.]+$/u, '');
  if (!name) return fallback;
  const chars = [...name];
  if (chars.length <= MAX_FILE_NAME_CHARS) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? [...name.slice(dot)] : [];
  const keepExt = ext.length > 1 && ext.length <= 16;
  const stem = keepExt ? [...name.slice(0, dot)] : chars;
  const room = MAX_FILE_NAME_CHARS - (keepExt ? ext.length : 0);
  return stem.slice(0, room).join('').trimEnd() + (keepExt ? ext.join('') : '');
}
