/**
 * Playback of an entry's file after a real upload through tus, the checks and the renditions run by the worker: the
 * HLS files, poster and original are served to the owner and contest staff (byte ranges included) and to nobody
 * else, and only the file names the renditions job writes can be reached.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '../../server/jobs/worker.ts';
import { storedRenditionsDir } from '../helpers/stored-renditions.ts';
import { completeDraft } from '../helpers/entries.ts';
import { logInOverHttp, type Session } from '../helpers/http-session.ts';
import { makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { makeTestVideos, type TestVideos } from '../helpers/videos.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';

let t: TestApp;
let base: string;
let videos: TestVideos;
let runner: Worker;

const login = (email: string, password: string): Promise<Session> => logInOverHttp(base, email, password);

function get(s: Session | null, url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${url}`, { headers: { ...(s ? { cookie: s.cookie } : {}), ...headers }, redirect: 'manual' });
}

function upload(s: Session, entryId: number, file: string, filename: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const up = new tus.Upload(fs.readFileSync(file), {
      endpoint: `${base}/api/uploads`,
      chunkSize: 50 * 1024 * 1024,
      retryDelays: [],
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      metadata: { entryId: String(entryId), filename },
      onSuccess: () => resolve(),
      onError: reject,
    });
    up.start();
  });
}

let owner: Session;
let staff: Session;
let stranger: Session;
let entryId: number;
let uploadId: string;
let dir: string;

beforeAll(async () => {
  videos = await makeTestVideos();
  t = await startTestApp();
  runner = await startWorker(t.deps, { pollMs: 100 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const [o, st, x] = await Promise.all([makeUser(t), makeUser(t, { role: 'secretariat' }), makeUser(t)]);
  [owner, staff, stranger] = await Promise.all([
    login(o.email, o.password),
    login(st.email, st.password),
    login(x.email, x.password),
  ]);

  const created = await fetch(`${base}/api/contests/${t.demoSlug}/entries`, {
    method: 'POST',
    headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(completeDraft({ kind: 'person' }, { title: 'Phát thử' })),
  });
  entryId = (await created.json()).id;
  await upload(owner, entryId, videos.valid720, 'Phóng sự "Một cửa" / bản cuối.mp4');
  // The checks, then the renditions, both run by the worker; the entrant's page polls the status route.
  let status: { status: string; percent: number } | null = null;
  for (let i = 0; i < 1200; i++) {
    const res = await get(owner, `/api/entries/${entryId}/renditions`);
    status = await res.json();
    if (status!.status === 'done' || status!.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(status).toMatchObject({ status: 'done', percent: 100 });
  const row = await t.deps.db
    .selectFrom('entries')
    .select('accepted_upload_id')
    .where('id', '=', entryId)
    .executeTakeFirstOrThrow();
  uploadId = row.accepted_upload_id!;
  dir = await storedRenditionsDir(t.deps, uploadId);
}, 180_000);

afterAll(async () => {
  await runner?.stop();
  await t?.close();
});

describe('playback', () => {
  it('reports the renditions with the URLs to play them', async () => {
    const res = await get(staff, `/api/entries/${entryId}/renditions`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('private');
    expect(await res.json()).toEqual({
      status: 'done',
      percent: 100,
      error: null,
      variants: [
        { name: '360p', width: 640, height: 360 },
        { name: '720p', width: 1280, height: 720 },
      ],
      masterUrl: `/api/entries/${entryId}/media/master.m3u8`,
      posterUrl: `/api/entries/${entryId}/media/poster.jpg`,
      subtitles: [],
    });
  });

  for (const who of ['owner', 'staff'] as const) {
    it(`serves the master and a variant playlist, a segment (whole, by range), the poster to the ${who}`, async () => {
      const s = who === 'owner' ? owner : staff;
      const master = await get(s, `/api/entries/${entryId}/media/master.m3u8`);
      expect(master.status).toBe(200);
      expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
      expect(master.headers.get('cache-control')).toMatch(/^private/);
      const masterText = await master.text();
      expect(masterText).toBe(fs.readFileSync(path.join(dir, 'master.m3u8'), 'utf8'));
      const variantUri = masterText
        .split('\n')
        .find((l) => l && !l.startsWith('#'))!
        .trim();
      expect(variantUri).toBe('360p/index.m3u8');

      // Relative URIs resolve under the media prefix, as a player resolves them.
      const variantUrl = new URL(variantUri, `${base}/api/entries/${entryId}/media/master.m3u8`);
      const variant = await get(s, variantUrl.pathname);
      expect(variant.status).toBe(200);
      expect(variant.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
      const segUri = (await variant.text())
        .split('\n')
        .find((l) => l && !l.startsWith('#'))!
        .trim();
      const segUrl = new URL(segUri, variantUrl).pathname;
      expect(segUrl).toBe(`/api/entries/${entryId}/media/360p/seg_00000.ts`);

      const onDisk = fs.readFileSync(path.join(dir, '360p', segUri));
      const whole = await get(s, segUrl);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('video/mp2t');
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      expect(Buffer.from(await whole.arrayBuffer()).equals(onDisk)).toBe(true);

      const part = await get(s, segUrl, { range: 'bytes=188-1127' });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 188-1127/${onDisk.length}`);
      expect(part.headers.get('content-length')).toBe('940');
      expect(Buffer.from(await part.arrayBuffer()).equals(onDisk.subarray(188, 1128))).toBe(true);

      const tail = await get(s, segUrl, { range: 'bytes=-100' });
      expect(tail.status).toBe(206);
      expect(Buffer.from(await tail.arrayBuffer()).equals(onDisk.subarray(onDisk.length - 100))).toBe(true);

      const past = await get(s, segUrl, { range: `bytes=${onDisk.length}-` });
      expect(past.status).toBe(416);
      expect(past.headers.get('content-range')).toBe(`bytes */${onDisk.length}`);

      const poster = await get(s, `/api/entries/${entryId}/media/poster.jpg`);
      expect(poster.status).toBe(200);
      expect(poster.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await poster.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect((await get(s, `/api/entries/${entryId}/media/strip.jpg`)).status).toBe(200);
    });
  }

  it('answers a stranger and an anonymous caller as if the entry did not exist', async () => {
    for (const url of [
      `/api/entries/${entryId}/renditions`,
      `/api/entries/${entryId}/media/master.m3u8`,
      `/api/entries/${entryId}/media/360p/seg_00000.ts`,
      `/api/entries/${entryId}/original`,
    ]) {
      const res = await get(stranger, url);
      expect(res.status, url).toBe(404);
      expect((await res.json()).error.code).toBe('entry.notFound');
      const anon = await get(null, url);
      expect(anon.status).toBe(401);
    }
  });

  it('serves nothing off the whitelist: traversal, encoded slashes, absolute names, other files: 404', async () => {
    // A file that must never be reachable: the original sits in the upload folder, a sibling folder lies next to it.
    const attempts = [
      '..%2F..%2F..%2Fuploads%2F' + uploadId,
      '..%2Fmaster.m3u8',
      '360p%2Findex.m3u8',
      '360p%2F..%2F..%2Fmaster.m3u8',
      '%2Fetc%2Fpasswd',
      '%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '360p/..%2F..%2Fmaster.m3u8',
      '360p/%2e%2e',
      '..',
      '.',
      'master.m3u8%00.jpg',
      'MASTER.M3U8',
      'index.m3u8',
      '360p/index.m3u8.bak',
      '360p/seg_0.ts',
      '480p/index.m3u8',
      'C:%5Cwindows%5Cwin.ini',
      encodeURIComponent(path.join(dir, 'master.m3u8')),
      encodeURIComponent(uploadPath(t.deps, uploadId)),
    ];
    for (const a of attempts) {
      const res = await get(owner, `/api/entries/${entryId}/media/${a}`);
      expect(res.status, a).toBe(404);
      expect(res.headers.get('content-type'), a).toContain('application/json');
    }
    // Raw traversal the URL parser would fold: sent as-is over a socket.
    const raw = await new Promise<string>((resolve, reject) => {
      const sock = net.connect(Number(new URL(base).port), '127.0.0.1', () => {
        sock.write(
          `GET /api/entries/${entryId}/media/360p/../../../../original HTTP/1.1\r\nHost: x\r\nCookie: ` +
            `${owner.cookie}\r\nConnection: close\r\n\r\n`,
        );
      });
      let out = '';
      sock.on('data', (d) => (out += d));
      sock.on('end', () => resolve(out));
      sock.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 404/);
  });

  it('lets the owner and staff download the original unchanged, by range, under its sanitized name', async () => {
    const onDisk = fs.readFileSync(videos.valid720);
    for (const s of [owner, staff]) {
      const res = await get(s, `/api/entries/${entryId}/original`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('video/mp4');
      expect(res.headers.get('cache-control')).toMatch(/^private/);
      const cd = res.headers.get('content-disposition')!;
      expect(cd).toMatch(/^attachment; /);
      // The name sent had a slash: only its last path part is a file name (core/file-name.ts).
      expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('bản cuối.mp4')}`);
      expect(cd).toContain('filename="ban cuoi.mp4"');
      const body = Buffer.from(await res.arrayBuffer());
      expect(crypto.createHash('sha256').update(body).digest('hex')).toBe(
        crypto.createHash('sha256').update(onDisk).digest('hex'),
      );

      const part = await get(s, `/api/entries/${entryId}/original`, { range: 'bytes=1000-1999' });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${onDisk.length}`);
      expect(part.headers.get('content-disposition')).toBe(cd);
      expect(Buffer.from(await part.arrayBuffer()).equals(onDisk.subarray(1000, 2000))).toBe(true);
    }
  });

  it('says "none" for an entry without an accepted file, and 404 for its media', async () => {
    const created = await fetch(`${base}/api/contests/${t.demoSlug}/entries`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' },
      body: JSON.stringify(completeDraft({ kind: 'person' }, { title: 'Chưa có tệp' })),
    });
    const id = (await created.json()).id;
    expect(await (await get(owner, `/api/entries/${id}/renditions`)).json()).toEqual({
      status: 'none',
      percent: 0,
      error: null,
      variants: [],
      subtitles: [],
    });
    const media = await get(owner, `/api/entries/${id}/media/master.m3u8`);
    expect(media.status).toBe(404);
    expect((await media.json()).error.code).toBe('media.notFound');
    expect((await (await get(owner, `/api/entries/${id}/original`)).json()).error.code).toBe('media.notFound');
  });
});
