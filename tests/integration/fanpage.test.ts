/**
 * Fanpage figures as the plan counts the most-voted prize: entered per entry or imported from CSV with a screenshot
 * each, confirmed by a second person, audited, and shown on the public results with the formula and the deciding
 * count named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { setVotingWindow } from '../helpers/voting.ts';

let t: TestApp;
let slug: string;
let recorder: Client;
let secondRecorder: Client;
let confirmer: Client;
let secretary: Client;
let entrantClient: Client;
let anonymous: Client;
const ids: number[] = [];
const codes: string[] = [];

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
const url = (rest = '') => `/api/contests/${slug}/voting/fanpage${rest}`;
const post = (n: number) => `https://www.facebook.com/dai.phat.thanh/posts/${1000 + n}`;

async function login(role: 'publisher' | 'secretariat' | 'secretary' | 'entrant', fullName: string) {
  const u = await makeUser(t, { role, fullName });
  return { user: u, client: await loggedInClient(t, u.email, u.password) };
}

async function audits(action: string) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'details_json'])
    .where('action', '=', action)
    .where('outcome', '=', 'ok')
    .execute();
}

beforeAll(async () => {
  t = await startTestApp();
  slug = t.demoSlug;
  const admin = { userId: t.admin.userId, isSiteAdmin: true, ip: null };
  const entrant = await login('entrant', 'Thí Sinh');
  entrantClient = entrant.client;
  for (let i = 0; i < 3; i++) ids.push(await approvedEntry(t, entrant.user, { draft: { title: `Fanpage ${i}` } }));
  await publishEntries(t.deps, admin, slug, { entryIds: ids.slice(0, 2) });
  for (const id of ids) {
    const e = await t.deps.db.selectFrom('entries').select('code').where('id', '=', id).executeTakeFirstOrThrow();
    codes.push(e.code!);
  }
  recorder = (await login('publisher', 'Nguyễn Văn Nhập')).client;
  secondRecorder = (await login('publisher', 'Lê Thị Sửa')).client;
  confirmer = (await login('secretariat', 'Trần Thị Xác Nhận')).client;
  secretary = (await login('secretary', 'Thư Ký')).client;
  anonymous = new Client(t.app);
});
afterAll(async () => {
  await t?.close();
});

describe('fanpage figures', () => {
  it('are refused to other roles, to the public, and for a wrong link or an unpublished entry', async () => {
    const body = { postUrl: post(0), reactions: 120, shares: 30, comments: 7 };
    for (const c of [confirmer, secretary, entrantClient]) {
      const res = await c.put(url(`/${ids[0]}`), body);
      expect(res.statusCode).toBe(403);
    }
    expect((await anonymous.put(url(`/${ids[0]}`), body)).statusCode).toBe(401);
    expect((await secretary.get(url())).statusCode).toBe(403);
    expect((await anonymous.get(url())).statusCode).toBe(401);

    const bad = await recorder.put(url(`/${ids[0]}`), { ...body, postUrl: 'https://example.com/post/1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('fanpage.postUrlInvalid');
    expect(bad.json().error.message).toContain('bài trên Facebook');

    const hidden = await recorder.put(url(`/${ids[2]}`), body);
    expect(hidden.statusCode).toBe(409);
    expect(hidden.json().error.code).toBe('fanpage.notInGallery');
    expect((await recorder.put(url('/999999'), body)).statusCode).toBe(404);

    const negative = await recorder.put(url(`/${ids[0]}`), { ...body, reactions: -1 });
    expect(negative.statusCode).toBe(400);
    expect(await t.deps.db.selectFrom('fanpage_counts').selectAll().execute()).toHaveLength(0);
  });

  it('take a screenshot only after the figures, only as an image of at most 5 MB', async () => {
    const early = await recorder.request('POST', url(`/${ids[0]}/evidence`), undefined, { raw: PNG });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('fanpage.recordFirst');

    const saved = await recorder.put(url(`/${ids[0]}`), { postUrl: post(0), reactions: 120, shares: 30, comments: 7 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().changed).toBe(true);

    const pdf = await recorder.request('POST', url(`/${ids[0]}/evidence`), undefined, {
      raw: Buffer.from('%PDF-1.7 screenshot.png'),
    });
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.code).toBe('fanpage.evidenceInvalid');
    expect(pdf.json().error.message).toContain('PNG, JPEG hoặc WebP');
    const huge = Buffer.alloc(5 * 1024 * 1024 + 10);
    PNG.copy(huge);
    expect((await recorder.request('POST', url(`/${ids[0]}/evidence`), undefined, { raw: huge })).statusCode).toBe(400);
    const byConfirmer = await confirmer.request('POST', url(`/${ids[0]}/evidence`), undefined, { raw: PNG });
    expect(byConfirmer.statusCode).toBe(403);

    const ok = await recorder.request('POST', url(`/${ids[0]}/evidence`), undefined, { raw: PNG });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ contentType: 'image/png', size: PNG.length });
    const image = await confirmer.get(url(`/${ids[0]}/evidence`));
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);
    expect((await secretary.get(url(`/${ids[0]}/evidence`))).statusCode).toBe(403);
    expect(await audits('fanpage.evidence')).toHaveLength(1);
  });

  it('import from CSV all or nothing, each bad row listed with its line', async () => {
    const bad = [
      'Mã tác phẩm;Liên kết;Cảm xúc;Chia sẻ;Bình luận',
      `${codes[0]};${post(0)};1.250;40;9`,
      `${codes[2]};${post(2)};10;1;0`,
      `${codes[1]};http://example.com/x;abc;2;1`,
    ].join('\n');
    const refused = await recorder.request('POST', url('/import'), undefined, {
      raw: Buffer.from(bad),
      contentType: 'text/csv',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('fanpage.csvRowErrors');
    const lines = refused.json().error.details.rows.map((r: { line: number }) => r.line);
    expect(lines).toEqual([3, 4, 4]);
    const kept = await t.deps.db.selectFrom('fanpage_counts').select('reactions').execute();
    expect(kept.map((r) => Number(r.reactions))).toEqual([120]);

    const good = [
      'Mã tác phẩm;Liên kết;Cảm xúc;Chia sẻ;Bình luận',
      `${codes[0]};${post(0)};1.250;40;9`,
      `${codes[1]};${post(1)};900;100;50`,
    ].join('\r\n');
    const byConfirmer = await confirmer.request('POST', url('/import'), undefined, {
      raw: Buffer.from(good),
      contentType: 'text/csv',
    });
    expect(byConfirmer.statusCode).toBe(403);
    const imported = await secondRecorder.request('POST', url('/import'), undefined, {
      raw: Buffer.from(`\uFEFF${good}`),
      contentType: 'text/csv',
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toEqual({ rows: 2, changed: 2 });
    const audit = await audits('fanpage.import');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details_json).changed[0].before.reactions).toBe(120);
  });

  it('are confirmed by a second person only, each with its screenshot', async () => {
    const bare = await confirmer.post(url('/confirm'));
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.code).toBe('fanpage.evidenceRequired');
    expect(bare.json().error.message).toContain(codes[1]);
    // The second recorder attaches the other screenshot: the last editor of both rows now.
    expect((await secondRecorder.request('POST', url(`/${ids[1]}/evidence`), undefined, { raw: PNG })).statusCode).toBe(
      200,
    );
    const own = await secondRecorder.post(url('/confirm'));
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe('fanpage.sameEditor');
    expect(own.json().error.message).toContain('Lê Thị Sửa');
    const view = (await secondRecorder.get(url())).json();
    expect(view.confirmBlocked.code).toBe('fanpage.sameEditor');
    expect(view.formula.vi).toBe('Điểm fanpage = số lượt bày tỏ cảm xúc + số lượt chia sẻ (không tính số bình luận).');

    expect((await secretary.post(url('/confirm'))).statusCode).toBe(403);
    const done = await confirmer.post(url('/confirm'));
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ confirmed: 2 });
    const after = (await recorder.get(url())).json();
    expect(after.final).toBe(true);
    expect(after.entries.map((e: { figures: { confirmedBy: string } }) => e.figures.confirmedBy)).toEqual([
      'Trần Thị Xác Nhận',
      'Trần Thị Xác Nhận',
    ]);
    expect(after.entries.find((e: { entryId: number }) => e.entryId === ids[1]).figures.score).toBe(1000);
    const audit = await audits('fanpage.confirm');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details_json).entries).toHaveLength(2);
  });

  it('decide the most-voted prize on the public results, with the formula stated; an edit reopens them', async () => {
    const results = (await anonymous.get(`/api/contests/${slug}/voting/results`)).json();
    expect(results.prize.shown).toEqual(['platform', 'fanpage']);
    expect(results.prize.deciding).toBe('fanpage');
    expect(results.prize.fanpage.formula.en).toBe('Fanpage score = reactions + shares (comments not counted).');
    expect(results.prize.fanpage.ranking.map((r: { entry: string; score: number }) => [r.entry, r.score])).toEqual([
      [codes[0], 1290],
      [codes[1], 1000],
    ]);
    expect(results.prize.outcome).toMatchObject({ kind: 'decided', winners: [codes[0]] });

    const edit = await recorder.put(url(`/${ids[1]}`), {
      postUrl: post(1),
      reactions: 2000,
      shares: 100,
      comments: 50,
    });
    expect(edit.statusCode).toBe(200);
    const reopened = (await anonymous.get(`/api/contests/${slug}/voting/results`)).json();
    expect(reopened.prize.outcome).toEqual({ kind: 'pending' });
    // Unconfirmed figures are not public.
    expect(reopened.prize.fanpage.rows.map((r: { entry: string }) => r.entry)).toEqual([codes[0]]);
    const records = await audits('fanpage.record');
    expect(records.at(-1)!.details_json).toContain('"reactions":2000');
    // The one who edited cannot confirm the edit; someone else can.
    expect((await recorder.post(url('/confirm'))).json().error.code).toBe('fanpage.sameEditor');
    expect((await secondRecorder.post(url('/confirm'))).statusCode).toBe(200);
    const final = (await anonymous.get(`/api/contests/${slug}/voting/results`)).json();
    expect(final.prize.outcome).toMatchObject({ kind: 'decided', winners: [codes[1]] });
  });

  it('tied on their confirmed figures, wait for the committee, whose decision the organizer records', async () => {
    // Both entries end at 1,290 (reactions + shares); the fanpage has no instant at which a count was reached.
    const tie = await recorder.put(url(`/${ids[1]}`), { postUrl: post(1), reactions: 1200, shares: 90, comments: 3 });
    expect(tie.statusCode).toBe(200);
    expect((await secondRecorder.post(url('/confirm'))).statusCode).toBe(200);
    await setVotingWindow(t, slug, { openForMs: 8 * 24 * 3_600_000, lengthMs: 7 * 24 * 3_600_000 });
    const tied = [codes[0]!, codes[1]!].sort();
    const before = (await anonymous.get(`/api/contests/${slug}/voting/results`)).json();
    expect(before.prize.outcome).toMatchObject({ kind: 'committeeNeeded', tied, places: 1 });

    const organizer = await loggedInClient(t, t.admin.email, t.admin.password);
    const publish = await organizer.post(`/api/contests/${slug}/voting/results/publish`);
    expect(publish.statusCode).toBe(409);
    expect(publish.json().error.code).toBe('results.committeeNeeded');

    const record = 'Biên bản họp Ban Tổ chức số 07/BB-BTC: bài đăng có nhiều lượt chia sẻ hơn';
    const decide = (c: Client, body: object) => c.post(`/api/contests/${slug}/voting/tie-decision`, body);
    expect((await decide(confirmer, { source: 'fanpage', chosen: [codes[1]], record })).statusCode).toBe(403);
    expect((await decide(anonymous, { source: 'fanpage', chosen: [codes[1]], record })).statusCode).toBe(401);
    // The platform's count has no tie to decide.
    expect((await decide(organizer, { chosen: [codes[1]], record })).json().error.code).toBe('tie.notNeeded');
    const ok = await decide(organizer, { source: 'fanpage', chosen: [codes[1]], record });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ winners: [codes[1]] });

    const after = (await anonymous.get(`/api/contests/${slug}/voting/results`)).json();
    expect(after.prize.outcome).toEqual({
      kind: 'decided',
      winners: [codes[1]],
      tieBrokenBy: 'committee',
      tied,
      record,
    });
    const audit = await audits('voting.tieDecision');
    expect(audit.map((a) => JSON.parse(a.details_json))).toEqual([
      { source: 'fanpage', tied, chosen: [codes[1]], record },
    ]);
    expect((await organizer.post(`/api/contests/${slug}/voting/results/publish`)).statusCode).toBe(200);
  });
});
