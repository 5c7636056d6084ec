/**
 * The public pages rendered on the server (issue 14, docs/decisions/0046), over HTTP with the real build: the
 * contest's name, the entries and their credits are in the HTML with their data embedded once; the page is kept
 * until what it shows changes; drafts, unknown contests and entries of another contest get the plain web app.
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { unpublishEntry } from '../../server/services/publication/unpublish-entry.ts';
import { setContestStatus } from '../../server/services/contests/set-contest-status.ts';
import { ensureWebBuilt } from '../../server/web-build.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { contestWithAnnouncedAwards } from '../helpers/awards.ts';
import { setVotingWindow } from '../helpers/voting.ts';

let t: TestApp;
let slug: string;
const ids: number[] = [];
const admin = () => ({ userId: t.admin.userId, isSiteAdmin: true, ip: null });
const TITLES = ['Một cửa liên thông ở Vĩnh Thái', 'Chuyện cái bến đò', 'Đường về xã nông thôn mới'];

beforeAll(async () => {
  t = await startTestApp({ app: { webDir: await ensureWebBuilt() } });
  slug = t.demoSlug;
  for (const title of TITLES) {
    const owner = await makeUser(t, { role: 'entrant' });
    ids.push(await approvedEntry(t, owner, { draft: { title, form: 'report' } }));
  }
  await withSmallPoster(ids[0]!);
  await publishEntries(t.deps, admin(), slug, { entryIds: ids });
}, 240_000);

/** What a renditions run since migration 0032 leaves: `poster-small.jpg` stored and both posters recorded. */
async function withSmallPoster(entryId: number): Promise<void> {
  const r = await t.deps.db
    .selectFrom('entries')
    .innerJoin('renditions', 'renditions.upload_id', 'entries.accepted_upload_id')
    .select(['renditions.upload_id', 'renditions.storage_prefix'])
    .where('entries.id', '=', entryId)
    .executeTakeFirstOrThrow();
  await t.deps.storage.putStream(
    `${r.storage_prefix}poster-small.jpg`,
    Readable.from([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 4, 5, 6])]),
    { contentType: 'image/jpeg' },
  );
  const posters = [
    { file: 'poster-small.jpg', width: 480, height: 270 },
    { file: 'poster.jpg', width: 1280, height: 720 },
  ];
  await t.deps.db
    .updateTable('renditions')
    .set({ posters_json: JSON.stringify(posters) })
    .where('upload_id', '=', r.upload_id)
    .execute();
}

afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

/** The JSON the page embeds for the browser's cache. */
function embedded(html: string): { lang: string; queries: { key: unknown[]; data: unknown }[] } {
  const m = /<script type="application\/json" id="ssr-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!) as { lang: string; queries: { key: unknown[]; data: unknown }[] };
}

