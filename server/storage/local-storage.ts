/**
 * Media storage on local disk (the embedded default): each object is one file under `root`, at the path of its key.
 * Writes go to a temporary file in the same directory, are flushed to disk, then renamed over the final name, so a
 * reader sees the old object or the new one, never half of one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  checkKey,
  checkPrefix,
  checkRange,
  contentTypeOf,
  RangeNotSatisfiable,
  type ByteRange,
  type ListedObject,
  type MediaStorage,
  type PutOptions,
  type StoredObject,
} from './storage.ts';

const TEMP_PREFIX = '.tmp-';

function isNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function fsyncPath(p: string, flags: string): Promise<void> {
  const h = await fsp.open(p, flags);
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

export class LocalStorage implements MediaStorage {
  readonly kind = 'local' as const;

  constructor(private readonly root: string) {}

  /** The file that holds `key` (for ffmpeg and for serving through authorized routes). */
  pathOf(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  private async writeAtomically(key: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const dest = this.pathOf(key);
    const dir = path.dirname(dest);
    await fsp.mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `${TEMP_PREFIX}${crypto.randomBytes(8).toString('hex')}`);
    try {
      await write(tmp);
      await fsyncPath(tmp, 'r+');
      await fsp.rename(tmp, dest);
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    // The rename itself survives a power cut only once the directory is flushed.
    await fsyncPath(dir, 'r').catch(() => {});
  }

  async put(key: string, fromFile: string, _opts: PutOptions): Promise<void> {
    await this.writeAtomically(key, (tmp) => fsp.copyFile(fromFile, tmp));
  }

  async putStream(key: string, body: Readable, _opts: PutOptions): Promise<void> {
    await this.writeAtomically(key, (tmp) => pipeline(body, fs.createWriteStream(tmp, { flags: 'wx' })));
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    checkRange(range);
    const file = this.pathOf(key);
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(file, 'r');
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
    try {
      // Size and bytes from the same open file: a rename over the key meanwhile cannot mix two objects.
      const totalSize = (await handle.stat()).size;
      let start = 0;
      let end = totalSize - 1;
      if (range) {
        if (range.start >= totalSize) throw new RangeNotSatisfiable(totalSize);
        start = range.start;
        end = Math.min(range.end ?? totalSize - 1, totalSize - 1);
      }
      const body = handle.createReadStream({
        start,
        end: totalSize === 0 ? undefined : end,
        autoClose: true,
        highWaterMark: 1024 * 1024,
      });
      return {
        body,
        size: end - start + 1,
        totalSize,
        range: range ? { start, end } : null,
        contentType: contentTypeOf(key),
      };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async head(key: string): Promise<{ size: number } | null> {
    try {
      const st = await fsp.stat(this.pathOf(key));
      return st.isFile() ? { size: st.size } : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  private dirOf(prefix: string): string {
    checkPrefix(prefix);
    return prefix === '' ? this.root : path.join(this.root, ...prefix.slice(0, -1).split('/'));
  }

  async usage(prefix: string): Promise<number> {
    let total = 0;
    for await (const o of this.list(prefix)) total += o.size;
    return total;
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    const start = this.dirOf(prefix);
    const walk = async function* (dir: string, keyPrefix: string): AsyncGenerator<ListedObject> {
      let entries: fs.Dirent[];
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true });
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
      for (const e of entries) {
        // Temporary files and directories of writes in progress start with "."; keys never do.
        if (e.name.startsWith('.')) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) yield* walk(p, `${keyPrefix}${e.name}/`);
        else if (e.isFile()) {
          const st = await fsp.stat(p).catch((err: unknown) => (isNotFound(err) ? null : Promise.reject(err)));
          if (st) yield { key: `${keyPrefix}${e.name}`, size: st.size, modifiedAt: st.mtime };
        }
      }
    };
    yield* walk(start, prefix);
  }

  async deletePrefix(prefix: string): Promise<number> {
    if (prefix === '') throw new Error('deletePrefix needs a prefix');
    let count = 0;
    for await (const _ of this.list(prefix)) count++;
    await fsp.rm(this.dirOf(prefix), { recursive: true, force: true });
    return count;
  }

  async putDirectory(prefix: string, dir: string): Promise<void> {
    if (prefix === '') throw new Error('putDirectory needs a prefix');
    const dest = this.dirOf(prefix);
    const parent = path.dirname(dest);
    await fsp.mkdir(parent, { recursive: true });
    const staged = path.join(parent, `${TEMP_PREFIX}${crypto.randomBytes(8).toString('hex')}`);
    try {
      await fsp.rename(dir, staged);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      // Another file system: copy beside the destination first, so that the final step is still one rename.
      await fsp.cp(dir, staged, { recursive: true });
      await fsp.rm(dir, { recursive: true, force: true });
    }
    const old = path.join(parent, `${TEMP_PREFIX}old-${crypto.randomBytes(8).toString('hex')}`);
    const hadOld = await fsp.rename(dest, old).then(
      () => true,
      (err: unknown) => (isNotFound(err) ? false : Promise.reject(err)),
    );
    try {
      await fsp.rename(staged, dest);
    } catch (err) {
      if (hadOld) await fsp.rename(old, dest).catch(() => {});
      await fsp.rm(staged, { recursive: true, force: true });
      throw err;
    }
    await fsyncPath(parent, 'r').catch(() => {});
    if (hadOld) await fsp.rm(old, { recursive: true, force: true });
  }
}
