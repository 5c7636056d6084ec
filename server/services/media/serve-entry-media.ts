/**
 * Playback and download of an entry's accepted file, for its owner and contest staff (others get "not found"; the
 * public gallery comes later): the renditions' status, the files of the HLS ladder with poster and strip, and the
 * untouched original.
 *
 * Only names that the renditions job writes are served (a whitelist, never a path built from the request), from the
 * stored renditions of the entry's CURRENT accepted upload. With local storage the bytes stream through these
 * authorized routes; with S3 the browser gets short-lived signed URLs (segments, poster, original), never a listing.
 */
import { Readable } from 'node:stream';
import { cleanFileName } from '@core/file-name.ts';
import { AppError } from '@core/errors.ts';
import { openFileRange, parseRangeHeader } from '../../storage/byte-range.ts';
import {
  attachmentDisposition,
  contentTypeOf,
  RangeNotSatisfiable,
  type MediaStorage,
  type StoredObject,
} from '../../storage/storage.ts';
import type { Actor, Deps } from '../../context.ts';
import { entryAccess } from '../access/entry-access.ts';
import { originalAccess } from '../access/original-access.ts';
import { storedRenditionsPrefix } from './make-renditions.ts';
import { uploadPath } from '../uploads/upload-files.ts';
import { containerOf, decodeVerdict } from '../../db/json-columns.ts';

/** Files at the top of a renditions directory. */
const TOP_FILE = /^(?:master\.m3u8|poster\.jpg|poster-small\.jpg|strip\.jpg)$/;
/** Variant folders, as the ladder names them. */
const VARIANT = /^(?:360p|720p|1080p)$/;
/** Files inside a variant folder: its playlist, MPEG-TS or fMP4 segments and the fMP4 init segment. */
const VARIANT_FILE = /^(?:index\.m3u8|seg_\d{5}\.(?:ts|m4s)|init\.mp4)$/;

/** Life of a signed download URL of an original (S3). */
const ORIGINAL_URL_SECONDS = 600;

/**
 * The relative path of a renditions file, or null unless the request names one of ours exactly: `[file]` at the top
 * or `[variant, file]`. Each part is one decoded path segment as routed; a part holding "/" never matches.
 */
function renditionFilePath(parts: readonly string[]): string | null {
  if (parts.length === 1 && TOP_FILE.test(parts[0]!)) return parts[0]!;
  if (parts.length === 2 && VARIANT.test(parts[0]!) && VARIANT_FILE.test(parts[1]!)) return `${parts[0]}/${parts[1]}`;
  return null;
}

async function openOrThrow(open: () => Promise<StoredObject | null>): Promise<StoredObject> {
  try {
    const obj = await open();
    if (!obj) throw new AppError('media.notFound');
    return obj;
  } catch (err) {
    if (err instanceof RangeNotSatisfiable)
      throw new AppError('media.rangeNotSatisfiable', {}, { totalSize: err.totalSize });
    throw err;
  }
}

/** What a media route sends: the bytes, or a redirect to a short-lived signed URL of the object storage. */
export type MediaResponse =
  { kind: 'object'; object: StoredObject; cacheControl: string } | { kind: 'redirect'; url: string };

/** Life of the signed URLs of segments, poster and strip (S3): a long film, paused a while, still plays to the end. */
const MEDIA_URL_SECONDS = 4 * 3600;

/** A stored object, whole or the byte range an HTTP Range header asks for. */
async function openStoredRange(
  storage: MediaStorage,
  key: string,
  rangeHeader: string | undefined,
): Promise<StoredObject> {
  return openOrThrow(async () => {
    if (!rangeHeader) return storage.get(key);
    const head = await storage.head(key);
    if (!head) return null;
    const range = parseRangeHeader(rangeHeader, head.size);
    return storage.get(key, range ?? undefined);
  });
}

/**
 * A variant playlist whose segment URIs (and the fMP4 init segment's) point straight at the object storage through
 * signed URLs, so that the segments never pass through this server. Only names the ladder writes are signed.
 */
async function signedPlaylist(
  storage: MediaStorage & { signedUrl: NonNullable<MediaStorage['signedUrl']> },
  prefix: string,
  rel: string,
  text: string,
): Promise<string> {
  const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
  const sign = async (uri: string): Promise<string> => {
    const path = `${dir}${uri}`;
    if (!renditionFilePath(path.split('/'))) throw new Error(`unexpected URI "${uri}" in playlist ${rel}`);
    return storage.signedUrl(`${prefix}${path}`, MEDIA_URL_SECONDS);
  };
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t.startsWith('#EXT-X-MAP:')) {
      const m = /URI="([^"]+)"/.exec(t);
      out.push(m ? t.replace(m[0], `URI="${await sign(m[1]!)}"`) : t);
    } else if (t && !t.startsWith('#')) out.push(await sign(t));
    else out.push(line);
  }
  return out.join('\n');
}

