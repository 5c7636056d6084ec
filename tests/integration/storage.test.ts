/**
 * The storage contract, the same table of tests on local disk and on a real S3 protocol server (s3rver on loopback).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStorage } from '../../server/storage/local-storage.ts';
import { S3Storage } from '../../server/storage/s3-storage.ts';
import { RangeNotSatisfiable, type MediaStorage } from '../../server/storage/storage.ts';
import { pseudoRandomBytes } from '../helpers/videos.ts';
import { startS3rver, type TestS3 } from '../helpers/s3rver.ts';

let tmp: string;
let s3: TestS3;
let s3Storage: S3Storage;
let localStorage: LocalStorage;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-test-'));
  s3 = await startS3rver();
  // The smallest part size, so that a 17 MiB file goes up in three parts.
  s3Storage = new S3Storage({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    bucket: s3.bucket,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
    partSize: 8 * 1024 * 1024,
  });
  localStorage = new LocalStorage(path.join(tmp, 'media'));
});

afterAll(async () => {
  s3Storage?.close();
  await s3?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function bytes(body: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

function sha(b: Buffer): string {
  return crypto.createHash('sha256').update(b).digest('hex');
}

function file(name: string, content: Buffer): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
}

const engines: [string, () => MediaStorage][] = [
  ['local', () => localStorage],
  ['s3', () => s3Storage],
];

describe.each(engines)('%s storage', (kind, storage) => {
  const base = `contests/1/entries/${kind}`;
  const content = pseudoRandomBytes(300_000, 7);

  it('puts a file and gets it back byte-exact, with its size and type', async () => {
    const key = `${base}/original/a.mp4`;
    await storage().put(key, file(`${kind}-a.mp4`, content), { sha256: sha(content), contentType: 'video/mp4' });
    expect(await storage().head(key)).toEqual({ size: content.length });
    const obj = (await storage().get(key))!;
    expect(obj).toMatchObject({
      size: content.length,
      totalSize: content.length,
      range: null,
      contentType: 'video/mp4',
    });
    expect(sha(await bytes(obj.body))).toBe(sha(content));
  });

  it('reads byte ranges: bounded, open-ended, past the end', async () => {
    const key = `${base}/original/a.mp4`;
    const mid = (await storage().get(key, { start: 1000, end: 1999 }))!;
    expect(mid).toMatchObject({ size: 1000, totalSize: content.length, range: { start: 1000, end: 1999 } });
    expect((await bytes(mid.body)).equals(content.subarray(1000, 2000))).toBe(true);
    const tail = (await storage().get(key, { start: content.length - 10 }))!;
    expect(tail).toMatchObject({ size: 10, range: { start: content.length - 10, end: content.length - 1 } });
    expect((await bytes(tail.body)).equals(content.subarray(content.length - 10))).toBe(true);
    const clipped = (await storage().get(key, { start: content.length - 5, end: content.length + 100 }))!;
    expect((await bytes(clipped.body)).length).toBe(5);
    await expect(storage().get(key, { start: content.length })).rejects.toBeInstanceOf(RangeNotSatisfiable);
  });

  it('replaces an object and stores streams', async () => {
    const key = `${base}/hls/720p/index.m3u8`;
    await storage().putStream(key, Readable.from([Buffer.from('#EXTM3U\n'), Buffer.from('#EXT-X-ENDLIST\n')]), {
      contentType: 'application/vnd.apple.mpegurl',
    });
    await storage().putStream(key, Readable.from([Buffer.from('#EXTM3U\n')]), {
      contentType: 'application/vnd.apple.mpegurl',
    });
    expect((await bytes((await storage().get(key))!.body)).toString()).toBe('#EXTM3U\n');
  });

  it('stores a file larger than a part (multipart on S3) intact', async () => {
    const big = pseudoRandomBytes(17 * 1024 * 1024 + 123, 11);
    const key = `${base}/original/big.mp4`;
    await storage().put(key, file(`${kind}-big.mp4`, big), { sha256: sha(big), contentType: 'video/mp4' });
    expect(await storage().head(key)).toEqual({ size: big.length });
    expect(sha(await bytes((await storage().get(key))!.body))).toBe(sha(big));
  });

  it('adds up usage under a prefix, and deletes', async () => {
    const used = await storage().usage(`${base}/`);
    expect(used).toBe(content.length + '#EXTM3U\n'.length + 17 * 1024 * 1024 + 123);
    expect(await storage().usage('contests/1/entries/nobody/')).toBe(0);
    expect(await storage().usage('')).toBeGreaterThanOrEqual(used);
    await storage().delete(`${base}/original/big.mp4`);
    expect(await storage().head(`${base}/original/big.mp4`)).toBeNull();
    expect(await storage().get(`${base}/original/big.mp4`)).toBeNull();
    expect(await storage().usage(`${base}/`)).toBe(used - (17 * 1024 * 1024 + 123));
    await storage().delete(`${base}/original/big.mp4`); // deleting again is no error
    expect(await storage().head(`${base}/none.mp4`)).toBeNull();
  });

  it('lists, stores a directory in place of an older one, and deletes a prefix', async () => {
    const prefix = `contests/2/entries/${kind}/renditions/-upload_id/`;
    const mk = (files: Record<string, string>) => {
      const dir = fs.mkdtempSync(path.join(tmp, 'dir-'));
      for (const [rel, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      }
      return dir;
    };
    const list = async () => {
      const out: string[] = [];
      for await (const o of storage().list(prefix)) out.push(`${o.key.slice(prefix.length)}=${o.size}`);
      return out.sort();
    };
    const first = mk({ 'master.m3u8': 'one', '1080p/index.m3u8': 'hd', '360p/seg_00000.ts': 'abcd' });
    await storage().putDirectory(prefix, first);
    expect(fs.existsSync(first)).toBe(false);
    expect(await list()).toEqual(['1080p/index.m3u8=2', '360p/seg_00000.ts=4', 'master.m3u8=3']);
    for await (const o of storage().list(prefix)) expect(Date.now() - o.modifiedAt.getTime()).toBeLessThan(600_000);
    // A second run replaces the first: what it did not make (1080p) is gone.
    await storage().putDirectory(prefix, mk({ 'master.m3u8': 'second', '360p/seg_00000.ts': 'xy' }));
    expect(await list()).toEqual(['360p/seg_00000.ts=2', 'master.m3u8=6']);
    expect((await bytes((await storage().get(`${prefix}master.m3u8`))!.body)).toString()).toBe('second');
    expect(await storage().deletePrefix(prefix)).toBe(2);
    expect(await list()).toEqual([]);
    expect(await storage().deletePrefix(prefix)).toBe(0);
    await expect(storage().deletePrefix('')).rejects.toThrow(/needs a prefix/);
  });

  it('refuses keys that are not ours', async () => {
    for (const bad of [
      '../etc/passwd',
      '/abs.mp4',
      'a//b.mp4',
      'a/../b.mp4',
      'a/.hidden',
      'phóng sự.mp4',
      '',
      'a/b/',
    ]) {
      await expect(storage().head(bad), bad).rejects.toThrow(/bad storage key/);
    }
    await expect(storage().usage('contests/1')).rejects.toThrow(/bad storage prefix/);
  });

  if (kind === 's3') {
    it('gives a short-lived signed URL that fetches the object, by range too, and a download name', async () => {
      const key = `${base}/original/a.mp4`;
      const url = await storage().signedUrl!(key, 60, { filename: 'Phóng sự "Một cửa".mp4' });
      // (s3rver does not enforce signatures or private buckets, so refusal of forged URLs is the real store's job.)
      expect(url).toMatch(/X-Amz-Expires=60&.*X-Amz-Signature=[0-9a-f]{64}/);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(content));
      expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''Ph%C3%B3ng%20s%E1%BB%B1");
      const part = await fetch(url, { headers: { range: 'bytes=10-19' } });
      expect(part.status).toBe(206);
      expect(Buffer.from(await part.arrayBuffer()).equals(content.subarray(10, 20))).toBe(true);
      await expect(storage().signedUrl!(key, 7 * 24 * 3600)).rejects.toThrow(/signed URL/);
    });
  } else {
    it('has no signed URLs: local media goes through authorized routes', () => {
      expect(storage().signedUrl).toBeUndefined();
    });
  }
});
