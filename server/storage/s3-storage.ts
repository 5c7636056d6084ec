/**
 * Media storage in an S3-compatible bucket (MinIO, Ceph RGW, any cloud's). Large files go up as a multipart upload;
 * browsers get one object at a time through short-lived presigned GET URLs. Nothing here makes an object or the
 * bucket public, and listing happens only server-side (the storage dashboard).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  attachmentDisposition,
  checkKey,
  contentTypeOf,
  checkPrefix,
  checkRange,
  MAX_SIGNED_URL_SECONDS,
  RangeNotSatisfiable,
  type ByteRange,
  type ListedObject,
  type MediaStorage,
  type PutOptions,
  type StoredObject,
} from './storage.ts';

export interface S3StorageOptions {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /**
   * Size of each part of a multipart upload; files up to this size go up in one request. Default 16 MiB, at least 8.
   */
  partSize?: number;
  /** Parts in flight at once. Default 4. */
  queueSize?: number;
}

const MiB = 1024 * 1024;

function status(err: unknown): number | undefined {
  return err instanceof S3ServiceException
    ? err.$metadata.httpStatusCode
    : (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

export class S3Storage implements MediaStorage {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(opts: S3StorageOptions) {
    this.bucket = opts.bucket;
    this.partSize = Math.max(8 * MiB, opts.partSize ?? 16 * MiB);
    this.queueSize = opts.queueSize ?? 4;
    this.client = new S3Client({
      endpoint: opts.endpoint,
      region: opts.region,
      forcePathStyle: opts.forcePathStyle,
      credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
      // Flexible checksums (CRC32 trailers in aws-chunked bodies) only when an operation requires them: many
      // S3-compatible servers do not speak that encoding yet. Integrity is checked end to end by SHA-256 instead
      // (server/services/media/move-upload-to-storage.ts).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 4,
    });
  }

  private async upload(key: string, body: Readable, opts: PutOptions): Promise<void> {
    const up = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: checkKey(key),
        Body: body,
        ContentType: opts.contentType,
        Metadata: opts.sha256 ? { sha256: opts.sha256 } : undefined,
      },
      partSize: this.partSize,
      queueSize: this.queueSize,
      // A failed multipart upload is aborted so that its parts do not linger (and cost) in the bucket.
      leavePartsOnError: false,
    });
    await up.done();
  }

  async put(key: string, fromFile: string, opts: PutOptions): Promise<void> {
    checkKey(key);
    await this.upload(key, fs.createReadStream(fromFile, { highWaterMark: MiB }), opts);
  }

  async putStream(key: string, body: Readable, opts: PutOptions): Promise<void> {
    await this.upload(key, body, opts);
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    checkRange(range);
    try {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: checkKey(key),
          Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
        }),
      );
      const size = Number(res.ContentLength ?? 0);
      const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.ContentRange ?? '');
      const body = res.Body as Readable;
      if (range && m)
        return {
          body,
          size,
          totalSize: Number(m[3]),
          range: { start: Number(m[1]), end: Number(m[2]) },
          contentType: res.ContentType ?? 'application/octet-stream',
        };
      // A server that ignores Range answers with the whole object.
      if (range && range.start > 0) {
        body.destroy();
        throw new Error('the storage server ignored a byte range');
      }
      return {
        body,
        size,
        totalSize: size,
        range: range ? { start: 0, end: size - 1 } : null,
        contentType: res.ContentType ?? 'application/octet-stream',
      };
    } catch (err) {
      const code = status(err);
      if (code === 404) return null;
      if (code === 416) {
        const head = await this.head(key);
        if (!head) return null;
        throw new RangeNotSatisfiable(head.size);
      }
      throw err;
    }
  }

  async head(key: string): Promise<{ size: number } | null> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return { size: Number(res.ContentLength ?? 0) };
    } catch (err) {
      if (status(err) === 404) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }

  async signedUrl(key: string, ttlSeconds: number, opts: { filename?: string } = {}): Promise<string> {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_SIGNED_URL_SECONDS) {
      throw new Error(`a signed URL lives 1 to ${MAX_SIGNED_URL_SECONDS} seconds (asked for ${ttlSeconds})`);
    }
    const cmd = new GetObjectCommand({
      Bucket: this.bucket,
      Key: checkKey(key),
      ResponseContentDisposition: opts.filename ? attachmentDisposition(opts.filename) : undefined,
    });
    return getSignedUrl(this.client, cmd, { expiresIn: ttlSeconds });
  }

  async usage(prefix: string): Promise<number> {
    let total = 0;
    for await (const o of this.list(prefix)) total += o.size;
    return total;
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    checkPrefix(prefix);
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix || undefined, ContinuationToken: token }),
      );
      for (const o of res.Contents ?? []) {
        if (o.Key) yield { key: o.Key, size: Number(o.Size ?? 0), modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  async deletePrefix(prefix: string): Promise<number> {
    if (prefix === '') throw new Error('deletePrefix needs a prefix');
    const keys: string[] = [];
    for await (const o of this.list(prefix)) keys.push(o.key);
    // One DELETE per object rather than DeleteObjects: that call needs a Content-MD5 or checksum header that not
    // every S3-compatible server accepts in the same form. A few hundred segments per entry is quick either way.
    await inBatches(keys, 8, (key) => this.delete(key));
    return keys.length;
  }

  async putDirectory(prefix: string, dir: string): Promise<void> {
    if (prefix === '') throw new Error('putDirectory needs a prefix');
    checkPrefix(prefix);
    const files = await fsp.readdir(dir, { recursive: true, withFileTypes: true });
    const rels = files
      .filter((f) => f.isFile())
      .map((f) => path.relative(dir, path.join(f.parentPath, f.name)).split(path.sep).join('/'));
    await inBatches(rels, this.queueSize, (rel) =>
      this.put(`${prefix}${rel}`, path.join(dir, rel), { contentType: contentTypeOf(rel) }),
    );
    // Objects of an earlier run that this one did not write (a rung no longer made) would be served stale.
    const wanted = new Set(rels.map((r) => `${prefix}${r}`));
    const stale: string[] = [];
    for await (const o of this.list(prefix)) if (!wanted.has(o.key)) stale.push(o.key);
    await inBatches(stale, 8, (key) => this.delete(key));
    await fsp.rm(dir, { recursive: true, force: true });
  }

  close(): void {
    this.client.destroy();
  }
}

/** Runs `fn` over `items`, at most `width` at a time; the first error stops new work and is thrown. */
async function inBatches<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}
