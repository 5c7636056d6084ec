/**
 * S3 mode end to end against a real S3 protocol server (s3rver on loopback): a tus upload is accepted, the
 * `move-upload` job copies it to the bucket, verifies its SHA-256 and only then removes the local copy; the renditions
 * are stored there and play through signed URLs; a stored copy whose SHA-256 differs keeps the local copy and fails
 * the job; deleting the entry removes every object of it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '../../server/jobs/worker.ts';
import { storedSha256 } from '../../server/services/media/move-upload-to-storage.ts';
import { renditionsWorkDir } from '../../server/services/media/make-renditions.ts';
import type { MediaStorage } from '../../server/storage/storage.ts';
import type { Receipt, RenditionStatus } from '../helpers/api-types.ts';
import { completeDraft, unitId } from '../helpers/entries.ts';
import { startS3rver, type TestS3 } from '../helpers/s3rver.ts';
import { makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { makeTestVideos, type TestVideos } from '../helpers/videos.ts';
import { uploadPath, withOriginalFile } from '../../server/services/uploads/upload-files.ts';

let s3: TestS3;
let t: TestApp;
let runner: Worker;
let base: string;
let videos: TestVideos;
let unit: number;
let rep: { cookie: string; csrf: string };

/** The API over the socket as the representative; `T` is the answer the caller expects. */
async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { cookie: rep.cookie, 'x-csrf-token': rep.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function draft(title: string): Promise<number> {
  const res = await api<{ id: number }>(
    'POST',
    `/api/contests/${t.demoSlug}/entries`,
    completeDraft({ kind: 'unit', unitId: unit }, { title }),
  );
  expect(res.status).toBe(201);
  return res.json.id;
}

beforeAll(async () => {
  videos = await makeTestVideos();
  s3 = await startS3rver();
  t = await startTestApp({ env: s3.env });
  runner = await startWorker(t.deps, { pollMs: 100 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  unit = await unitId(t, 'Xã Vĩnh Lâm');
  const u = await makeUser(t, { role: 'unit_rep', unitId: unit });
  const s = await fetch(`${base}/api/auth/session`);
  const anon = s.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = await s.json();
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: anon, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ identifier: u.email, password: u.password }),
  });
  rep = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: (await res.json()).csrfToken };
}, 120_000);

afterAll(async () => {
  await runner?.stop();
  await t?.close();
  await s3?.close();
});

