/**
 * Media storage: one interface, two engines. `local` keeps objects as files under one directory (the embedded
 * default); `s3` keeps them in an S3-compatible bucket (MinIO, Ceph, any cloud's). `server/deps.ts` picks the engine.
 *
 * Keys are ours, never built from a client's file name:
 * `contests/<contestId>/entries/<entryId>/original/<uploadId>.mp4` and the like. Every key is checked by `checkKey`
 * before it touches a disk or a bucket.
 */
import type { Readable } from 'node:stream';

export interface PutOptions {
  /** Hex SHA-256 of the content, when the caller knows it (kept with the object as metadata). */
  sha256?: string;
  contentType: string;
}

/** Bytes `start` to `end`, both inclusive (as in an HTTP Range header); without `end`, to the end of the object. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface StoredObject {
  body: Readable;
  /** Bytes in `body`. */
  size: number;
  /** Bytes in the whole object. */
  totalSize: number;
  /** The bytes served, inclusive; null when the whole object is. */
  range: { start: number; end: number } | null;
  contentType: string;
}

export interface MediaStorage {
  readonly kind: 'local' | 's3';
  /** Stores a file under `key`, replacing any object there. Readers never see a partly written object. */
  put(key: string, fromFile: string, opts: PutOptions): Promise<void>;
  /** Stores a stream under `key` (derived media written as it is produced). */
  putStream(key: string, body: Readable, opts: PutOptions): Promise<void>;
  /**
   * The object, or part of it; null when there is none. A range that starts past the end throws `RangeNotSatisfiable`.
   */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  head(key: string): Promise<{ size: number } | null>;
  /** Removes the object; no error when there is none. */
  delete(key: string): Promise<void>;
  /**
   * A URL that lets whoever holds it GET this one object until it expires (S3 only: local media is served through
   * authorized routes). `filename` makes the browser download it under that name.
   */
  signedUrl?(key: string, ttlSeconds: number, opts?: { filename?: string }): Promise<string>;
  /** Bytes stored under a prefix: "" for everything, otherwise ending with "/" (e.g. `contests/12/`). */
  usage(prefix: string): Promise<number>;
  /** Every object under a prefix (as `usage`), in no particular order. Objects being written are not listed. */
  list(prefix: string): AsyncIterable<ListedObject>;
  /** Removes every object under a prefix (which must not be ""); returns how many there were. */
  deletePrefix(prefix: string): Promise<number>;
  /**
   * Stores every file under the local directory `dir` at `prefix` + its relative path, replacing what was there, and
   * removes `dir`. Local storage moves the directory into place in one rename; S3 uploads file by file.
   */
  putDirectory(prefix: string, dir: string): Promise<void>;
}

export interface ListedObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

export class RangeNotSatisfiable extends Error {
  constructor(readonly totalSize: number) {
    super(`range not satisfiable (object has ${totalSize} bytes)`);
    this.name = 'RangeNotSatisfiable';
  }
}

/** Longest life of a signed URL: long enough to watch a film, short enough that a leaked link soon dies. */
export const MAX_SIGNED_URL_SECONDS = 6 * 3600;

// Upload ids are base64url, so a segment may start with "-"; never with "." (temporary files, "..").
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/**
 * Throws unless `key` is one of ours: "/"-separated segments of letters, digits, ".", "_", "-", none starting with ".".
 */
export function checkKey(key: string): string {
  const parts = key.split('/');
  if (key.length > 512 || parts.length > 12 || !parts.every((p) => SEGMENT.test(p)))
    throw new Error(`bad storage key "${key}"`);
  return key;
}

export function checkPrefix(prefix: string): string {
  if (prefix !== '' && (!prefix.endsWith('/') || !checkKey(prefix.slice(0, -1))))
    throw new Error(`bad storage prefix "${prefix}"`);
  return prefix;
}

export function checkRange(range: ByteRange | undefined): void {
  if (!range) return;
  const ok =
    Number.isSafeInteger(range.start) &&
    range.start >= 0 &&
    (range.end === undefined || (Number.isSafeInteger(range.end) && range.end >= range.start));
  if (!ok) throw new Error(`bad byte range ${JSON.stringify(range)}`);
}

/** Where the original file of an upload is kept. */
export function originalKey(contestId: number, entryId: number, uploadId: string, container: 'mp4' | 'mov'): string {
  return checkKey(`contests/${contestId}/entries/${entryId}/original/${uploadId}.${container}`);
}

const TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  m4s: 'video/iso.segment',
  ts: 'video/mp2t',
  m3u8: 'application/vnd.apple.mpegurl',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  vtt: 'text/vtt; charset=utf-8',
  json: 'application/json',
};

/** Where the renditions of an upload are kept (HLS ladder, poster, strip), as a prefix ending with "/". */
export function renditionsPrefix(contestId: number, entryId: number, uploadId: string): string {
  return checkPrefix(`contests/${contestId}/entries/${entryId}/renditions/${uploadId}/`);
}

/** Everything of one entry: original, renditions, subtitles. */
export function entryPrefix(contestId: number, entryId: number): string {
  return checkPrefix(`contests/${contestId}/entries/${entryId}/`);
}

/** The media type of a key, from its extension. */
export function contentTypeOf(key: string): string {
  return TYPES[key.slice(key.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

/** "attachment; filename=…" with the UTF-8 form for Vietnamese names and an ASCII fallback. */
export function attachmentDisposition(filename: string): string {
  const clean =
    filename
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex -- the control characters (C0 and DEL) are what this takes out
      .replace(/[\u0000-\u001f\u007f"\\/]/g, '_')
      .slice(0, 200) || 'video';
  const ascii = clean
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]/g, '_');
  // RFC 5987: encodeURIComponent leaves ' ( ) * as they are, which the extended form must escape.
  const utf8 = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
