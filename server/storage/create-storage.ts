import type { Config } from '../config.ts';
import { LocalStorage } from './local-storage.ts';
import { S3Storage } from './s3-storage.ts';
import type { MediaStorage } from './storage.ts';

/** The storage the configuration names: S3 when `STORAGE=s3`, otherwise files under `DATA_DIR/media`. */
export function createStorage(config: Config['storage']): MediaStorage {
  return config.kind === 's3' ? new S3Storage(config) : new LocalStorage(config.dir);
}
