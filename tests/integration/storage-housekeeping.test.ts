/**
 * Storage housekeeping on local storage: deleting an entry deletes its media (and who may), the contest's storage
 * dashboard, the orphan report and its clean-up, and failed media jobs that staff list and retry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContest } from '../../server/services/contests/create-contest.ts';
import { renditionsWorkDir } from '../../server/services/media/make-renditions.ts';
import { saveEntryDraft } from '../../server/services/entries/save-entry-draft.ts';
import { submitEntry } from '../../server/services/entries/submit-entry.ts';
import { type LocalStorage } from '../../server/storage/local-storage.ts';
import { demoContest } from '../../server/demo/vinh-linh-2024.ts';
import { attachAcceptedFile, completeDraft } from '../helpers/entries.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';

let t: TestApp;
let storage: LocalStorage;
let contestId: number;
let otherSlug: string;
const users: Record<
  'entrant' | 'otherEntrant' | 'organizer' | 'secretariat' | 'juror',
  { id: number; email: string; password: string }
> = {} as never;
const clients: Record<string, Client> = {};
const actorOf = (u: { id: number }) => ({ userId: u.id, isSiteAdmin: false, ip: null });

async function put(key: string, bytes: number, ageMs = 0): Promise<void> {
  await storage.putStream(key, Readable.from([Buffer.alloc(bytes, 1)]), { contentType: 'application/octet-stream' });
  if (ageMs) ageFile(storage.pathOf(key), ageMs);
}

function ageFile(file: string, ageMs: number): void {
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(file, when, when);
}

function writeLocal(file: string, bytes: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.alloc(bytes, 2));
}

/** A draft of `owner` with an accepted file on local disk and stored renditions and subtitles. */
async function entryWithMedia(
  owner: { id: number },
  slug = t.demoSlug,
): Promise<{ entryId: number; uploadId: string; contest: number }> {
  const { id } = await saveEntryDraft(
    t.deps,
    actorOf(owner),
    slug,
    completeDraft({ kind: 'person' }, { title: `Phóng sự ${Math.random().toString(36).slice(2, 7)}` }),
  );
  const uploadId = await attachAcceptedFile(t, id);
  const contest = Number(
    (await t.deps.db.selectFrom('entries').select('contest_id').where('id', '=', id).executeTakeFirstOrThrow())
      .contest_id,
  );
  writeLocal(uploadPath(t.deps, uploadId), 5000);
  writeLocal(`${uploadPath(t.deps, uploadId)}.json`, 100);
  const prefix = `contests/${contest}/entries/${id}/renditions/${uploadId}/`;
  await put(`${prefix}master.m3u8`, 300);
  await put(`${prefix}360p/seg_00000.ts`, 2000);
  await put(`contests/${contest}/entries/${id}/subtitles/vi.vtt`, 400);
  const at = new Date().toISOString();
  await t.deps.db
    .insertInto('renditions')
    .values({
      upload_id: uploadId,
      status: 'done',
      percent: 100,
      error: null,
      variants_json: '[]',
      storage_prefix: prefix,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { entryId: id, uploadId, contest };
}

async function auditActions(target: string): Promise<{ action: string; details: Record<string, unknown> }[]> {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'details_json'])
    .where('target', '=', target)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, details: JSON.parse(r.details_json) }));
}

beforeAll(async () => {
  t = await startTestApp({ env: { MAX_DRAFTS_PER_ENTRANT: '100' } });
  storage = t.deps.storage as LocalStorage;
  contestId = Number(
    (await t.deps.db.selectFrom('contests').select('id').where('slug', '=', t.demoSlug).executeTakeFirstOrThrow()).id,
  );
  otherSlug = (
    await createContest(
      t.deps,
      { userId: t.admin.userId, isSiteAdmin: true, ip: null },
      { ...demoContest(new Date()), slug: 'cuoc-thi-khac' },
    )
  ).slug;
  users.entrant = await makeUser(t, { role: 'entrant' });
  users.otherEntrant = await makeUser(t, { role: 'entrant' });
  users.organizer = await makeUser(t, { role: 'organizer' });
  users.secretariat = await makeUser(t, { role: 'secretariat' });
  users.juror = await makeUser(t, { role: 'juror' });
  for (const [k, u] of Object.entries(users)) clients[k] = await loggedInClient(t, u.email, u.password);
  clients.admin = await loggedInClient(t, t.admin.email, t.admin.password);
});

afterAll(async () => t?.close());

