import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentText } from '@core/privacy.ts';
import { completeDraft } from '../helpers/entries.ts';
import { Client, loggedInClient, makeUser, registerOverApi, startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * A person's own data (issue 15, item 8, first half; item 10, consents): the download holds every record about the
 * person and nothing about anyone else, on both databases.
 */
let t: TestApp;
let a: Awaited<ReturnType<typeof makeUser>>;
let b: Awaited<ReturnType<typeof makeUser>>;
let ac: Client;
let bc: Client;
let aEntry: number;

const A_AUTHOR = { fullName: 'Trần Thị Ánh Dương', phone: '0987 111 222', address: 'Thôn Lê Xá, xã Vĩnh Long' };
const B_AUTHOR = { fullName: 'Phạm Văn Bí Mật', phone: '0977 333 444', address: 'Khu phố 9, thị trấn Cửa Tùng' };

function draftFor(author: typeof A_AUTHOR, title: string) {
  const d = completeDraft({ kind: 'person' }, { title });
  d.authors = [{ ...d.authors[0]!, ...author }];
  return d;
}

beforeAll(async () => {
  t = await startTestApp();
  a = await makeUser(t, { fullName: 'Trần Thị Ánh Dương' });
  b = await makeUser(t, { fullName: 'Phạm Văn Bí Mật' });
  ac = await loggedInClient(t, a.email, a.password);
  bc = await loggedInClient(t, b.email, b.password);
  const slug = t.demoSlug;
  const res = await ac.post(`/api/contests/${slug}/entries`, draftFor(A_AUTHOR, 'Chợ phiên trên mạng'));
  expect(res.statusCode).toBe(201);
  aEntry = res.json().id;
  // A second draft whose consent is given, then taken back.
  const second = (await ac.post(`/api/contests/${slug}/entries`, draftFor(A_AUTHOR, 'Bản nháp thứ hai'))).json().id;
  await ac.put(`/api/contests/${slug}/entries/${second}`, {
    ...draftFor(A_AUTHOR, 'Bản nháp thứ hai'),
    consentGiven: false,
  });
  expect((await bc.post(`/api/contests/${slug}/entries`, draftFor(B_AUTHOR, 'Của người khác'))).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('downloading my personal data', () => {
  it('holds my account, my entries with their authors, my consents with their texts, my audit trail', async () => {
    const res = await ac.get('/api/account/personal-data');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="du-lieu-ca-nhan.json"');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const x = res.json();
    expect(x.format).toBe('vicontest-personal-data/1');
    expect(x.account).toMatchObject({ id: a.id, email: a.email, fullName: 'Trần Thị Ánh Dương' });
    expect(x.account).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(x)).not.toMatch(/argon2|password_hash/);
    // Every entry I own, as stored.
    const owned = await t.deps.db.selectFrom('entries').select('id').where('owner_user_id', '=', a.id).execute();
    expect(x.entries.map((e: { id: number }) => e.id).sort()).toEqual(owned.map((e) => e.id).sort());
    const mine = x.entries.find((e: { id: number }) => e.id === aEntry);
    expect(mine.draft.authors[0]).toMatchObject({ fullName: A_AUTHOR.fullName, address: A_AUTHOR.address });
    expect(mine.history.length).toBeGreaterThan(0);
    // Consents: one per entry, the withdrawn one marked, each with the words I agreed to.
    expect(x.consents).toHaveLength(2);
    expect(x.consents.every((c: { text: string }) => c.text === consentText('entry-v1', 'vi'))).toBe(true);
    expect(x.consents.filter((c: { withdrawnAt: string | null }) => c.withdrawnAt !== null)).toHaveLength(1);
    // Sessions without their tokens; the audit records of what I did (my log-in at least).
    expect(x.sessions.length).toBeGreaterThan(0);
    expect(Object.keys(x.sessions[0]).sort()).toEqual(['createdAt', 'expiresAt', 'lastSeenAt']);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where((eb) => eb.or([eb('actor_user_id', '=', a.id), eb('target', '=', `user:${a.id}`)]))
      .execute();
    // The export itself is audited after it is made: it holds the records before it.
    expect(x.auditRecords.length).toBe(audit.length - 1);
  });

  it('keeps the consent ticked when registering, with its text and the time it was given', async () => {
    const email = 'dong-y-dang-ky@example.vn';
    const c = new Client(t.app);
    const body = { fullName: 'Lý Thị Đồng Ý', email, password: a.password, consent: true as const };
    expect((await registerOverApi(t, c, body, email)).statusCode).toBe(201);
    const me = await loggedInClient(t, email, a.password);
    const consents = (await me.get('/api/account/personal-data')).json().consents;
    expect(consents).toEqual([
      {
        purpose: 'account',
        version: 'account-v1',
        text: consentText('account-v1', 'vi'),
        givenAt: expect.any(String),
        withdrawnAt: null,
      },
    ]);
    // Without the box (an API client that does not send it) no consent is recorded.
    const other = 'khong-dong-y@example.vn';
    await registerOverApi(t, new Client(t.app), { fullName: 'Không Gửi', email: other, password: a.password }, other);
    const none = await loggedInClient(t, other, a.password);
    expect((await none.get('/api/account/personal-data')).json().consents).toEqual([]);
  });

  it("holds nothing of anyone else: not another entrant's name, phone, address, e-mail or entry", async () => {
    const text = (await ac.get('/api/account/personal-data')).body;
    for (const s of [B_AUTHOR.fullName, B_AUTHOR.phone, B_AUTHOR.address, b.email, 'Của người khác', t.admin.email])
      expect(text).not.toContain(s);
  });

  it('is a readable PDF in my language, with the Vietnamese letters intact', async () => {
    const res = await ac.get('/api/account/personal-data.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-')), 'x.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const s of ['DỮ LIỆU CÁ NHÂN CỦA BẠN', 'Trần Thị Ánh Dương', a.email, 'Chợ phiên trên mạng', A_AUTHOR.address])
      expect(text).toContain(s);
    expect(text).not.toContain(B_AUTHOR.fullName);
  });

  it('needs a signed-in caller, and the download is audited', async () => {
    const anon = new Client(t.app);
    expect((await anon.get('/api/account/personal-data')).json().error.code).toBe('auth.required');
    expect((await anon.get('/api/account/personal-data.pdf')).statusCode).toBe(401);
    const n = await t.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'privacy.export')
      .where('target', '=', `user:${a.id}`)
      .execute();
    expect(n.length).toBeGreaterThanOrEqual(3);
  });
});
