/** ADR 0023: the site administrator removes the demo contest with its data and media; a real contest cannot be. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { saveNewsPost } from '../../server/services/publication/save-news-post.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';
import { verifyAuditLog } from '../../server/services/audit/verify-audit-log.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import type { ContestSummary } from '../helpers/api-types.ts';

let t: TestApp;
let admin: Client;
let entryIds: number[];
let demoId: number;
let tusFile: string;
const adminActor = () => ({ userId: t.admin.userId, isSiteAdmin: true, ip: null });

async function objectsUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of t.deps.storage.list(prefix)) keys.push(o.key);
  return keys;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await loggedInClient(t, t.admin.email, t.admin.password);
  demoId = Number(
    (await t.deps.db.selectFrom('contests').select('id').where('slug', '=', t.demoSlug).executeTakeFirstOrThrow()).id,
  );
  const entrant = await makeUser(t);
  entryIds = [await approvedEntry(t, { id: entrant.id }), await approvedEntry(t, { id: entrant.id })];
  await publishEntries(t.deps, adminActor(), t.demoSlug, { entryIds: [entryIds[0]!] });
  await saveNewsPost(t.deps, adminActor(), t.demoSlug, null, { title: 'Tin mẫu', body: 'Nội dung' });
  // The tus file of one upload is still on disk.
  const upload = await t.deps.db
    .selectFrom('uploads')
    .select('id')
    .where('entry_id', '=', entryIds[1]!)
    .executeTakeFirstOrThrow();
  tusFile = uploadPath(t.deps, upload.id);
  fs.mkdirSync(path.dirname(tusFile), { recursive: true });
  fs.writeFileSync(tusFile, Buffer.alloc(1024, 1));
});
afterAll(async () => t?.close());

describe('removing the demo', () => {
  it('is refused to anyone but a site administrator, the demo’s organizer included', async () => {
    const org = await makeUser(t, { role: 'organizer' });
    const oc = await loggedInClient(t, org.email, org.password);
    const u = await makeUser(t);
    const uc = await loggedInClient(t, u.email, u.password);
    for (const c of [oc, uc]) {
      expect((await c.get(`/api/contests/${t.demoSlug}/demo-contents`)).json().error.code).toBe('auth.forbidden');
      expect((await c.delete(`/api/contests/${t.demoSlug}`)).json().error.code).toBe('auth.forbidden');
    }
    expect((await new Client(t.app).delete(`/api/contests/${t.demoSlug}`)).statusCode).toBe(401);
  });

  it('refuses to delete a real contest, saying it can only be archived', async () => {
    await admin.post(`/api/contests/${t.demoSlug}/copy`, {
      slug: 'cuoc-that-2026',
      name: 'Cuộc thi thật',
      offsetDays: 0,
    });
    const res = await admin.delete('/api/contests/cuoc-that-2026');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'contest.notDemo' });
    expect(res.json().error.message).toContain('lưu trữ');
    expect((await admin.get('/api/contests/cuoc-that-2026')).statusCode).toBe(200);
  });

  it('names what will go, then removes the contest, its rows and its media, audited', async () => {
    const preview = (await admin.get(`/api/contests/${t.demoSlug}/demo-contents`)).json();
    const units = await t.deps.db.selectFrom('units').select('id').where('contest_id', '=', demoId).execute();
    expect(preview).toMatchObject({ slug: t.demoSlug, entries: 2, uploads: 2, newsPosts: 1, units: units.length });
    expect(preview.roles).toBeGreaterThanOrEqual(2);
    expect(await objectsUnder(`contests/${demoId}/`)).not.toEqual([]);
    expect(fs.existsSync(tusFile)).toBe(true);
    const shared = `/api/public/entries/${entryIds[0]}`;
    expect((await new Client(t.app).get(shared)).statusCode).toBe(200);

    const res = await admin.delete(`/api/contests/${t.demoSlug}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(preview);

    expect((await admin.get(`/api/contests/${t.demoSlug}`)).statusCode).toBe(404);
    expect((await new Client(t.app).get(shared)).statusCode).toBe(404);
    const list = (await new Client(t.app).get('/api/contests')).json<ContestSummary[]>();
    expect(list.some((c) => c.isDemo)).toBe(false);
    for (const table of ['entries', 'units', 'unit_categories', 'contest_roles', 'news_posts', 'publications'] as const)
      expect(await t.deps.db.selectFrom(table).select('contest_id').where('contest_id', '=', demoId).execute()).toEqual(
        [],
      );
    expect(await t.deps.db.selectFrom('uploads').select('id').where('entry_id', 'in', entryIds).execute()).toEqual([]);
    expect(await objectsUnder(`contests/${demoId}/`)).toEqual([]);
    expect(fs.existsSync(tusFile)).toBe(false);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'contest.deleteDemo')
      .executeTakeFirstOrThrow();
    expect(audit.contest_id).toBe(demoId);
    expect(JSON.parse(audit.details_json)).toEqual(preview);
    expect((await verifyAuditLog(t.deps)).ok).toBe(true);
    // The copy made from the demo is untouched.
    expect((await admin.get('/api/contests/cuoc-that-2026')).statusCode).toBe(200);
  });
});
