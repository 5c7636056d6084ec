/**
 * Removes every stored byte of an entry whose rows are gone: its objects in the media storage (original, renditions,
 * subtitles, all under the entry's prefix), the tus files of its uploads and their work directories. What cannot be
 * removed now (a bucket that is down) is logged and shows in the orphan report.
 */
import fsp from 'node:fs/promises';
import { entryPrefix } from '../../storage/storage.ts';
import type { Deps } from '../../context.ts';
import { renditionsWorkDir } from './make-renditions.ts';
import { removeUploadFiles } from '../uploads/upload-files.ts';

export interface RemovedMedia {
  objects: number;
  localFiles: number;
  /** Parts that could not be removed; they remain as orphans. */
  failures: number;
}

export async function removeEntryMedia(
  deps: Deps,
  contestId: number,
  entryId: number,
  uploadIds: readonly string[],
): Promise<RemovedMedia> {
  const out: RemovedMedia = { objects: 0, localFiles: 0, failures: 0 };
  const attempt = async (what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      out.failures++;
      deps.logger.error({ err, contestId, entryId, what }, 'could not remove media of a deleted entry');
    }
  };
  await attempt('storage', async () => {
    out.objects += await deps.storage.deletePrefix(entryPrefix(contestId, entryId));
  });
  for (const id of uploadIds) {
    await attempt(`upload ${id}`, async () => {
      out.localFiles += await removeUploadFiles(deps, id);
      await fsp.rm(renditionsWorkDir(deps, id), { recursive: true, force: true });
    });
  }
  return out;
}
