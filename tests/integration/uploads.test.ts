/**
 * Resumable uploads through the real tus client over a real socket, the server's checks of the uploaded file, and
 * the entrant's submission with the file's SHA-256 on the receipt.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '../../server/jobs/worker.ts';
import { checkUpload } from '../../server/services/uploads/check-upload.ts';
import type { EntryView, ErrorBody, Receipt } from '../helpers/api-types.ts';
import { completeDraft, unitId } from '../helpers/entries.ts';
import { logInOverHttp, type Session } from '../helpers/http-session.ts';
import { makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { makeTestVideos, type TestVideos } from '../helpers/videos.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';

let t: TestApp;
let base: string;
let videos: TestVideos;

const login = (email: string, password: string): Promise<Session> => logInOverHttp(base, email, password);

/** The API over the socket; `T` is the answer the caller expects. */
async function api<T = unknown>(
  s: Session,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

type Upload = NonNullable<EntryView['upload']>;
/** An entry whose file has been checked: its upload and the upload's verdict are there. */
type CheckedEntry = EntryView & { upload: Upload & { verdict: NonNullable<Upload['verdict']> } };

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

interface UploadOpts {
  chunkSize?: number;
  uploadUrl?: string;
  onProgress?: (sent: number, total: number, upload: tus.Upload) => void;
}

/** Uploads with tus-js-client; resolves with the upload URL, rejects with the server's answer. */
function upload(
  s: Session,
  entryId: number,
  file: string,
  opts: UploadOpts = {},
): { promise: Promise<string>; upload: tus.Upload } {
  let up!: tus.Upload;
  const promise = new Promise<string>((resolve, reject) => {
    up = new tus.Upload(fs.readFileSync(file), {
      endpoint: `${base}/api/uploads`,
      uploadUrl: opts.uploadUrl,
      chunkSize: opts.chunkSize ?? 50 * 1024 * 1024,
      retryDelays: [],
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      metadata: { entryId: String(entryId), filename: 'phóng sự.mp4' },
      onProgress: (sent, total) => opts.onProgress?.(sent, total, up),
      onSuccess: () => resolve(up.url!),
      onError: reject,
    });
    up.start();
  });
  return { promise, upload: up };
}

/** Starts an upload in small chunks and stops it once `afterBytes` have been sent; resolves with its URL. */
function startThenAbort(
  s: Session,
  entryId: number,
  file: string,
  afterBytes: number,
  chunkSize = 16 * 1024,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let done = false;
    const { promise } = upload(s, entryId, file, {
      chunkSize,
      onProgress: (sent, _total, up) => {
        if (done || sent < afterBytes) return;
        done = true;
        void up.abort().then(() => resolve(up.url!));
      },
    });
    promise.then(() => reject(new Error('the upload finished before it could be interrupted')), reject);
  });
}