describe('the pages as HTML', () => {
  it("the home page carries the contest's name, its topics and its CSS inline, and only JSON data", async () => {
    const res = await get(`/c/${slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['server-timing']).toMatch(/^ssr-age;dur=\d+$/);
    const html = res.body;
    const root = html.slice(html.indexOf('<div id="root">'));
    expect(root).toContain('data-testid="contest-name"');
    expect(root).toContain('data-testid="topics"');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    // The only scripts: the JSON data block (never run) and the app's module, after the content.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim());
    expect(scripts).toEqual(['type="application/json" id="ssr-data"', expect.stringMatching(/^type="module"/)]);
    expect(html.indexOf('type="module"')).toBeGreaterThan(html.indexOf('data-testid="contest-name"'));
    const data = embedded(html);
    expect(data.lang).toBe('vi');
    expect(data.queries.map((q) => q.key)).toEqual([
      ['contest', slug],
      ['news', slug],
    ]);
  });

  it('the gallery lists the published entries, filters by its address and compresses as asked', async () => {
    const res = await get(`/c/${slug}/gallery`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('accept-encoding');
    const html = zlib.brotliDecompressSync(res.rawPayload).toString('utf8');
    for (const id of ids) expect(html).toContain(`data-testid="gallery-card-${id}"`);
    for (const title of TITLES) expect(html).toContain(title);
    expect(html).toContain('<title>Tác phẩm dự thi – ');
    const gallery = embedded(html).queries.find((q) => q.key[0] === 'gallery')!;
    expect(gallery.key).toEqual(['gallery', slug, {}]);
    expect(gallery.data).toMatchObject({ pageParams: [1], pages: [{ total: 3 }] });

    const searched = await get(`/c/${slug}/gallery?q=${encodeURIComponent('ben do')}&form=report`);
    expect(searched.body).toContain(`data-testid="gallery-card-${ids[1]}"`);
    expect(searched.body).not.toContain(`data-testid="gallery-card-${ids[0]}"`);
    expect(embedded(searched.body).queries.find((q) => q.key[0] === 'gallery')!.key).toEqual([
      'gallery',
      slug,
      { form: 'report', q: 'ben do' },
    ]);
  });

  it("an entry's page has its credits and share preview, and is in English when chosen", async () => {
    const res = await get(`/c/${slug}/e/${ids[0]}`);
    expect(res.body).toContain(`data-testid="public-entry-title">${TITLES[0]}</h1>`);
    expect(res.body).toContain(`<meta property="og:title" content="${TITLES[0]}">`);
    expect(embedded(res.body).queries.map((q) => q.key[0])).toEqual(['contest', 'public-entry']);

    const en = await get(`/c/${slug}/e/${ids[0]}`, { cookie: 'lang=en' });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Published on');
    expect(embedded(en.body).lang).toBe('en');
  });
});

describe('posters', () => {
  const media = (id: number, file: string) => `/api/public/entries/${id}/media/${file}`;
  const srcset = (id: number) => `${media(id, 'poster-small.jpg')} 480w, ${media(id, 'poster.jpg')} 1280w`;
  /** The card's poster in the rendered HTML, its attribute names in lower case (React writes `srcSet`). */
  const cardPoster = (html: string, id: number) => {
    const card = html.slice(html.indexOf(`data-testid="gallery-card-${id}"`));
    return /<img [^>]*>/.exec(card)![0].replace(/ ([a-zA-Z]+)=/g, (_, name: string) => ` ${name.toLowerCase()}=`);
  };

  it('srcset offers the small poster where the renditions made it; older ones have the big one alone', async () => {
    const api = await get(`/api/public/contests/${slug}/gallery`);
    expect(api.statusCode).toBe(200);
    const items = (api.json() as { items: { id: number; posterUrl: string; posterSrcset: string | null }[] }).items;
    expect(items.find((i) => i.id === ids[0])).toMatchObject({
      posterUrl: media(ids[0]!, 'poster.jpg'),
      posterSrcset: srcset(ids[0]!),
    });
    expect(items.find((i) => i.id === ids[1])).toMatchObject({
      posterUrl: media(ids[1]!, 'poster.jpg'),
      posterSrcset: null,
    });
    expect((await get(`/api/public/entries/${ids[0]}`)).json()).toMatchObject({ posterSrcset: srcset(ids[0]!) });
    expect((await get(`/api/public/entries/${ids[1]}`)).json()).toMatchObject({ posterSrcset: null });

    const html = (await get(`/c/${slug}/gallery`)).body;
    const withSmall = cardPoster(html, ids[0]!);
    expect(withSmall).toContain(`srcset="${srcset(ids[0]!)}"`);
    expect(withSmall).toMatch(/sizes="[^"]+"/);
    expect(withSmall).toContain('width="320"');
    expect(withSmall).toContain('height="180"');
    expect(withSmall).toContain('fetchpriority="high"');
    const bigOnly = cardPoster(html, ids[1]!);
    expect(bigOnly).toContain(`src="${media(ids[1]!, 'poster.jpg')}"`);
    expect(bigOnly).not.toContain('srcset');
    expect(bigOnly).not.toContain('sizes');

    const small = await get(media(ids[0]!, 'poster-small.jpg'));
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-type']).toBe('image/jpeg');
    expect((await get(media(ids[1]!, 'poster-small.jpg'))).statusCode).toBe(404);
  });
});

describe('what is not rendered', () => {
  it('an unknown contest, an entry elsewhere or unpublished, results not announced: the plain web app', async () => {
    const plain = async (url: string) => {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<div id="root"></div>');
      expect(res.body).not.toContain('ssr-data');
    };
    await plain('/c/khong-co');
    await plain('/c/khong-co/gallery');
    await plain(`/c/khong-co/e/${ids[0]}`);
    await plain(`/c/${slug}/e/0${ids[0]}`);
    await plain(`/c/${slug}/e/999999`);
    // Results not announced yet.
    await plain(`/c/${slug}/results`);
  });

  it('a change to the contest, even one written straight to its tables, gives a new page at once', async () => {
    const phasesOf = (html: string) =>
      (embedded(html).queries.find((q) => q.key[0] === 'contest')!.data as { phases: { kind: string }[] }).phases;
    for (const url of [`/c/${slug}`, `/c/${slug}/gallery`, `/c/${slug}/e/${ids[0]}`]) {
      await setVotingWindow(t, slug, { openForMs: -3_600_000 });
      const before = await get(url);
      expect((await get(url)).body).toBe(before.body);
      // Voting opens: the window moved in contest_phases, with nothing else touched (no updated_at, no snapshot).
      const window = await setVotingWindow(t, slug);
      const after = await get(url);
      expect(after.body).not.toBe(before.body);
      expect(phasesOf(after.body)).toContainEqual(
        expect.objectContaining({ kind: 'public_voting', startsAt: window.startsAt }),
      );
    }
    await setVotingWindow(t, slug, { openForMs: -3_600_000 });
  });

  it("the contest's name, a unit category or a news post written straight to the tables shows at once", async () => {
    const db = t.deps.db;
    const contest = await db
      .selectFrom('contests')
      .select(['id', 'name'])
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    const versionOf = async () =>
      (await db.selectFrom('contests').select('version').where('id', '=', contest.id).executeTakeFirstOrThrow())
        .version;
    const home = () => get(`/c/${slug}`).then((r) => r.body);
    expect(await home()).toBe(await home());

    const v0 = await versionOf();
    await db.updateTable('contests').set({ name: 'Tên mới ghi thẳng vào bảng' }).where('id', '=', contest.id).execute();
    expect(await versionOf()).toBeGreaterThan(v0);
    expect(await home()).toContain('Tên mới ghi thẳng vào bảng');

    const v1 = await versionOf();
    await db
      .insertInto('unit_categories')
      .values({
        contest_id: contest.id,
        code: 'ZZ',
        name: 'Đơn vị ghi thẳng',
        position: 99,
        min_entries: 0,
        max_entries: 1,
      })
      .execute();
    expect(await versionOf()).toBeGreaterThan(v1);
    const gallery = await get(`/c/${slug}/gallery`);
    expect(JSON.stringify(embedded(gallery.body).queries)).toContain('Đơn vị ghi thẳng');

    const v2 = await versionOf();
    const now = new Date().toISOString();
    const { id: newsId } = await db
      .insertInto('news_posts')
      .values({
        contest_id: contest.id,
        title: 'Tin ghi thẳng vào bảng',
        body: 'Nội dung.',
        published_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await versionOf()).toBeGreaterThan(v2);
    expect(await home()).toContain('Tin ghi thẳng vào bảng');
    await db.deleteFrom('news_posts').where('id', '=', newsId).execute();
    expect(await home()).not.toContain('Tin ghi thẳng vào bảng');

    await db.deleteFrom('unit_categories').where('contest_id', '=', contest.id).where('code', '=', 'ZZ').execute();
    await db.updateTable('contests').set({ name: contest.name }).where('id', '=', contest.id).execute();
    expect(await home()).toContain(contest.name);
  });

  it('a write by another connection (another process, a script) shows at the next request', async () => {
    const home = () => get(`/c/${slug}`).then((r) => r.body);
    const { name } = await t.deps.db
      .selectFrom('contests')
      .select('name')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    expect(await home()).toBe(await home());
    const rename = async (to: string) => {
      const database = t.deps.config.database;
      if (database.kind === 'postgres') {
        await t.deps.db.updateTable('contests').set({ name: to }).where('slug', '=', slug).execute();
        return;
      }
      // On SQLite the version check skips its query while the database's change token stands still: a commit by
      // another connection, which this process's count of its own writes does not see, must move it.
      const other = new SqliteDatabase(database.file);
      try {
        other.prepare('update contests set name = ? where slug = ?').run(to, slug);
      } finally {
        other.close();
      }
    };
    await rename('Tên do kết nối khác ghi');
    expect(await home()).toContain('Tên do kết nối khác ghi');
    await rename(name);
    expect(await home()).toContain(name);
    expect(await home()).not.toContain('Tên do kết nối khác ghi');
  });

  it("the results page and an entry's page carry their Open Graph tags with server rendering on", async () => {
    const entry = await get(`/c/${slug}/e/${ids[0]}`);
    expect(entry.body).toContain('id="ssr-data"');
    expect(entry.body).toContain(`<meta property="og:title" content="${TITLES[0]}">`);
    expect(entry.body).toContain(`<meta property="og:url" content="${t.deps.config.publicUrl}/c/${slug}/e/${ids[0]}">`);
    const c = await contestWithAnnouncedAwards(t, { scores: [9, 8, 7] });
    t.setNow(null);
    const results = await get(`/c/${c.slug}/results`);
    expect(results.statusCode).toBe(200);
    // Rendered, with the results embedded once under the key the page's hook reads.
    const root = results.body.slice(results.body.indexOf('<div id="root">'));
    expect(root).toContain('data-testid="results-place"');
    expect(embedded(results.body).queries.map((q) => q.key)).toEqual([['public-results', c.slug]]);
    expect(results.body).toContain('<title>Kết quả — ');
    expect(results.body).toContain('<meta property="og:title" content="Kết quả — ');
    expect(results.body).toContain(`<meta property="og:url" content="${t.deps.config.publicUrl}/c/${c.slug}/results">`);
  });

  it('a rendered page gives the browser the anonymous CSRF cookie that the API token is then bound to', async () => {
    const page = await get(`/c/${slug}/gallery`);
    const cookie = page.cookies.find((c) => c.name === 'csrf_anon');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const session = await get('/api/auth/session', { cookie: `csrf_anon=${cookie!.value}` });
    expect(session.json<{ csrfToken: string }>().csrfToken).toBe(cookie!.value);
    // A browser that has one keeps it.
    const again = await get(`/c/${slug}/gallery`, { cookie: `csrf_anon=${cookie!.value}` });
    expect(again.cookies.find((c) => c.name === 'csrf_anon')).toBeUndefined();
  });

  it('a page is kept while its data is unchanged; unpublishing and a draft show at once', async () => {
    const first = await get(`/c/${slug}/gallery`);
    const again = await get(`/c/${slug}/gallery`);
    expect(again.body).toBe(first.body);
    await unpublishEntry(t.deps, admin(), slug, ids[2]!, 'Tác giả xin rút tác phẩm khỏi thư viện.');
    const after = await get(`/c/${slug}/gallery`);
    expect(after.body).not.toContain(`data-testid="gallery-card-${ids[2]}"`);
    expect(after.body).toContain(`data-testid="gallery-card-${ids[0]}"`);
    await setContestStatus(t.deps, admin(), slug, 'draft');
    // The contest's face is read again at most every 10 s; the home page reads it on each request.
    expect((await get(`/c/${slug}`)).body).toContain('<div id="root"></div>');
  });
});
