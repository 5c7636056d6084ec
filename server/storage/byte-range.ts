/**
 * HTTP byte ranges (RFC 9110, section 14): one range of a file of known size. Several ranges, or a header we cannot
 * read, are answered with the whole file (allowed by the RFC); a range that starts past the end is unsatisfiable.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { RangeNotSatisfiable, type StoredObject } from './storage.ts';

/** The inclusive byte range asked for, null for the whole file; throws `RangeNotSatisfiable` past the end. */
export function parseRangeHeader(header: string | undefined, totalSize: number): { start: number; end: number } | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // The last N bytes.
    const suffix = Number(m[2]);
    if (!Number.isSafeInteger(suffix)) return null;
    if (suffix === 0 || totalSize === 0) throw new RangeNotSatisfiable(totalSize);
    return { start: Math.max(0, totalSize - suffix), end: totalSize - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? totalSize - 1 : Number(m[2]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return null;
  if (m[2] !== '' && end < start) return null;
  if (start >= totalSize) throw new RangeNotSatisfiable(totalSize);
  return { start, end: Math.min(end, totalSize - 1) };
}

/**
 * Opens a local file, whole or the range of `rangeHeader`; null when there is no such file. Size and bytes come from
 * the same open handle, so a rename over the path meanwhile cannot mix two files.
 */
export async function openFileRange(
  file: string,
  rangeHeader: string | undefined,
  contentType: string,
): Promise<StoredObject | null> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'EISDIR') return null;
    throw err;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      await handle.close();
      return null;
    }
    const totalSize = st.size;
    const range = parseRangeHeader(rangeHeader, totalSize);
    const start = range?.start ?? 0;
    const end = range?.end ?? totalSize - 1;
    const body = handle.createReadStream({
      start,
      end: totalSize === 0 ? undefined : end,
      autoClose: true,
      highWaterMark: 1024 * 1024,
    });
    return { body, size: Math.max(0, end - start + 1), totalSize, range, contentType };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