async function waitForCheck(s: Session, entryId: number): Promise<CheckedEntry> {
  for (let i = 0; i < 200; i++) {
    const view = (await api<EntryView>(s, 'GET', `/api/entries/${entryId}`)).json;
    if (view.upload && ['accepted', 'refused'].includes(view.upload.status)) return view as CheckedEntry;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('check did not finish');
}

async function waitForJobState(name: 'check-upload', key: string, state: string): Promise<unknown> {
  let job: { state: string } | null = null;
  for (let i = 0; i < 100; i++) {
    job = await t.deps.jobs.findByKey(name, key);
    if (job?.state === state) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return job;
}

let runner: Worker;
let rep: Session;
let unit: number;
const slug = () => t.demoSlug;

beforeAll(async () => {
  videos = await makeTestVideos();
  // One representative starts more drafts here than an entrant may keep at once.
  t = await startTestApp({ env: { MAX_DRAFTS_PER_ENTRANT: '100' } });
  runner = await startWorker(t.deps, { pollMs: 100 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  unit = await unitId(t, 'Xã Vĩnh Lâm');
  const u = await makeUser(t, { role: 'unit_rep', unitId: unit });
  rep = await login(u.email, u.password);
}, 120_000);

afterAll(async () => {
  await runner?.stop();
  await t?.close();
});

async function draft(s: Session = rep, title = 'Một cửa điện tử'): Promise<number> {
  const res = await api<{ id: number }>(
    s,
    'POST',
    `/api/contests/${slug()}/entries`,
    completeDraft({ kind: 'unit', unitId: unit }, { title }),
  );
  expect(res.status).toBe(201);
  return res.json.id;
}

describe('resumable upload', () => {
  it("uploads a valid video, checks it, and submits with the file's SHA-256 on the receipt", async () => {
    const id = await draft();
    await upload(rep, id, videos.valid720).promise;
    const view = await waitForCheck(rep, id);
    expect(view.upload).toMatchObject({
      status: 'accepted',
      sha256: sha256(videos.valid720),
      filename: 'phóng sự.mp4',
      sizeBytes: fs.statSync(videos.valid720).size,
    });
    expect(view.upload.verdict.passed).toEqual(
      expect.arrayContaining(['container', 'duration', 'resolution', 'aspect_ratio', 'integrity', 'decode']),
    );
    const receipt = await api<Receipt>(rep, 'POST', `/api/entries/${id}/submit`);
    expect(receipt.status).toBe(200);
    expect(receipt.json.sha256).toBe(sha256(videos.valid720));
    // The file on disk is byte-exact and named by the upload id, not by the client's name.
    const uploadId = view.upload.id;
    expect(uploadId).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(sha256(`${t.deps.config.uploadDir}/${uploadId}`)).toBe(sha256(videos.valid720));
    expect(fs.readdirSync(t.deps.config.uploadDir).some((f) => f.includes('phóng'))).toBe(false);
  });

  it('resumes an interrupted upload from where it stopped and ends byte-exact', async () => {
    const id = await draft(rep, 'Bị ngắt giữa chừng');
    const chunk = 16 * 1024;
    const size = fs.statSync(videos.valid1080).size;
    expect(size).toBeGreaterThan(8 * chunk);
    const url = await startThenAbort(rep, id, videos.valid1080, 2 * chunk, chunk);
    const head = await fetch(url, { method: 'HEAD', headers: { cookie: rep.cookie, 'tus-resumable': '1.0.0' } });
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThanOrEqual(chunk);
    expect(offset).toBeLessThan(size);
    let firstResumedByte = -1;
    await upload(rep, id, videos.valid1080, {
      uploadUrl: url,
      chunkSize: chunk,
      onProgress: (sent) => {
        if (firstResumedByte < 0) firstResumedByte = sent;
      },
    }).promise;
    expect(firstResumedByte).toBeGreaterThanOrEqual(offset);
    const view = await waitForCheck(rep, id);
    expect(view.upload.status).toBe('accepted');
    expect(view.upload.sha256).toBe(sha256(videos.valid1080));
  });

  it('refuses a file that breaks the rules, says why in Vietnamese, and takes a new file for the entry', async () => {
    const id = await draft(rep, 'Tỉ lệ 4:3');
    await upload(rep, id, videos.fourByThree).promise;
    const refused = await waitForCheck(rep, id);
    expect(refused.upload.status).toBe('refused');
    expect(refused.upload.verdict.failures.map((f) => f.rule)).toEqual(['aspect_ratio']);
    expect(refused.upload.verdict.failures.some((f) => /4:3/.test(f.message.vi))).toBe(true);
    expect((await api<ErrorBody>(rep, 'POST', `/api/entries/${id}/submit`)).json.error.code).toBe(
      'entry.noAcceptedFile',
    );
    await upload(rep, id, videos.valid720Faststart).promise;
    const accepted = await waitForCheck(rep, id);
    expect(accepted.upload.status).toBe('accepted');
    expect((await api(rep, 'POST', `/api/entries/${id}/submit`)).status).toBe(200);
  });

  it('refuses a truncated file and one with trailing bytes that ffprobe would pass', async () => {
    for (const name of ['truncated60', 'appended'] as const) {
      const id = await draft(rep, `Hỏng ${name}`);
      await upload(rep, id, videos[name]).promise;
      const view = await waitForCheck(rep, id);
      expect(view.upload.status).toBe('refused');
      expect(view.upload.verdict.failures.map((f) => f.rule)).toContain('integrity');
    }
  });
});

describe('who may upload', () => {
  it("refuses an anonymous caller, another user's entry and an unknown upload id", async () => {
    const id = await draft(rep, 'Của người khác');
    // An anonymous visitor with a valid anonymous CSRF token: refused for not being logged in, not for the token.
    const s0 = await fetch(`${base}/api/auth/session`);
    const anonCookie = s0.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = await s0.json();
    const anon = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: {
        cookie: anonCookie,
        'x-csrf-token': csrfToken,
        'tus-resumable': '1.0.0',
        'upload-length': '10',
        'upload-metadata': `entryId ${Buffer.from(String(id)).toString('base64')}`,
      },
    });
    expect(anon.status).toBe(401);
    expect((await anon.json()).error.code).toBe('auth.required');
    const stranger = await makeUser(t);
    const s = await login(stranger.email, stranger.password);
    await expect(upload(s, id, videos.valid720).promise).rejects.toThrow(/404/);
    // A stranger cannot write into the owner's upload even with its URL.
    const url = await startThenAbort(rep, id, videos.valid1080, 1);
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: Buffer.alloc(10),
    });
    expect(patch.status).toBe(404);
    expect((await patch.json()).error.code).toBe('upload.notFound');
    const guess = await fetch(`${base}/api/uploads/${crypto.randomBytes(32).toString('base64url')}`, {
      method: 'HEAD',
      headers: { cookie: rep.cookie, 'tus-resumable': '1.0.0' },
    });
    expect(guess.status).toBe(404);
  });

  it('cannot be steered to another upload by a query string: tus acts only on the authorized upload', async () => {
    const victimEntry = await draft(rep, 'Của nạn nhân');
    const victimUrl = await startThenAbort(rep, victimEntry, videos.valid1080, 1);
    const victimId = victimUrl.split('/').pop()!;
    const before = Number(
      (
        await fetch(victimUrl, { method: 'HEAD', headers: { cookie: rep.cookie, 'tus-resumable': '1.0.0' } })
      ).headers.get('upload-offset'),
    );
    const attacker = await makeUser(t);
    const s = await login(attacker.email, attacker.password);
    const own = (
      await api<{ id: number }>(
        s,
        'POST',
        `/api/contests/${slug()}/entries`,
        completeDraft({ kind: 'person' }, { title: 'Của kẻ tấn công' }),
      )
    ).json.id;
    const ownUrl = await startThenAbort(s, own, videos.valid1080, 1);
    for (const method of ['PATCH', 'DELETE'] as const) {
      const res = await fetch(`${ownUrl}?x=/${victimId}`, {
        method,
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          'tus-resumable': '1.0.0',
          'upload-offset': String(before),
          'content-type': 'application/offset+octet-stream',
        },
        body: method === 'PATCH' ? Buffer.alloc(10, 7) : undefined,
      });
      expect(res.status).toBe(404);
    }
    const after = await fetch(victimUrl, { method: 'HEAD', headers: { cookie: rep.cookie, 'tus-resumable': '1.0.0' } });
    expect(after.status).toBe(200);
    expect(Number(after.headers.get('upload-offset'))).toBe(before);
  });

  it('refuses a file larger than the contest allows before any byte is sent', async () => {
    const id = await draft(rep, 'Quá lớn');
    const res = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: {
        cookie: rep.cookie,
        'x-csrf-token': rep.csrf,
        'accept-language': 'vi',
        'tus-resumable': '1.0.0',
        'upload-length': String(5 * 1024 ** 3),
        'upload-metadata': `entryId ${Buffer.from(String(id)).toString('base64')}`,
      },
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/vượt giới hạn 4\.00 GiB/);
  });

  it('refuses an upload without the CSRF token', async () => {
    const id = await draft(rep, 'Không có mã CSRF');
    const res = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: {
        cookie: rep.cookie,
        'tus-resumable': '1.0.0',
        'upload-length': '10',
        'upload-metadata': `entryId ${Buffer.from(String(id)).toString('base64')}`,
      },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('auth.csrf');
  });

  it('lets a new upload replace an unfinished one: the old upload can no longer be resumed', async () => {
    const id = await draft(rep, 'Đổi tệp');
    const url = await startThenAbort(rep, id, videos.valid1080, 1);
    await upload(rep, id, videos.valid720).promise;
    const head = await fetch(url, { method: 'HEAD', headers: { cookie: rep.cookie, 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(404);
    expect((await waitForCheck(rep, id)).upload.status).toBe('accepted');
  });
});

describe('file names and protocol errors', () => {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

  it('shows a cleaned file name and keeps the name as sent in the history', async () => {
    const id = await draft(rep, 'Tên tệp lạ');
    const sent = '../../etc/\u0000phóng\r\nsự\u202egpj.mp4';
    const res = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: {
        cookie: rep.cookie,
        'x-csrf-token': rep.csrf,
        'tus-resumable': '1.0.0',
        'upload-length': '10',
        'upload-metadata': `entryId ${b64(String(id))},filename ${b64(sent)}`,
      },
    });
    expect(res.status).toBe(201);
    const view = (await api<EntryView>(rep, 'GET', `/api/entries/${id}`)).json;
    expect(view.upload?.filename).toBe('phóng sựgpj.mp4');
    const stored = await t.deps.db.selectFrom('uploads').select('filename').where('entry_id', '=', id).execute();
    expect(stored.map((u) => u.filename)).toEqual(['phóng sựgpj.mp4']);
    const started = view.events.find((e) => e.kind === 'upload.started');
    expect(started?.details).toMatchObject({ sizeBytes: 10, sentFilename: sent });
  });

  it("answers a request without Tus-Resumable with the usual JSON error, in the caller's language", async () => {
    const id = await draft(rep, 'Không có Tus-Resumable');
    const res = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: {
        cookie: rep.cookie,
        'x-csrf-token': rep.csrf,
        'accept-language': 'vi',
        'upload-length': '10',
        'upload-metadata': `entryId ${b64(String(id))}`,
      },
    });
    expect(res.status).toBe(412);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('upload.tusResumable');
    expect(body.error.message).toContain('Tus-Resumable: 1.0.0');
    const url = await startThenAbort(rep, id, videos.valid1080, 1);
    const head = await fetch(url, { method: 'HEAD', headers: { cookie: rep.cookie, 'accept-language': 'en' } });
    expect(head.status).toBe(412);
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: {
        cookie: rep.cookie,
        'x-csrf-token': rep.csrf,
        'accept-language': 'en',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: Buffer.alloc(10),
    });
    expect(patch.status).toBe(412);
    expect(((await patch.json()) as ErrorBody).error.message).toMatch(/lacks the tus protocol header/);
  });

  it("turns tus's own plain-text refusals into the JSON error body", async () => {
    const id = await draft(rep, 'Sai Upload-Offset');
    const url = await startThenAbort(rep, id, videos.valid1080, 1);
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: {
        cookie: rep.cookie,
        'x-csrf-token': rep.csrf,
        'accept-language': 'en',
        'tus-resumable': '1.0.0',
        'upload-offset': '5000000',
        'content-type': 'application/offset+octet-stream',
      },
      body: Buffer.alloc(10),
    });
    expect(patch.status).toBe(409);
    const body = (await patch.json()) as ErrorBody;
    expect(body.error.code).toBe('upload.protocol');
    expect(body.error.message).toMatch(/^The upload request does not follow the tus protocol: .*offset/i);
  });
});