async function readSmall(obj: StoredObject, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of obj.body) {
    size += (c as Buffer).length;
    if (size > limit) {
      obj.body.destroy();
      throw new Error(`playlist larger than ${limit} bytes`);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One file of the renditions of the entry's accepted upload. Local storage: the bytes (Range supported). S3: the
 * master playlist as stored (its variant URIs are relative, so they come back here), variant playlists with signed
 * segment URLs, and a redirect to a signed URL for anything else.
 */
export async function openEntryMedia(
  deps: Deps,
  actor: Actor,
  entryId: number,
  requested: readonly string[],
  rangeHeader?: string,
): Promise<MediaResponse> {
  const { entry } = await entryAccess(deps, actor, entryId, 'read');
  return openRenditionFile(deps, entry.accepted_upload_id, requested, rangeHeader, 'private');
}

/** A file of an upload's renditions, whatever made it visible to the caller (`scope` sets how it may be cached). */
export async function openRenditionFile(
  deps: Deps,
  uploadId: string | null,
  requested: readonly string[],
  rangeHeader: string | undefined,
  scope: 'private' | 'public',
): Promise<MediaResponse> {
  const rel = renditionFilePath(requested);
  if (!rel || !uploadId) throw new AppError('media.notFound');
  const prefix = await storedRenditionsPrefix(deps, uploadId);
  if (!prefix) throw new AppError('media.notFound');
  const key = `${prefix}${rel}`;
  const storage = deps.storage;
  if (storage.signedUrl) {
    const signer = storage as MediaStorage & { signedUrl: NonNullable<MediaStorage['signedUrl']> };
    if (!rel.endsWith('.m3u8')) {
      if (!(await storage.head(key))) throw new AppError('media.notFound');
      return { kind: 'redirect', url: await signer.signedUrl(key, MEDIA_URL_SECONDS) };
    }
    const text = await readSmall(await openStoredRange(storage, key, undefined), 4 * 1024 * 1024);
    const body = rel === 'master.m3u8' ? text : await signedPlaylist(signer, prefix, rel, text);
    const bytes = Buffer.from(body, 'utf8');
    // Shorter than the signatures inside, so that a cached playlist never hands out expired URLs.
    return {
      kind: 'object',
      object: {
        body: Readable.from([bytes]),
        size: bytes.length,
        totalSize: bytes.length,
        range: null,
        contentType: contentTypeOf(rel),
      },
      cacheControl: `${scope}, max-age=600`,
    };
  }
  return {
    kind: 'object',
    object: await openStoredRange(storage, key, rangeHeader),
    cacheControl: `${scope}, max-age=3600`,
  };
}

export type OriginalDownload =
  { kind: 'file'; object: StoredObject; disposition: string } | { kind: 'redirect'; url: string };

/** The original of the entry's accepted upload, unchanged, under the name it was uploaded with. */
export async function openEntryOriginal(
  deps: Deps,
  actor: Actor,
  entryId: number,
  rangeHeader?: string,
): Promise<OriginalDownload> {
  const entry = await originalAccess(deps, actor, entryId);
  return openAcceptedOriginal(deps, entry.accepted_upload_id, rangeHeader);
}

/**
 * The original of an accepted upload, whatever made it visible to the caller; `name` replaces the uploaded file's name
 * (a blind juror's download is named by the entry's reference, never by what the entrant called the file).
 */
export async function openAcceptedOriginal(
  deps: Deps,
  uploadId: string | null,
  rangeHeader?: string,
  name?: string,
): Promise<OriginalDownload> {
  if (!uploadId) throw new AppError('media.notFound');
  const upload = await deps.db
    .selectFrom('uploads')
    .select(['id', 'filename', 'storage_key', 'verdict_json'])
    .where('id', '=', uploadId)
    .where('status', '=', 'accepted')
    .executeTakeFirst();
  if (!upload) throw new AppError('media.notFound');
  const container = containerOf(decodeVerdict(upload.verdict_json));
  const filename = downloadName(name ?? upload.filename, container);
  if (upload.storage_key) {
    if (deps.storage.signedUrl) {
      return {
        kind: 'redirect',
        url: await deps.storage.signedUrl(upload.storage_key, ORIGINAL_URL_SECONDS, { filename }),
      };
    }
    const object = await openStoredRange(deps.storage, upload.storage_key, rangeHeader);
    return { kind: 'file', object, disposition: attachmentDisposition(filename) };
  }
  // Not moved (local storage, or S3 before the move): the file where tus wrote it.
  const object = await openOrThrow(() =>
    openFileRange(uploadPath(deps, upload.id), rangeHeader, contentTypeOf(`x.${container}`)),
  );
  return { kind: 'file', object, disposition: attachmentDisposition(filename) };
}

/**
 * The uploaded file's name (made safe for the header by `attachmentDisposition`), with an extension when it had none.
 */
function downloadName(filename: string, container: 'mp4' | 'mov'): string {
  const name = cleanFileName(filename, 'video');
  return /\.[A-Za-z0-9]{2,4}$/.test(name) ? name : `${name}.${container}`;
}
