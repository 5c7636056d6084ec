/**
 * Playback and download of an entry's accepted file, for its owner and contest staff (others get "not found"; the
 * public gallery comes later): the renditions' status, the files of the HLS ladder with poster and strip, and the
 * untouched original.
 *
 * Only names that the renditions job writes are served (a whitelist, never a path built from the request), from the
 * renditions directory of the entry's CURRENT accepted upload. The original streams from local disk, or, once moved
 * to S3, is handed out as a short-lived signed URL.
 */
import path from 'node:path';
import type { RenditionStatusView } from '../../core/api.ts';
import { AppError } from '../../core/errors.ts';
import { openFileRange, parseRangeHeader } from '../storage/byte-range.ts';
import { attachmentDisposition, contentTypeOf, RangeNotSatisfiable, type StoredObject } from '../storage/storage.ts';
import { uploadPath } from './check-upload.ts';
import type { Actor, Deps } from './context.ts';
import { entryAccess } from './entry-access.ts';
import { getRenditionStatus, renditionsDir } from './make-renditions.ts';

/** Files at the top of a renditions directory. */
const TOP_FILE = /^(?:master\.m3u8|poster\.jpg|strip\.jpg)$/;
/** Variant folders, as the ladder names them. */
const VARIANT = /^(?:360p|720p|1080p)$/;
/** Files inside a variant folder: its playlist, MPEG-TS or fMP4 segments and the fMP4 init segment. */
const VARIANT_FILE = /^(?:index\.m3u8|seg_\d{5}\.(?:ts|m4s)|init\.mp4)$/;

/** Life of a signed download URL of an original (S3). */
export const ORIGINAL_URL_SECONDS = 600;

/**
 * The relative path of a renditions file, or null unless the request names one of ours exactly: `[file]` at the top
 * or `[variant, file]`. Each part is one decoded path segment as routed; a part holding "/" never matches.
 */
export function renditionFilePath(parts: readonly string[]): string | null {
  if (parts.length === 1 && TOP_FILE.test(parts[0]!)) return parts[0]!;
  if (parts.length === 2 && VARIANT.test(parts[0]!) && VARIANT_FILE.test(parts[1]!)) return `${parts[0]}/${parts[1]}`;
  return null;
}

export function mediaUrl(entryId: number, file: string): string {
  return `/api/entries/${entryId}/media/${file}`;
}

export async function getEntryRenditions(deps: Deps, actor: Actor, entryId: number): Promise<RenditionStatusView> {
  const s = await getRenditionStatus(deps, actor, entryId);
  if (!s) return { status: 'none', percent: 0, error: null, variants: [] };
  const view: RenditionStatusView = { status: s.status, percent: s.percent, error: s.error, variants: s.variants };
  if (s.status === 'done') {
    view.masterUrl = mediaUrl(entryId, 'master.m3u8');
    view.posterUrl = mediaUrl(entryId, 'poster.jpg');
  }
  return view;
}

async function openOrThrow(open: () => Promise<StoredObject | null>): Promise<StoredObject> {
  try {
    const obj = await open();
    if (!obj) throw new AppError('media.notFound');
    return obj;
  } catch (err) {
    if (err instanceof RangeNotSatisfiable) throw new AppError('media.rangeNotSatisfiable', {}, { totalSize: err.totalSize });
    throw err;
  }
}

/** One file of the renditions of the entry's accepted upload, whole or a byte range of it. */
export async function openEntryMedia(deps: Deps, actor: Actor, entryId: number, requested: readonly string[], rangeHeader?: string): Promise<StoredObject> {
  const { entry } = await entryAccess(deps, actor, entryId, 'read');
  const rel = renditionFilePath(requested);
  if (!rel || !entry.accepted_upload_id) throw new AppError('media.notFound');
  const file = path.join(renditionsDir(deps, entry.accepted_upload_id), ...rel.split('/'));
  return openOrThrow(() => openFileRange(file, rangeHeader, contentTypeOf(rel)));
}

export type OriginalDownload =
  | { kind: 'file'; object: StoredObject; disposition: string }
  | { kind: 'redirect'; url: string };

/** The original of the entry's accepted upload, unchanged, under the name it was uploaded with. */
export async function openEntryOriginal(deps: Deps, actor: Actor, entryId: number, rangeHeader?: string): Promise<OriginalDownload> {
  const { entry } = await entryAccess(deps, actor, entryId, 'read');
  if (!entry.accepted_upload_id) throw new AppError('media.notFound');
  const upload = await deps.db
    .selectFrom('uploads')
    .select(['id', 'filename', 'storage_key', 'verdict_json'])
    .where('id', '=', entry.accepted_upload_id)
    .where('status', '=', 'accepted')
    .executeTakeFirst();
  if (!upload) throw new AppError('media.notFound');
  const container = (JSON.parse(upload.verdict_json ?? '{}') as { probe?: { container?: string } }).probe?.container === 'mov' ? 'mov' : 'mp4';
  const filename = downloadName(upload.filename, container);
  if (upload.storage_key) {
    if (deps.storage.signedUrl) {
      return { kind: 'redirect', url: await deps.storage.signedUrl(upload.storage_key, ORIGINAL_URL_SECONDS, { filename }) };
    }
    const key = upload.storage_key;
    const object = await openOrThrow(async () => {
      const head = await deps.storage.head(key);
      if (!head) return null;
      const range = parseRangeHeader(rangeHeader, head.size);
      return deps.storage.get(key, range ?? undefined);
    });
    return { kind: 'file', object, disposition: attachmentDisposition(filename) };
  }
  // Not moved (local storage, or S3 before the move): the file where tus wrote it.
  const object = await openOrThrow(() => openFileRange(uploadPath(deps, upload.id), rangeHeader, contentTypeOf(`x.${container}`)));
  return { kind: 'file', object, disposition: attachmentDisposition(filename) };
}

/** The uploaded file's name (made safe for the header by `attachmentDisposition`), with an extension when it had none. */
function downloadName(filename: string, container: 'mp4' | 'mov'): string {
  const name = filename.trim() || 'video';
  return /\.[A-Za-z0-9]{2,4}$/.test(name) ? name : `${name}.${container}`;
}