describe('cancelling', () => {
  it('a cancelled upload (tus DELETE) leaves the entry with no upload in progress', async () => {
    const id = await draft(rep, 'Huỷ tải lên');
    const url = await startThenAbort(rep, id, videos.valid1080, 1);
    const del = await fetch(url, {
      method: 'DELETE',
      headers: { cookie: rep.cookie, 'x-csrf-token': rep.csrf, 'tus-resumable': '1.0.0' },
    });
    expect(del.status).toBe(204);
    for (let i = 0; i < 20 && (await api<EntryView>(rep, 'GET', `/api/entries/${id}`)).json.upload !== null; i++)
      await new Promise((r) => setTimeout(r, 50));
    const view = (await api<EntryView>(rep, 'GET', `/api/entries/${id}`)).json;
    expect(view.upload).toBeNull();
    expect(view.events.map((e) => e.kind)).toContain('upload.cancelled');
    expect(fs.existsSync(`${t.deps.config.uploadDir}/${url.split('/').pop()}`)).toBe(false);
  });
});

describe('checks survive a restart', () => {
  it('an upload finished while no worker runs waits in its job and is checked when a worker starts', async () => {
    const id = await draft(rep, 'Sau khi khởi động lại');
    await runner.stop();
    try {
      await upload(rep, id, videos.valid720).promise;
      const row = await t.deps.db
        .selectFrom('uploads')
        .selectAll()
        .where('entry_id', '=', id)
        .where('status', '=', 'checking')
        .executeTakeFirstOrThrow();
      const job = await t.deps.jobs.findByKey('check-upload', row.id);
      expect(job).toMatchObject({ state: 'created', attempts: 0, payload: { uploadId: row.id } });
      // A second request for the same upload's checks is dropped while the first waits.
      expect(await t.deps.jobs.send('check-upload', { uploadId: row.id }, { singletonKey: row.id })).toBeNull();
    } finally {
      runner = await startWorker(t.deps, { pollMs: 100 });
    }
    expect((await waitForCheck(rep, id)).upload.status).toBe('accepted');
    const row = await t.deps.db.selectFrom('uploads').select('id').where('entry_id', '=', id).executeTakeFirstOrThrow();
    // The job is marked done just after its handler returns (with pg-boss, in a call of its own): wait for it.
    expect(await waitForJobState('check-upload', row.id, 'completed')).toMatchObject({
      state: 'completed',
      attempts: 1,
    });
    // The check itself is idempotent: a second run of the job changes nothing.
    expect(await checkUpload(t.deps, row.id)).toBe('skipped');
  });

  it('queues the check of an upload left "checking" without a job (before the job queue) at start', async () => {
    const id = await draft(rep, 'Từ trước khi có hàng đợi');
    await runner.stop();
    const uploadId = crypto.randomBytes(32).toString('base64url');
    try {
      const at = new Date().toISOString();
      fs.copyFileSync(videos.valid720, uploadPath(t.deps, uploadId));
      await t.deps.db
        .insertInto('uploads')
        .values({
          id: uploadId,
          entry_id: id,
          user_id: null,
          size_bytes: fs.statSync(videos.valid720).size,
          filename: 'cu.mp4',
          status: 'checking',
          created_at: at,
          completed_at: at,
        })
        .execute();
      await t.deps.db.updateTable('entries').set({ active_upload_id: uploadId }).where('id', '=', id).execute();
      expect(await t.deps.jobs.findByKey('check-upload', uploadId)).toBeNull();
    } finally {
      runner = await startWorker(t.deps, { pollMs: 100 });
    }
    expect((await waitForCheck(rep, id)).upload).toMatchObject({
      id: uploadId,
      status: 'accepted',
      sha256: sha256(videos.valid720),
    });
  });
});

