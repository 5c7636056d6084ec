import { storedRenditionsPrefix } from '../../server/services/media/make-renditions.ts';
import type { Deps } from '../../server/context.ts';
import { LocalStorage } from '../../server/storage/local-storage.ts';

/** The directory holding an upload's stored renditions, on local storage. */
export async function storedRenditionsDir(deps: Deps, uploadId: string): Promise<string> {
  const prefix = await storedRenditionsPrefix(deps, uploadId);
  if (!prefix) throw new Error(`upload ${uploadId} has no stored renditions`);
  if (!(deps.storage instanceof LocalStorage)) throw new Error('storedRenditionsDir needs local storage');
  return deps.storage.pathOf(prefix.slice(0, -1));
}
