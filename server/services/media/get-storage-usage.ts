/**
 * The storage dashboard of one contest: bytes by kind (originals, renditions, subtitles, files still uploading or
 * refused/replaced), the entries that use most, and the free space of the data disk. Originals that stay on local disk
 * (local storage, or S3 before the move) are counted from the upload directory.
 */
import fsp from 'node:fs/promises';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { uploadPath } from '../uploads/upload-files.ts';
import { decodeDraft } from '../../db/json-columns.ts';

export type StorageKind = 'originals' | 'renditions' | 'subtitles' | 'uploading' | 'superseded' | 'other';
export interface Usage {
  bytes: number;
  files: number;
}

export interface StorageUsageView {
  storage: 'local' | 's3';
  totalBytes: number;
  byKind: Record<StorageKind, Usage>;
  /** The entries that use most, biggest first. */
  topEntries: { entryId: number; code: string | null; title: string; bytes: number }[];
  /** Free and total bytes of the disk under the data directory (uploads arrive there in both modes). */
  disk: { freeBytes: number; totalBytes: number } | null;
}

const KIND_OF_FOLDER: Record<string, StorageKind> = {
  original: 'originals',
  renditions: 'renditions',
  subtitles: 'subtitles',
};

export async function getStorageUsage(deps: Deps, actor: Actor, slug: string): Promise<StorageUsageView> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = contest.id;
  await authorize(deps, actor, contestId, 'media.manage', { auditDenied: false });

  const byKind: Record<StorageKind, Usage> = {
    originals: { bytes: 0, files: 0 },
    renditions: { bytes: 0, files: 0 },
    subtitles: { bytes: 0, files: 0 },
    uploading: { bytes: 0, files: 0 },
    superseded: { bytes: 0, files: 0 },
    other: { bytes: 0, files: 0 },
  };
  const perEntry = new Map<number, number>();
  const add = (kind: StorageKind, entryId: number | null, bytes: number) => {
    byKind[kind].bytes += bytes;
    byKind[kind].files++;
    if (entryId !== null) perEntry.set(entryId, (perEntry.get(entryId) ?? 0) + bytes);
  };

  for await (const o of deps.storage.list(`contests/${contestId}/`)) {
    const parts = o.key.split('/');
    const entryId = parts[2] === 'entries' ? Number(parts[3]) : NaN;
    add(KIND_OF_FOLDER[parts[4] ?? ''] ?? 'other', Number.isSafeInteger(entryId) ? entryId : null, o.size);
  }

  const local = await deps.db
    .selectFrom('uploads')
    .innerJoin('entries', 'entries.id', 'uploads.entry_id')
    .select(['uploads.id', 'uploads.status', 'uploads.entry_id'])
    .where('entries.contest_id', '=', contestId)
    .where('uploads.storage_key', 'is', null)
    .execute();
  for (const u of local) {
    const st = await fsp.stat(uploadPath(deps, u.id)).catch(() => null);
    if (!st) continue;
    const kind: StorageKind =
      u.status === 'accepted'
        ? 'originals'
        : u.status === 'uploading' || u.status === 'checking'
          ? 'uploading'
          : 'superseded';
    add(kind, u.entry_id, st.size);
  }

  const top = [...perEntry.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
  const rows = top.length
    ? await deps.db
        .selectFrom('entries')
        .select(['id', 'code', 'draft_json'])
        .where(
          'id',
          'in',
          top.map(([id]) => id),
        )
        .execute()
    : [];
  const topEntries = top.map(([entryId, bytes]) => {
    const r = rows.find((x) => x.id === entryId);
    return {
      entryId,
      code: r?.code ?? null,
      title: r ? decodeDraft(r.draft_json).title : '',
      bytes,
    };
  });
  const disk = await fsp.statfs(deps.config.dataDir).then(
    (s) => ({ freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize }),
    () => null,
  );
  const totalBytes = Object.values(byKind).reduce((n, u) => n + u.bytes, 0);
  return { storage: deps.storage.kind, totalBytes, byKind, topEntries, disk };
}