describe('housekeeping', () => {
  it('deletes unfinished uploads older than UPLOAD_EXPIRY_HOURS and keeps recent ones', async () => {
    const oldEntry = await draft(rep, 'Bỏ dở từ tuần trước');
    const oldUrl = await startThenAbort(rep, oldEntry, videos.valid1080, 1);
    const recentEntry = await draft(rep, 'Đang tải dở hôm nay');
    const recentUrl = await startThenAbort(rep, recentEntry, videos.valid1080, 1);
    const oldId = oldUrl.split('/').pop()!;
    const recentId = recentUrl.split('/').pop()!;
    await t.deps.db
      .updateTable('uploads')
      .set({ created_at: new Date(Date.now() - (t.deps.config.uploadExpiryHours + 1) * 3600_000).toISOString() })
      .where('id', '=', oldId)
      .execute();
    expect(fs.existsSync(`${t.deps.config.uploadDir}/${oldId}`)).toBe(true);
    await runner.stop();
    runner = await startWorker(t.deps, { pollMs: 100 });
    for (let i = 0; i < 50; i++) {
      const row = await t.deps.db
        .selectFrom('uploads')
        .select('status')
        .where('id', '=', oldId)
        .executeTakeFirstOrThrow();
      if (row.status === 'expired') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(
      (await t.deps.db.selectFrom('uploads').select('status').where('id', '=', oldId).executeTakeFirstOrThrow()).status,
    ).toBe('expired');
    expect(fs.existsSync(`${t.deps.config.uploadDir}/${oldId}`)).toBe(false);
    expect(fs.existsSync(`${t.deps.config.uploadDir}/${recentId}`)).toBe(true);
    expect(
      (await fetch(oldUrl, { method: 'HEAD', headers: { cookie: rep.cookie, 'tus-resumable': '1.0.0' } })).status,
    ).toBe(404);
  });
});
