/**
 * Files that nothing in the database points at: objects of deleted entries or uploads, originals whose move was
 * recorded elsewhere, renditions of a run that was replaced, tus files without an upload, leftovers of a local copy
 * that was moved. Site administrators see the report and may remove what it lists (audited).
 *
 * Files younger than an hour are never reported: a job may be writing them and recording them in a moment.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@core/errors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { requireSiteAdmin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';

const ORPHAN_MIN_AGE_MS = 3600_000;
const MAX_LISTED = 1000;

export type OrphanReason = 'noEntry' | 'noUpload' | 'notRecorded' | 'movedToStorage' | 'unknownKey';
export interface Orphan {
  where: 'storage' | 'uploads';
  key: string;
  bytes: number;
  modifiedAt: string;
  reason: OrphanReason;
}
export interface OrphanReport {
  orphans: Orphan[];
  count: number;
  totalBytes: number;
  /** More were found than listed. */
  truncated: boolean;
}

const UPLOAD_FILE = /^([A-Za-z0-9_-]{20,64})(\.json)?$/;

async function scan(deps: Deps): Promise<Orphan[]> {
  const uploads = await deps.db.selectFrom('uploads').select(['id', 'storage_key']).execute();
  const uploadById = new Map(uploads.map((u) => [u.id, u]));
  const storedKeys = new Set(uploads.flatMap((u) => (u.storage_key ? [u.storage_key] : [])));
  const renditionRows = await deps.db.selectFrom('renditions').select('storage_prefix').execute();
  const renditionPrefixes = new Set(renditionRows.flatMap((r) => (r.storage_prefix ? [r.storage_prefix] : [])));
  const entryIds = new Set((await deps.db.selectFrom('entries').select('id').execute()).map((e) => e.id));
  const cutoff = deps.clock().getTime() - ORPHAN_MIN_AGE_MS;
  const out: Orphan[] = [];

  for await (const o of deps.storage.list('')) {
    if (o.modifiedAt.getTime() > cutoff) continue;
    const p = o.key.split('/');
    let reason: OrphanReason | null = 'unknownKey';
    if (p[0] === 'contests' && p[2] === 'entries' && p.length >= 6) {
      const entryId = Number(p[3]);
      if (!entryIds.has(entryId)) reason = 'noEntry';
      else if (p[4] === 'original') reason = storedKeys.has(o.key) ? null : 'notRecorded';
      else if (p[4] === 'renditions')
        reason = renditionPrefixes.has(p.slice(0, 6).join('/') + '/')
          ? null
          : uploadById.has(p[5]!)
            ? 'notRecorded'
            : 'noUpload';
      else if (p[4] === 'subtitles') reason = null;
    }
    if (reason)
      out.push({ where: 'storage', key: o.key, bytes: o.size, modifiedAt: o.modifiedAt.toISOString(), reason });
  }

  const dir = deps.config.uploadDir;
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    const m = UPLOAD_FILE.exec(name);
    if (!m) continue; // holds, temporary files and anything not named like an upload
    const st = await fsp.stat(path.join(dir, name)).catch(() => null);
    if (!st?.isFile() || st.mtime.getTime() > cutoff) continue;
    const u = uploadById.get(m[1]!);
    const reason: OrphanReason | null = !u ? 'noUpload' : u.storage_key ? 'movedToStorage' : null;
    if (reason) out.push({ where: 'uploads', key: name, bytes: st.size, modifiedAt: st.mtime.toISOString(), reason });
  }
  return out;
}

function report(found: Orphan[]): OrphanReport {
  return {
    orphans: found.slice(0, MAX_LISTED),
    count: found.length,
    totalBytes: found.reduce((n, o) => n + o.bytes, 0),
    truncated: found.length > MAX_LISTED,
  };
}

export async function findOrphanedMedia(deps: Deps, actor: Actor): Promise<OrphanReport> {
  requireSiteAdmin(actor);
  return report(await scan(deps));
}

/** Removes what a fresh scan finds (never a list sent by the browser), and records how much in the audit log. */
export async function removeOrphanedMedia(deps: Deps, actor: Actor): Promise<{ removed: number; bytes: number }> {
  requireSiteAdmin(actor);
  const found = await scan(deps);
  let removed = 0;
  let bytes = 0;
  for (const o of found) {
    try {
      if (o.where === 'storage') await deps.storage.delete(o.key);
      else await fsp.rm(path.join(deps.config.uploadDir, o.key), { force: true });
      removed++;
      bytes += o.bytes;
    } catch (err) {
      deps.logger.error({ err, key: o.key }, 'could not remove an orphaned file');
    }
  }
  if (found.length && !removed) throw new AppError('storage.orphansNotRemoved');
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, actor, {
      action: 'storage.removeOrphans',
      details: { removed, bytes, found: found.length },
    }),
  );
  return { removed, bytes };
}