describe('S3 mode', () => {
  it('moves an accepted upload to the bucket (SHA-256 checked), drops the local copy; delete removes it', async () => {
    expect(t.deps.storage.kind).toBe('s3');
    const entryId = await draft('Lên kho S3');
    await new Promise<void>((resolve, reject) => {
      const up = new tus.Upload(fs.readFileSync(videos.valid720), {
        endpoint: `${base}/api/uploads`,
        chunkSize: 50 * 1024 * 1024,
        retryDelays: [],
        headers: { cookie: rep.cookie, 'x-csrf-token': rep.csrf },
        metadata: { entryId: String(entryId), filename: 'phóng sự.mp4' },
        onSuccess: () => resolve(),
        onError: reject,
      });
      up.start();
    });
    // The move's job ends after its row names the key and the local copy is dropped: wait for the end.
    const row = await until('the move', async () => {
      const r = await t.deps.db.selectFrom('uploads').selectAll().where('entry_id', '=', entryId).executeTakeFirst();
      const done = r?.storage_key && (await t.deps.jobs.findByKey('move-upload', r.id))?.state === 'completed';
      return done ? r : null;
    });
    expect(row.status).toBe('accepted');
    expect(row.sha256).toBe(sha256(videos.valid720));
    const { contest_id } = await t.deps.db
      .selectFrom('entries')
      .select('contest_id')
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    expect(row.storage_key).toBe(`contests/${contest_id}/entries/${entryId}/original/${row.id}.mp4`);
    expect(row.stored_at).toBeTruthy();
    expect(await t.deps.storage.head(row.storage_key!)).toEqual({ size: fs.statSync(videos.valid720).size });
    expect(await storedSha256(t.deps.storage, row.storage_key!)).toBe(row.sha256);
    expect(fs.existsSync(uploadPath(t.deps, row.id))).toBe(false);
    expect(fs.existsSync(`${uploadPath(t.deps, row.id)}.json`)).toBe(false);
    const job = (await t.deps.jobs.findByKey('move-upload', row.id))!;
    expect(job.state).toBe('completed');
    // The original is still there for those who need a file (renditions, fingerprints): fetched from the bucket.
    expect(await withOriginalFile(t.deps, row.id, async (f) => sha256(f))).toBe(row.sha256);
    // The entry is submitted with the same SHA-256 on its receipt.
    const receipt = await api<Receipt>('POST', `/api/entries/${entryId}/submit`);
    expect(receipt.status).toBe(200);
    expect(receipt.json.sha256).toBe(row.sha256);
    // A short-lived signed URL serves the original byte-exact.
    const res = await fetch(await t.deps.storage.signedUrl!(row.storage_key!, 60, { filename: row.filename }));
    expect(
      crypto
        .createHash('sha256')
        .update(Buffer.from(await res.arrayBuffer()))
        .digest('hex'),
    ).toBe(row.sha256);

    // The renditions go to the bucket too, and nothing of them stays on local disk.
    const contestId = (
      await t.deps.db.selectFrom('entries').select('contest_id').where('id', '=', entryId).executeTakeFirstOrThrow()
    ).contest_id;
    const prefix = `contests/${contestId}/entries/${entryId}/renditions/${row.id}/`;
    const status = await until(
      'the renditions',
      async () => {
        const r = await api<RenditionStatus>('GET', `/api/entries/${entryId}/renditions`);
        if (r.json.status === 'failed') throw new Error(r.json.error ?? 'failed');
        return r.json.status === 'done' ? r.json : null;
      },
      120_000,
    );
    expect(await t.deps.storage.head(`${prefix}master.m3u8`)).not.toBeNull();
    expect(fs.existsSync(renditionsWorkDir(t.deps, row.id))).toBe(false);

    // Play: the master playlist comes through the authorized route; a variant playlist lists signed URLs of the
    // bucket, which serve the stored segments byte-exact without passing through the app.
    const get = (url: string, redirect: RequestRedirect = 'follow') =>
      fetch(url.startsWith('http') ? url : `${base}${url}`, { headers: { cookie: rep.cookie }, redirect });
    const master = await (await get(status.masterUrl!)).text();
    const variantUri = master.split('\n').find((l) => l && !l.startsWith('#'))!;
    expect(variantUri).toMatch(/^\d+p\/index\.m3u8$/);
    const variantRes = await get(`/api/entries/${entryId}/media/${variantUri}`);
    expect(variantRes.status).toBe(200);
    expect(variantRes.headers.get('content-type')).toContain('mpegurl');
    const segUrls = (await variantRes.text()).split('\n').filter((l) => l && !l.startsWith('#'));
    expect(segUrls.length).toBeGreaterThan(0);
    for (const u of segUrls)
      expect(u.startsWith(`${s3.endpoint}/${s3.bucket}/${prefix}${variantUri.split('/')[0]}/seg_`)).toBe(true);
    expect(segUrls[0]).toContain('X-Amz-Signature=');
    const seg = Buffer.from(await (await fetch(segUrls[0]!)).arrayBuffer());
    const segKey = `${prefix}${variantUri.split('/')[0]}/${new URL(segUrls[0]!).pathname.split('/').pop()}`;
    const stored = await t.deps.storage.get(segKey);
    const storedBytes = Buffer.concat(await stored!.body.toArray());
    expect(seg.equals(storedBytes)).toBe(true);
    expect(seg[0]).toBe(0x47); // an MPEG-TS sync byte
    // The poster is a redirect to a signed URL; an anonymous caller gets nothing.
    const poster = await get(status.posterUrl!, 'manual');
    expect(poster.status).toBe(302);
    const jpeg = Buffer.from(await (await fetch(poster.headers.get('location')!)).arrayBuffer());
    expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect((await fetch(`${base}${status.posterUrl}`, { redirect: 'manual' })).status).toBe(401);

    // Deleting the entry (after withdrawing it) deletes every object of it from the bucket.
    expect((await api('POST', `/api/entries/${entryId}/withdraw`)).status).toBe(200);
    const del = await api('DELETE', `/api/entries/${entryId}`);
    expect(del.json).toEqual({ ok: true });
    expect(await t.deps.storage.usage(`contests/${contestId}/entries/${entryId}/`)).toBe(0);
    expect(await t.deps.db.selectFrom('uploads').select('id').where('entry_id', '=', entryId).execute()).toEqual([]);
    expect((await api('GET', `/api/entries/${entryId}/renditions`)).status).toBe(404);
  }, 180_000);

  it('keeps the local copy and fails the job on a wrong SHA-256 in the bucket; a retry moves it later', async () => {
    const entryId = await draft('Tổng kiểm tra sai');
    const uploadId = crypto.randomBytes(24).toString('base64url');
    fs.copyFileSync(videos.valid720, uploadPath(t.deps, uploadId));
    const at = new Date().toISOString();
    await t.deps.db
      .insertInto('uploads')
      .values({
        id: uploadId,
        entry_id: entryId,
        user_id: null,
        size_bytes: fs.statSync(videos.valid720).size,
        filename: 'a.mp4',
        status: 'accepted',
        sha256: sha256(videos.valid720),
        verdict_json: JSON.stringify({ ok: true, failures: [], passed: [], probe: { container: 'mp4' } }),
        created_at: at,
        completed_at: at,
        checked_at: at,
      })
      .execute();
    // A storage that damages one byte on the way in, as a faulty disk or proxy would.
    const real = t.deps.storage;
    const corrupt = `${uploadPath(t.deps, uploadId)}-corrupt`;
    const damaging: MediaStorage = Object.assign(Object.create(real) as MediaStorage, {
      put: async (key: string, from: string, opts: Parameters<MediaStorage['put']>[2]) => {
        const b = fs.readFileSync(from);
        const i = b.length >> 1;
        b.writeUInt8(b.readUInt8(i) ^ 0xff, i);
        fs.writeFileSync(corrupt, b);
        await real.put(key, corrupt, opts);
      },
    });
    t.deps.storage = damaging;
    try {
      const jobId = (await t.deps.jobs.send('move-upload', { uploadId }, { singletonKey: uploadId, retryLimit: 0 }))!;
      const failed = await until('the failed job', async () => {
        const j = await t.deps.jobs.getJob(jobId);
        return j?.state === 'failed' ? j : null;
      });
      expect(failed.lastError).toMatch(/SHA-256 of the stored copy .* expected [0-9a-f]{64}.*local copy is kept/);
      expect(sha256(uploadPath(t.deps, uploadId))).toBe(sha256(videos.valid720));
      const row = await t.deps.db
        .selectFrom('uploads')
        .select(['storage_key', 'stored_at'])
        .where('id', '=', uploadId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ storage_key: null, stored_at: null });
      expect((await t.deps.jobs.listFailed({ name: 'move-upload' })).map((j) => j.id)).toContain(jobId);

      // Staff retry once the fault is gone.
      t.deps.storage = real;
      expect(await t.deps.jobs.retry(jobId)).toBe(true);
      await until('the retried job', async () => (await t.deps.jobs.getJob(jobId))?.state === 'completed');
      const moved = await t.deps.db
        .selectFrom('uploads')
        .select('storage_key')
        .where('id', '=', uploadId)
        .executeTakeFirstOrThrow();
      expect(await storedSha256(real, moved.storage_key!)).toBe(sha256(videos.valid720));
      expect(fs.existsSync(uploadPath(t.deps, uploadId))).toBe(false);
    } finally {
      t.deps.storage = real;
      fs.rmSync(corrupt, { force: true });
    }
  });
});