describe('deleting an entry', () => {
  it('lets the entrant delete a draft with all its bytes: stored objects, tus files and work directories', async () => {
    const { entryId, uploadId, contest } = await entryWithMedia(users.entrant);
    writeLocal(path.join(renditionsWorkDir(t.deps, uploadId), 'master.m3u8'), 10);
    // Another entry's media stays.
    const keep = await entryWithMedia(users.entrant);
    expect(await storage.usage(`contests/${contest}/entries/${entryId}/`)).toBe(2700);

    const res = await clients.entrant!.request('DELETE', `/api/entries/${entryId}`);
    expect(res.statusCode).toBe(200);
    expect(await storage.usage(`contests/${contest}/entries/${entryId}/`)).toBe(0);
    expect(fs.existsSync(uploadPath(t.deps, uploadId))).toBe(false);
    expect(fs.existsSync(`${uploadPath(t.deps, uploadId)}.json`)).toBe(false);
    expect(fs.existsSync(renditionsWorkDir(t.deps, uploadId))).toBe(false);
    expect(await t.deps.db.selectFrom('uploads').select('id').where('id', '=', uploadId).execute()).toEqual([]);
    expect(
      await t.deps.db.selectFrom('renditions').select('upload_id').where('upload_id', '=', uploadId).execute(),
    ).toEqual([]);
    expect((await clients.entrant!.get(`/api/entries/${entryId}`)).statusCode).toBe(404);
    // The entrant's own draft: not a staff action, so not in the audit log.
    expect(await auditActions(`entry:${entryId}`)).toEqual([]);

    expect(await storage.usage(`contests/${contest}/entries/${keep.entryId}/`)).toBe(2700);
    expect(fs.existsSync(uploadPath(t.deps, keep.uploadId))).toBe(true);
  });

  it('refuses the entrant a submitted entry (withdraw first) and keeps its files', async () => {
    const { entryId, uploadId, contest } = await entryWithMedia(users.entrant);
    await submitEntry(t.deps, actorOf(users.entrant), entryId);
    const res = await clients.entrant!.request('DELETE', `/api/entries/${entryId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('entry.notDeletable');
    expect(res.json().error.message).toContain('Hãy rút tác phẩm trước hạn nộp rồi xóa');
    expect(fs.existsSync(uploadPath(t.deps, uploadId))).toBe(true);
    expect(await storage.usage(`contests/${contest}/entries/${entryId}/`)).toBe(2700);
  });

  it('refuses other people: another entrant and a juror learn nothing, the secretariat is forbidden', async () => {
    const { entryId } = await entryWithMedia(users.entrant);
    expect((await clients.otherEntrant!.request('DELETE', `/api/entries/${entryId}`)).json().error.code).toBe(
      'entry.notFound',
    );
    expect((await clients.juror!.request('DELETE', `/api/entries/${entryId}`)).json().error.code).toBe(
      'entry.notFound',
    );
    expect(
      (await clients.secretariat!.request('DELETE', `/api/entries/${entryId}`, { reason: 'Không được phép' })).json()
        .error.code,
    ).toBe('auth.forbidden');
    expect((await t.deps.db.selectFrom('entries').select('id').where('id', '=', entryId).execute()).length).toBe(1);
  });

  it('lets the organizer delete a submitted entry with a reason, audited, freeing its place in the quota', async () => {
    const { entryId, uploadId, contest } = await entryWithMedia(users.entrant);
    await submitEntry(t.deps, actorOf(users.entrant), entryId);
    const code = (
      await t.deps.db.selectFrom('entries').select('code').where('id', '=', entryId).executeTakeFirstOrThrow()
    ).code;
    expect(
      await t.deps.db.selectFrom('entry_slots').select('entry_id').where('entry_id', '=', entryId).execute(),
    ).toHaveLength(1);

    const noReason = await clients.organizer!.request('DELETE', `/api/entries/${entryId}`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('entry.deleteReasonRequired');
    clients.organizer!.lang = 'en';
    expect((await clients.organizer!.request('DELETE', `/api/entries/${entryId}`)).json().error.message).toContain(
      'Give the reason',
    );
    clients.organizer!.lang = 'vi';

    const res = await clients.organizer!.request('DELETE', `/api/entries/${entryId}`, {
      reason: 'Tác giả đề nghị xóa dữ liệu cá nhân',
    });
    expect(res.statusCode).toBe(200);
    expect(await storage.usage(`contests/${contest}/entries/${entryId}/`)).toBe(0);
    expect(fs.existsSync(uploadPath(t.deps, uploadId))).toBe(false);
    expect(
      await t.deps.db.selectFrom('entry_slots').select('entry_id').where('entry_id', '=', entryId).execute(),
    ).toEqual([]);
    expect(await auditActions(`entry:${entryId}`)).toEqual([
      { action: 'entry.delete', details: { code, status: 'submitted', reason: 'Tác giả đề nghị xóa dữ liệu cá nhân' } },
    ]);
  });
});

describe('storage dashboard', () => {
  it('sums the bytes of a contest by kind and names the entries that use most', async () => {
    const fresh = await createContest(
      t.deps,
      { userId: t.admin.userId, isSiteAdmin: true, ip: null },
      { ...demoContest(new Date()), slug: 'thong-ke-dung-luong' },
    );
    const owner = await makeUser(t, { role: 'entrant', slug: fresh.slug });
    const a = await entryWithMedia(owner, fresh.slug);
    const b = await entryWithMedia(owner, fresh.slug);
    await put(`contests/${a.contest}/entries/${b.entryId}/renditions/${b.uploadId}/720p/seg_00000.ts`, 10_000);
    // A second upload of entry a that is still arriving, and one it replaced.
    for (const [status, bytes] of [
      ['uploading', 700],
      ['replaced', 900],
    ] as const) {
      const id = `${status}${'x'.repeat(30)}`;
      const at = new Date().toISOString();
      await t.deps.db
        .insertInto('uploads')
        .values({
          id,
          entry_id: a.entryId,
          user_id: null,
          size_bytes: bytes,
          filename: 'v.mp4',
          status,
          sha256: null,
          verdict_json: null,
          created_at: at,
        })
        .execute();
      writeLocal(uploadPath(t.deps, id), bytes);
    }

    const res = await clients.admin!.get(`/api/contests/${fresh.slug}/storage`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.storage).toBe('local');
    expect(view.byKind).toEqual({
      originals: { bytes: 10_000, files: 2 },
      renditions: { bytes: 2 * 2300 + 10_000, files: 5 },
      subtitles: { bytes: 800, files: 2 },
      uploading: { bytes: 700, files: 1 },
      superseded: { bytes: 900, files: 1 },
      other: { bytes: 0, files: 0 },
    });
    expect(view.totalBytes).toBe(10_000 + 14_600 + 800 + 700 + 900);
    expect(view.topEntries.map((e: { entryId: number; bytes: number }) => [e.entryId, e.bytes])).toEqual([
      [b.entryId, 17_700],
      [a.entryId, 9_300],
    ]);
    expect(view.topEntries[0].title).toMatch(/^Phóng sự /);
    expect(view.disk.freeBytes).toBeGreaterThan(0);
    expect(view.disk.totalBytes).toBeGreaterThanOrEqual(view.disk.freeBytes);
  });

  it('is for the organizer and secretariat of that contest only', async () => {
    expect((await clients.secretariat!.get(`/api/contests/${t.demoSlug}/storage`)).statusCode).toBe(200);
    expect((await clients.juror!.get(`/api/contests/${t.demoSlug}/storage`)).json().error.code).toBe('auth.forbidden');
    expect((await clients.organizer!.get(`/api/contests/${otherSlug}/storage`)).json().error.code).toBe(
      'auth.forbidden',
    );
  });
});

describe('orphaned files', () => {
  it('reports files nothing points at, older than an hour, and removes them on request (audited)', async () => {
    const live = await entryWithMedia(users.entrant);
    const hour = 3600_000;
    for (const f of [uploadPath(t.deps, live.uploadId), `${uploadPath(t.deps, live.uploadId)}.json`])
      ageFile(f, 2 * hour);
    await put(
      `contests/${contestId}/entries/${live.entryId}/renditions/${live.uploadId}/360p/seg_00001.ts`,
      50,
      2 * hour,
    );
    // Orphans: a deleted entry's object, an original never recorded, renditions of a replaced run, a stray key, a tus
    // file without an upload; a young one that a job may still be recording is left out.
    await put(`contests/${contestId}/entries/99999999/original/gone.mp4`, 1000, 2 * hour);
    await put(`contests/${contestId}/entries/${live.entryId}/original/${live.uploadId}.mp4`, 2000, 2 * hour);
    await put(
      `contests/${contestId}/entries/${live.entryId}/renditions/oldrun${'y'.repeat(30)}/master.m3u8`,
      30,
      2 * hour,
    );
    await put('misc/stray.bin', 40, 2 * hour);
    const strayUpload = uploadPath(t.deps, 'z'.repeat(32));
    writeLocal(strayUpload, 500);
    ageFile(strayUpload, 2 * hour);
    await put(`contests/${contestId}/entries/99999999/original/recent.mp4`, 7);

    const res = await clients.admin!.get('/api/admin/storage/orphans');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    const listed = report.orphans
      .map((o: { where: string; key: string; reason: string }) => `${o.where} ${o.key} ${o.reason}`)
      .sort();
    expect(listed).toEqual(
      [
        `storage contests/${contestId}/entries/${live.entryId}/original/${live.uploadId}.mp4 notRecorded`,
        `storage contests/${contestId}/entries/${live.entryId}/renditions/oldrun${'y'.repeat(30)}/master.m3u8 noUpload`,
        `storage contests/${contestId}/entries/99999999/original/gone.mp4 noEntry`,
        'storage misc/stray.bin unknownKey',
        `uploads ${'z'.repeat(32)} noUpload`,
      ].sort(),
    );
    expect(report.totalBytes).toBe(1000 + 2000 + 30 + 40 + 500);

    const del = await clients.admin!.post('/api/admin/storage/orphans/delete');
    expect(del.json()).toEqual({ removed: 5, bytes: 3570 });
    expect((await clients.admin!.get('/api/admin/storage/orphans')).json().count).toBe(0);
    expect(fs.existsSync(strayUpload)).toBe(false);
    // What is referenced stays.
    expect(fs.existsSync(uploadPath(t.deps, live.uploadId))).toBe(true);
    expect(
      await storage.head(`contests/${contestId}/entries/${live.entryId}/renditions/${live.uploadId}/360p/seg_00001.ts`),
    ).toEqual({ size: 50 });
    expect(await storage.head(`contests/${contestId}/entries/99999999/original/recent.mp4`)).toEqual({ size: 7 });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details_json'])
      .where('action', '=', 'storage.removeOrphans')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details_json))).toEqual([{ removed: 5, bytes: 3570, found: 5 }]);
  });

  it('is for site administrators only', async () => {
    expect((await clients.organizer!.get('/api/admin/storage/orphans')).json().error.code).toBe('auth.forbidden');
    expect((await clients.organizer!.post('/api/admin/storage/orphans/delete')).json().error.code).toBe(
      'auth.forbidden',
    );
  });
});

describe('failed media jobs', () => {
  it('lists failed jobs without server paths; staff retry them (audited); not another contest’s job', async () => {
    await t.deps.jobs.work(
      'fingerprint-upload',
      async () => {
        throw new Error(`cannot read ${path.join(t.deps.config.uploadDir, 'abc')}`);
      },
      { pollMs: 50 },
    );
    const ours = await entryWithMedia(users.entrant);
    const otherOwner = await makeUser(t, { role: 'entrant', slug: otherSlug });
    const theirs = await entryWithMedia(otherOwner, otherSlug);
    const ids: string[] = [];
    for (const u of [ours.uploadId, theirs.uploadId])
      ids.push((await t.deps.jobs.send('fingerprint-upload', { uploadId: u }, { singletonKey: u, retryLimit: 0 }))!);
    for (
      let i = 0;
      i < 200 && !(await Promise.all(ids.map((id) => t.deps.jobs.getJob(id)))).every((j) => j?.state === 'failed');
      i++
    )
      await new Promise((r) => setTimeout(r, 50));

    const res = await clients.secretariat!.get(`/api/contests/${t.demoSlug}/jobs/failed`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: string; name: string; entryId: number; lastError: string; attempts: number }[];
    expect(list.map((j) => j.id)).toEqual([ids[0]]);
    expect(list[0]).toMatchObject({ name: 'fingerprint-upload', entryId: ours.entryId, attempts: 1 });
    expect(list[0]!.lastError).toContain('cannot read …');
    expect(list[0]!.lastError).not.toContain(t.deps.config.dataDir);

    const other = await clients.secretariat!.post(`/api/contests/${t.demoSlug}/jobs/${ids[1]}/retry`);
    expect(other.json().error.code).toBe('jobs.notFound');
    expect((await t.deps.jobs.getJob(ids[1]!))!.state).toBe('failed');

    expect((await clients.secretariat!.post(`/api/contests/${t.demoSlug}/jobs/${ids[0]}/retry`)).statusCode).toBe(200);
    // The worker here always fails, so the retry shows as a second run.
    for (let i = 0; i < 200 && (await t.deps.jobs.getJob(ids[0]!))!.attempts < 2; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect((await t.deps.jobs.getJob(ids[0]!))!.attempts).toBe(2);
    const audit = await auditActions(`entry:${ours.entryId}`);
    expect(audit).toEqual([{ action: 'job.retry', details: { job: 'fingerprint-upload', jobId: ids[0] } }]);
    expect((await clients.juror!.get(`/api/contests/${t.demoSlug}/jobs/failed`)).json().error.code).toBe(
      'auth.forbidden',
    );
  });
});
