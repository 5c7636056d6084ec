/**
 * Publication (R11, R16) and the public side: publishing approved entries with their caption, the gallery and its
 * filters, public entry pages and media, share previews, reports from the public, the fanpage captions export and
 * the contest's news. Personal data never reaches a public answer.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryPageSchema, publicEntrySchema } from '@core/api.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { updateContest } from '../../server/services/contests/update-contest.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let webDir: string;
let slug: string;
const c: Record<string, Client> = {};
let owner: { id: number; email: string; password: string };
const PHONE = '0912 345 678';
const ADDRESS = 'Thôn Tân Mỹ';

const noPersonalData = (body: string) => {
  for (const secret of [PHONE, '0912345678', ADDRESS, 'Công chức Văn phòng']) expect(body).not.toContain(secret);
};

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-'));
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><html lang="vi"><head><title>Cuộc thi video</title></head><body><div ' +
      'id="root"></div></body></html>',
  );
  fs.mkdirSync(path.join(webDir, 'assets'));
  const js = 'console.log("xin chào");'.repeat(100);
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), js);
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js.br'), zlib.brotliCompressSync(js));
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js.gz'), zlib.gzipSync(js));
  t = await startTestApp({ app: { webDir } });
  slug = t.demoSlug;
  const contest = await loadContest(t.deps.db, { slug });
  await updateContest(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null }, slug, {
    ...contest.settings,
    maxEntriesPerPerson: 100,
    phases: contest.phases,
    unitCategories: contest.unitCategories,
  });
  owner = await makeUser(t, { role: 'entrant' });
  c.owner = await loggedInClient(t, owner.email, owner.password);
  for (const role of ['publisher', 'organizer', 'secretariat', 'juror'] as const) {
    const u = await makeUser(t, { role });
    c[role] = await loggedInClient(t, u.email, u.password);
  }
  c.anon = new Client(t.app);
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('publishing', () => {
  it('publishes one approved entry with a caption crediting names and unit, and tells its author', async () => {
    const id = await approvedEntry(t, owner, { draft: { title: 'Một cửa liên thông ở Vĩnh Thái' } });
    const res = await c.publisher!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [id] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ published: [id], skipped: [] });

    const pub = await c.anon!.get(`/api/public/entries/${id}`);
    expect(pub.statusCode).toBe(200);
    const view = pub.json();
    expect(Object.keys(view).sort()).toEqual(Object.keys(publicEntrySchema.shape).sort());
    expect(() => publicEntrySchema.parse(view)).not.toThrow();
    expect(pub.headers['set-cookie']).toBeUndefined();
    expect(view).toMatchObject({
      id,
      title: 'Một cửa liên thông ở Vĩnh Thái',
      credits: { authors: ['Nguyễn Văn An'], unitName: null, groupName: null },
      posterUrl: `/api/public/entries/${id}/media/poster.jpg`,
      masterUrl: `/api/public/entries/${id}/media/master.m3u8`,
    });
    expect(view.caption).toContain('Tác giả: Nguyễn Văn An');
    expect(view.caption).toMatch(/#\w+/);
    noPersonalData(pub.body);

    const note = await t.deps.db
      .selectFrom('notifications')
      .select(['kind', 'payload_json'])
      .where('entry_id', '=', id)
      .execute();
    expect(note.map((n) => n.kind)).toEqual(['published']);
    expect(JSON.parse(note[0]!.payload_json).body.vi).toContain(`/c/${slug}/e/${id}`);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details_json'])
      .where('target', '=', `entry:${id}`)
      .where('action', '=', 'entry.publish')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('publishes all approved entries at once, naming those skipped and why', async () => {
    const ready = await approvedEntry(t, owner, { draft: { title: 'Sẵn sàng' } });
    const notReady = await approvedEntry(t, owner, { draft: { title: 'Chưa có bản phát' }, ready: false });
    const pending = await approvedEntry(t, owner, { draft: { title: 'Đang thẩm định' } });
    await t.deps.db.updateTable('entries').set({ review_status: 'pending' }).where('id', '=', pending).execute();

    const res = await c.organizer!.post(`/api/contests/${slug}/publication/publish`, { entryIds: null });
    expect(res.statusCode).toBe(200);
    const out = res.json() as { published: number[]; skipped: { entryId: number; reason: string }[] };
    expect(out.published).toContain(ready);
    expect(out.published).not.toContain(notReady);
    expect(out.skipped).toContainEqual(expect.objectContaining({ entryId: notReady, reason: 'notReady' }));
    expect(out.skipped.map((s) => s.entryId)).not.toContain(pending); // not approved: not a candidate at all

    const again = (await c.organizer!.post(`/api/contests/${slug}/publication/publish`, { entryIds: null })).json();
    expect(again.published).toEqual([]);
    const named = (
      await c.organizer!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [pending] })
    ).json();
    expect(named).toEqual({
      published: [],
      skipped: [expect.objectContaining({ entryId: pending, reason: 'notApproved' })],
    });
  });

  it('is for the publisher and organizer only', async () => {
    const id = await approvedEntry(t, owner);
    for (const who of ['secretariat', 'juror', 'owner'] as const) {
      const res = await c[who]!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [id] });
      expect(res.json().error.code, who).toBe('auth.forbidden');
    }
    expect(
      (await c.anon!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [id] })).json().error.code,
    ).toBe('auth.required');
    expect((await c.anon!.get(`/api/public/entries/${id}`)).statusCode).toBe(404);
    expect((await c.secretariat!.get(`/api/contests/${slug}/publication`)).json().error.code).toBe('auth.forbidden');
  });

  it('takes an entry down with a reason its author is told, and can publish it again', async () => {
    const id = await approvedEntry(t, owner, { draft: { title: 'Sẽ bị gỡ' } });
    await c.publisher!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [id] });
    expect(
      (await c.publisher!.post(`/api/contests/${slug}/publication/${id}/unpublish`, { reason: 'x' })).json().error.code,
    ).toBe('publish.reasonRequired');
    expect(
      (
        await c.publisher!.post(`/api/contests/${slug}/publication/${id}/unpublish`, {
          reason: 'Nhạc nền chưa rõ bản quyền',
        })
      ).statusCode,
    ).toBe(200);
    expect((await c.anon!.get(`/api/public/entries/${id}`)).statusCode).toBe(404);
    expect((await c.anon!.get(`/api/public/entries/${id}/media/poster.jpg`)).statusCode).toBe(404);
    const gallery = (await c.anon!.get(`/api/public/contests/${slug}/gallery?pageSize=100`)).json();
    expect(gallery.items.map((i: { id: number }) => i.id)).not.toContain(id);
    const rows = (await c.publisher!.get(`/api/contests/${slug}/publication`)).json() as {
      entryId: number;
      state: string;
      unpublishReason: string;
    }[];
    expect(rows.find((r) => r.entryId === id)).toMatchObject({
      state: 'withdrawn',
      unpublishReason: 'Nhạc nền chưa rõ bản quyền',
    });
    const note = await t.deps.db
      .selectFrom('notifications')
      .select('payload_json')
      .where('entry_id', '=', id)
      .where('kind', '=', 'unpublished')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(note.payload_json).body.vi).toContain('Lý do: Nhạc nền chưa rõ bản quyền');
    expect(
      (await c.publisher!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [id] })).json().published,
    ).toEqual([id]);
    expect((await c.anon!.get(`/api/public/entries/${id}`)).statusCode).toBe(200);
  });
});

describe('public gallery and media', () => {
  it('lists published entries with filters by form, unit and topic, and a search that ignores diacritics', async () => {
    const unit = Number(
      (await t.deps.db.selectFrom('units').select('id').where('name', '=', 'Xã Vĩnh Thái').executeTakeFirstOrThrow())
        .id,
    );
    const rep = await makeUser(t, { role: 'unit_rep', unitId: unit });
    const a = await approvedEntry(t, rep, {
      party: { kind: 'unit', unitId: unit },
      draft: { title: 'Đường về xã nông thôn mới', form: 'animation', topicIndex: 3 },
    });
    const b = await approvedEntry(t, owner, { draft: { title: 'Chuyện cái bến đò', form: 'skit', topicIndex: 0 } });
    await c.publisher!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [a, b] });

    const all = await c.anon!.get(`/api/public/contests/${slug}/gallery?pageSize=100`);
    expect(all.statusCode).toBe(200);
    expect(all.headers['cache-control']).toContain('public');
    noPersonalData(all.body);
    const ids = (q: string) =>
      c
        .anon!.get(`/api/public/contests/${slug}/gallery?pageSize=100&${q}`)
        .then((r) => r.json().items.map((i: { id: number }) => i.id));
    expect(await ids('form=animation')).toEqual([a]);
    expect(await ids(`unitId=${unit}`)).toEqual([a]);
    expect(await ids('topicIndex=0')).toContain(b);
    expect(await ids('topicIndex=0')).not.toContain(a);
    expect(await ids('q=duong%20ve%20xa')).toEqual([a]);
    expect(await ids('q=BEN%20DO')).toEqual([b]);
    expect(await ids('q=xa%20vinh%20thai')).toEqual([a]); // in the unit's name and the title
    // The answers are serialized by the service, not the route: they must still be what the schema says.
    expect(() => galleryPageSchema.parse(all.json())).not.toThrow();
    const card = all.json().items.find((i: { id: number }) => i.id === a);
    expect(Object.keys(card).sort()).toEqual(Object.keys(galleryPageSchema.shape.items.element.shape).sort());
    expect(card).toMatchObject({
      unitName: 'Xã Vĩnh Thái',
      form: 'animation',
      credit: 'Nguyễn Văn An',
      posterUrl: `/api/public/entries/${a}/media/poster.jpg`,
    });
    expect(all.json().facets.units).toContainEqual({ unitId: unit, unitName: 'Xã Vĩnh Thái', count: 1 });
    const page2 = (await c.anon!.get(`/api/public/contests/${slug}/gallery?pageSize=1&page=2`)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.total).toBe(all.json().total);
  });

  it('serves a published entry’s poster, playlists and segments to anyone, never its original', async () => {
    const id = await approvedEntry(t, owner);
    await c.publisher!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [id] });
    const poster = await c.anon!.get(`/api/public/entries/${id}/media/poster.jpg`);
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    expect(poster.headers['cache-control']).toContain('public');
    expect(poster.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect((await c.anon!.get(`/api/public/entries/${id}/media/360p/seg_00000.ts`)).rawPayload.length).toBe(188 * 4);
    expect((await c.anon!.get(`/api/public/entries/${id}/media/..%2F..%2Fetc%2Fpasswd`)).statusCode).toBe(404);
    expect((await c.anon!.get(`/api/entries/${id}/original`)).statusCode).toBe(401);
    // The publisher downloads the original of a published entry for the fanpage; of an unpublished one, no.
    fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
    const up = (
      await t.deps.db.selectFrom('entries').select('accepted_upload_id').where('id', '=', id).executeTakeFirstOrThrow()
    ).accepted_upload_id!;
    fs.writeFileSync(path.join(t.deps.config.uploadDir, up), Buffer.alloc(1000, 5));
    expect((await c.publisher!.get(`/api/entries/${id}/original`)).statusCode).toBe(200);
    const hidden = await approvedEntry(t, owner);
    expect((await c.publisher!.get(`/api/entries/${hidden}/original`)).statusCode).toBe(404);
  });

  it('renders share previews with Open Graph tags, and forbids framing outside /embed/', async () => {
    const id = await approvedEntry(t, owner, { draft: { title: 'Cầu Hiền Lương <xưa & nay>' } });
    await c.publisher!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [id] });
    const res = await t.app.inject({ method: 'GET', url: `/c/${slug}/e/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<meta property="og:title" content="Cầu Hiền Lương &lt;xưa &amp; nay&gt;">');
    expect(res.body).toContain(
      `<meta property="og:image" content="${t.deps.config.publicUrl}/api/public/entries/${id}/media/poster.jpg">`,
    );
    expect(res.body).toContain(`<meta property="og:url" content="${t.deps.config.publicUrl}/c/${slug}/e/${id}">`);
    expect(res.body).toContain('<meta property="og:type" content="video.other">');
    expect(res.body).toMatch(/<meta property="og:description" content="Tác giả: Nguyễn Văn An\. Phóng sự/);
    expect(res.body).toContain('<title>Cầu Hiền Lương &lt;xưa &amp; nay&gt; — ');
    noPersonalData(res.body);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const hidden = await approvedEntry(t, owner);
    const plain = await t.app.inject({ method: 'GET', url: `/c/${slug}/e/${hidden}` });
    expect(plain.body).not.toContain('og:title');
    expect((await t.app.inject({ method: 'GET', url: `/embed/${id}` })).headers['content-security-policy']).toMatch(
      /frame-ancestors \*(;|$)/,
    );
  });
});

describe('share previews of titles with replacement patterns', () => {
  it("writes `$&`, `` $` `` and `$'` in a title and synopsis as they are", async () => {
    const title = "Giá $& trị $` của $' nay";
    const synopsis = "Tóm tắt $' và $& và $`";
    const id = await approvedEntry(t, owner, { draft: { title, synopsis } });
    await c.publisher!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [id] });
    const res = await t.app.inject({ method: 'GET', url: `/c/${slug}/e/${id}` });
    expect(res.statusCode).toBe(200);
    const escaped = 'Giá $&amp; trị $` của $&#39; nay';
    expect(res.body).toContain(`<meta property="og:title" content="${escaped}">`);
    expect(res.body).toContain(`<title>${escaped} — `);
    expect(res.body).toMatch(/<meta property="og:description" content="[^"]*Tóm tắt \$&#39; và \$&amp; và \$`">/);
    expect(res.body.match(/<title>/g)).toHaveLength(1);
    expect(res.body.match(/<\/head>/g)).toHaveLength(1);
    expect(res.body).toContain('<div id="root"></div></body></html>');
  });
});

describe('web assets', () => {
  it('sends the compressed copies the build writes to browsers that accept them, cacheable for a year', async () => {
    const br = await t.app.inject({
      method: 'GET',
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toContain('xin chào');
    expect(br.headers['cache-control']).toContain('immutable');
    const gz = await t.app.inject({
      method: 'GET',
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await t.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('xin chào');
  });
});

describe('reports', () => {
  it('takes reports from anyone; the committee upholds one and takes the entry down', async () => {
    const id = await approvedEntry(t, owner, { draft: { title: 'Bị phản ánh' } });
    await c.publisher!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [id] });
    expect(
      (await c.anon!.post(`/api/public/entries/${id}/reports`, { kind: 'copied', reason: 'ngắn' })).json().error.code,
    ).toBe('report.reasonRequired');
    const made = await c.anon!.post(`/api/public/entries/${id}/reports`, {
      kind: 'copied',
      reason: 'Đoạn 0:10–0:40 lấy từ phóng sự của Đài huyện năm 2022',
      contact: 'ban.doc@example.vn',
    });
    expect(made.statusCode).toBe(201);
    const unpublished = await approvedEntry(t, owner);
    expect(
      (
        await c.anon!.post(`/api/public/entries/${unpublished}/reports`, {
          kind: 'other',
          reason: 'Không có tác phẩm này để phản ánh',
        })
      ).statusCode,
    ).toBe(404);

    expect((await c.juror!.get(`/api/contests/${slug}/reports`)).json().error.code).toBe('auth.forbidden');
    const list = (await c.secretariat!.get(`/api/contests/${slug}/reports?status=open`)).json() as {
      id: number;
      entryId: number;
      contact: string;
      kind: string;
    }[];
    const report = list.find((r) => r.entryId === id)!;
    expect(report).toMatchObject({ kind: 'copied', contact: 'ban.doc@example.vn' });

    expect(
      (await c.secretariat!.post(`/api/reports/${report.id}/resolve`, { status: 'upheld', outcome: 'ok' })).json().error
        .code,
    ).toBe('report.outcomeRequired');
    expect(
      (await c.juror!.post(`/api/reports/${report.id}/resolve`, { status: 'upheld', outcome: 'Không có quyền' })).json()
        .error.code,
    ).toBe('auth.forbidden');
    const resolved = await c.secretariat!.post(`/api/reports/${report.id}/resolve`, {
      status: 'upheld',
      outcome: 'Xác nhận có đoạn sao chép, gỡ tác phẩm',
      unpublish: true,
    });
    expect(resolved.statusCode).toBe(200);
    expect((await c.anon!.get(`/api/public/entries/${id}`)).statusCode).toBe(404);
    expect(
      (
        await c.secretariat!.post(`/api/reports/${report.id}/resolve`, { status: 'dismissed', outcome: 'Lần hai' })
      ).json().error.code,
    ).toBe('report.alreadyResolved');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `entry:${id}`)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['entry.publish', 'report.resolve', 'entry.unpublish']);
    const after = (await c.secretariat!.get(`/api/contests/${slug}/reports`)).json() as {
      id: number;
      status: string;
      published: boolean;
      resolvedBy: string;
    }[];
    expect(after.find((r) => r.id === report.id)).toMatchObject({ status: 'upheld', published: false });
  });

  it('limits reports per address', async () => {
    const id = await approvedEntry(t, owner);
    await c.publisher!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [id] });
    // Ten an hour from one address (this file's earlier reports came from the same one).
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push(
        (
          await c.anon!.post(`/api/public/entries/${id}/reports`, {
            kind: 'other',
            reason: `Phản ánh thử số ${i + 1} cho giới hạn`,
          })
        ).statusCode,
      );
    expect(codes.filter((s) => s === 201).length).toBeLessThan(10);
    expect(codes.at(-1)).toBe(429);
    expect(
      (
        await c.anon!.post(`/api/public/entries/${id}/reports`, { kind: 'other', reason: 'Thêm một phản ánh nữa' })
      ).json().error.code,
    ).toBe('auth.rateLimited');
  });
});

describe('fanpage package and news', () => {
  it('exports the captions of published entries as a CSV Excel reads, without personal data', async () => {
    const id = await approvedEntry(t, owner, { draft: { title: '=HYPERLINK("x")' } });
    await c.publisher!.post(`/api/contests/${slug}/publication/publish`, { entryIds: [id] });
    const res = await c.publisher!.get(`/api/contests/${slug}/publication/captions.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = res.rawPayload.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('"Mã","Tên tác phẩm","Đơn vị","Chú thích","Đường dẫn công khai","Tải tệp gốc"');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain(`/c/${slug}/e/${id}`);
    noPersonalData(text);
    expect((await c.juror!.get(`/api/contests/${slug}/publication/captions.csv`)).statusCode).toBe(403);
  });

  it('lets the organizer write news that everyone reads, newest first', async () => {
    const first = await c.organizer!.post(`/api/contests/${slug}/news`, {
      title: 'Gia hạn nhận tác phẩm',
      body: 'Ban Tổ chức gia hạn đến **30/11/2026**.',
    });
    expect(first.statusCode).toBe(201);
    const second = await c.organizer!.post(`/api/contests/${slug}/news`, {
      title: 'Danh sách tác phẩm hợp lệ',
      body: 'Đã đăng.',
    });
    expect(
      (
        await c.organizer!.put(`/api/contests/${slug}/news/${first.json().id}`, {
          title: 'Gia hạn nhận tác phẩm (cập nhật)',
          body: 'Đến 30/11/2026.',
        })
      ).statusCode,
    ).toBe(200);
    const news = (await c.anon!.get(`/api/public/contests/${slug}/news`)).json() as { id: number; title: string }[];
    expect(news.map((n) => n.title).slice(0, 2)).toEqual([
      'Danh sách tác phẩm hợp lệ',
      'Gia hạn nhận tác phẩm (cập nhật)',
    ]);
    expect(
      (await c.secretariat!.post(`/api/contests/${slug}/news`, { title: 'Không được', body: 'x' })).json().error.code,
    ).toBe('auth.forbidden');
    expect((await c.organizer!.delete(`/api/contests/${slug}/news/${second.json().id}`)).statusCode).toBe(200);
    expect((await c.organizer!.delete(`/api/contests/${slug}/news/${second.json().id}`)).json().error.code).toBe(
      'news.notFound',
    );
    expect(
      (await c.anon!.get(`/api/public/contests/${slug}/news`)).json().map((n: { id: number }) => n.id),
    ).not.toContain(second.json().id);
  });
});
