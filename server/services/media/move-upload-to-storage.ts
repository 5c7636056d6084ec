/**
 * Moves an accepted original from the tus directory to the media storage (S3 mode): copy, read back and hash what
 * the storage holds, and only when that SHA-256 equals the one recorded at the check, record the key and remove the
 * local copy. On a mismatch the local copy stays and the run fails (retried, then visible as a failed job).
 *
 * With local storage nothing moves: the original stays where tus wrote it (docs/decisions/0008-storage.md).
 */
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { originalKey, contentTypeOf, type MediaStorage } from '../../storage/storage.ts';
import { removeUploadFiles, uploadPath } from '../uploads/upload-files.ts';
import type { Deps } from '../../context.ts';
import { containerOf, decodeVerdict } from '../../db/json-columns.ts';
import { changedRows } from '../../db/dialect.ts';

class StoredChecksumMismatch extends Error {
  constructor(uploadId: string, key: string, expected: string, actual: string) {
    super(
      `SHA-256 of the stored copy of upload ${uploadId} (${key}) is ${actual}, expected ${expected}: ` +
        'the object was not recorded and the local copy is kept',
    );
    this.name = 'StoredChecksumMismatch';
  }
}

async function sha256Stream(body: Readable, signal?: AbortSignal): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of body) {
    if (signal?.aborted) {
      body.destroy();
      throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
    }
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** The SHA-256 of what the storage holds under `key`; null when there is nothing. */
export async function storedSha256(storage: MediaStorage, key: string, signal?: AbortSignal): Promise<string | null> {
  const obj = await storage.get(key);
  return obj ? sha256Stream(obj.body, signal) : null;
}

export type MoveOutcome = 'moved' | 'already-stored' | 'local-storage' | 'skipped';

export async function moveUploadToStorage(
  deps: Deps,
  uploadId: string,
  opts: { signal?: AbortSignal } = {},
): Promise<MoveOutcome> {
  if (deps.storage.kind === 'local') return 'local-storage';
  const upload = await deps.db
    .selectFrom('uploads')
    .innerJoin('entries', 'entries.id', 'uploads.entry_id')
    .select([
      'uploads.id',
      'uploads.status',
      'uploads.sha256',
      'uploads.verdict_json',
      'uploads.storage_key',
      'uploads.entry_id',
      'entries.contest_id',
    ])
    .where('uploads.id', '=', uploadId)
    .executeTakeFirst();
  if (!upload || upload.status !== 'accepted' || !upload.sha256) return 'skipped';
  if (upload.storage_key) {
    // An earlier run recorded the object but died before removing the local copy.
    await removeUploadFiles(deps, uploadId);
    return 'already-stored';
  }
  const file = uploadPath(deps, uploadId);
  const container = containerOf(decodeVerdict(upload.verdict_json));
  const key = originalKey(upload.contest_id, upload.entry_id, uploadId, container);

  await deps.storage.put(key, file, { sha256: upload.sha256, contentType: contentTypeOf(key) });
  opts.signal?.throwIfAborted();
  const actual = await storedSha256(deps.storage, key, opts.signal);
  if (actual !== upload.sha256) {
    // Nothing points at the bad object; the next run overwrites it.
    throw new StoredChecksumMismatch(uploadId, key, upload.sha256, actual ?? 'missing');
  }
  const done = await deps.db
    .updateTable('uploads')
    .set({ storage_key: key, stored_at: deps.clock().toISOString() })
    .where('id', '=', uploadId)
    .where('storage_key', 'is', null)
    .executeTakeFirst();
  if (changedRows(done) !== 1) {
    const still = await deps.db.selectFrom('uploads').select('id').where('id', '=', uploadId).executeTakeFirst();
    if (still) return 'already-stored';
    // The entry was deleted during the copy: remove the object nothing points at.
    await deps.storage.delete(key);
    await removeUploadFiles(deps, uploadId);
    return 'skipped';
  }
  await removeUploadFiles(deps, uploadId);
  return 'moved';
}
