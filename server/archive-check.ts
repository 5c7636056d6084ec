/**
 * Checks a contest archive (services/archive/export-archive.ts) against its manifest without the server: every file
 * of the ZIP is read from its place given by the ZIP's central directory, inflated as a stream and hashed, so a file
 * of any size takes little memory and one damaged file does not hide the others. A file whose bytes no longer
 * inflate counts as altered. Only plain ZIPs (no ZIP64, which the exporter never writes).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import {
  checkArchive,
  manifestProblems,
  mediaListProblems,
  MANIFEST_PATH,
  type MediaList,
  type ArchiveCheck,
  type ArchiveManifest,
} from '@core/documents/archive-manifest.ts';

interface ZipItem {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

export interface ArchiveVerdict {
  ok: boolean;
  /** Why the archive could not be checked at all (not a ZIP, no readable manifest), or null. */
  unreadable: string | null;
  manifestSha256: string | null;
  /** Files listed in the manifest. */
  listed: number;
  check: ArchiveCheck;
  /** Files whose bytes could not be inflated (also counted as altered). */
  damaged: string[];
  /** Where `data/media.json` and the manifest disagree (mediaListProblems). */
  media: string[];
}

const MEDIA_LIST = 'data/media.json';

const EMPTY: ArchiveCheck = { ok: false, missing: [], altered: [], unlisted: [] };

function centralDirectory(fd: number, size: number): ZipItem[] {
  const tail = Math.min(size, 65_557);
  const buf = Buffer.alloc(tail);
  fs.readSync(fd, buf, 0, tail, size - tail);
  let eocd = -1;
  for (let i = tail - 22; i >= 0; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('not a ZIP file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > size) throw new Error('the ZIP is cut short (central directory past the end)');
  const cd = Buffer.alloc(cdSize);
  fs.readSync(fd, cd, 0, cdSize, cdOffset);
  const items: ZipItem[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new Error('damaged central directory');
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    items.push({
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      localOffset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return items;
}

/** Reads one stored file, inflating it when needed, into `sink`; throws when its bytes do not inflate. */
async function readItem(file: string, fd: number, item: ZipItem, sink: (chunk: Buffer) => void): Promise<void> {
  const head = Buffer.alloc(30);
  fs.readSync(fd, head, 0, 30, item.localOffset);
  if (head.readUInt32LE(0) !== 0x04034b50) throw new Error('damaged local header');
  const start = item.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  if (item.method !== 0 && item.method !== 8) throw new Error(`unsupported compression method ${item.method}`);
  if (item.compressedSize === 0) return;
  const source = fs.createReadStream(file, { start, end: start + item.compressedSize - 1 });
  const target = new Writable({
    write(chunk: Buffer, _enc, done) {
      sink(chunk);
      done();
    },
  });
  if (item.method === 8) await pipeline(source, zlib.createInflateRaw(), target);
  else await pipeline(source, target);
}

export async function verifyArchiveFile(file: string): Promise<ArchiveVerdict> {
  const fail = (why: string): ArchiveVerdict => ({
    ok: false,
    unreadable: why,
    manifestSha256: null,
    listed: 0,
    check: EMPTY,
    damaged: [],
    media: [],
  });
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    return fail((err as Error).message);
  }
  try {
    let items: ZipItem[];
    try {
      items = centralDirectory(fd, fs.fstatSync(fd).size);
    } catch (err) {
      return fail((err as Error).message);
    }
    const manifestItem = items.find((i) => i.name === MANIFEST_PATH);
    if (!manifestItem) return fail(`${MANIFEST_PATH} is not in the ZIP`);
    const parts: Buffer[] = [];
    let manifest: ArchiveManifest;
    try {
      await readItem(file, fd, manifestItem, (c) => parts.push(c));
      manifest = JSON.parse(Buffer.concat(parts).toString('utf8')) as ArchiveManifest;
    } catch (err) {
      return fail(`${MANIFEST_PATH} cannot be read (${(err as Error).message})`);
    }
    const manifestSha256 = crypto.createHash('sha256').update(Buffer.concat(parts)).digest('hex');
    const problems = Array.isArray(manifest.files) ? manifestProblems(manifest) : ['no list of files'];
    if (problems.length) return { ...fail(`${MANIFEST_PATH} is not valid: ${problems.join('; ')}`), manifestSha256 };
    const found: { path: string; bytes: number; sha256: string }[] = [];
    const damaged: string[] = [];
    const mediaParts: Buffer[] = [];
    for (const item of items) {
      if (item.name === MANIFEST_PATH || item.name.endsWith('/')) continue;
      const hash = crypto.createHash('sha256');
      let bytes = 0;
      try {
        await readItem(file, fd, item, (c) => {
          hash.update(c);
          bytes += c.length;
          if (item.name === MEDIA_LIST) mediaParts.push(c);
        });
        found.push({ path: item.name, bytes, sha256: hash.digest('hex') });
      } catch {
        damaged.push(item.name);
        // Listed with an impossible hash, so that the comparison names it as altered rather than missing.
        found.push({ path: item.name, bytes: -1, sha256: '' });
      }
    }
    const check = checkArchive(manifest, found);
    // Compared only when the list itself is intact: an altered list is reported as such.
    let media: string[] = [];
    if (mediaParts.length && !check.altered.includes(MEDIA_LIST)) {
      try {
        media = mediaListProblems(JSON.parse(Buffer.concat(mediaParts).toString('utf8')) as MediaList, manifest);
      } catch {
        media = [`${MEDIA_LIST}: not valid JSON`];
      }
    }
    const ok = check.ok && !media.length;
    return { ok, unreadable: null, manifestSha256, listed: manifest.files.length, check, damaged, media };
  } finally {
    fs.closeSync(fd);
  }
}
