import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { setVotingWindow, smsCodes, solvedChallenge } from '../helpers/voting.ts';

let t: TestApp;
let organizer: Client;
let slug: string;
const url = () => `/api/contests/${slug}/voting/residents`;
const load = (c: Client, csv: string) =>
  c.request('PUT', url(), undefined, { raw: Buffer.from(csv), contentType: 'text/csv' });
const ask = async (c: Client, value: string) =>
  c.post(`/api/contests/${slug}/voting/codes`, { kind: 'phone', value, altcha: await solvedChallenge(c) });

beforeAll(async () => {
  t = await startTestApp({ env: { ALTCHA_COMPLEXITY: '200' } });
  slug = t.demoSlug;
  organizer = await loggedInClient(t, t.admin.email, t.admin.password);
  // The restriction is set before voting starts (it is locked after).
  await setVotingWindow(t, slug, { openForMs: -3_600_000 });
  const set = await organizer.put(`/api/contests/${slug}/voting/settings`, { residentListOnly: true });
  expect(set.statusCode).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('the resident list', () => {
  it('is loaded from a CSV by the organizer, keeping only keyed hashes, audited with the count', async () => {
    const csv =
      'Họ tên;Số điện thoại;Thôn\nNguyễn Văn An;0912 345 678;Thôn 1\nTrần Thị Bình;0381234567;Thôn 2\n' +
      'Nguyễn Văn An;+84 912 345 678;Thôn 1\n';
    const res = await load(organizer, `\uFEFF${csv}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ numbers: 2, duplicates: 1 });

    const stored = JSON.stringify([
      await t.deps.db.selectFrom('voting_residents').selectAll().execute(),
      await t.deps.db.selectFrom('voting_resident_lists').selectAll().execute(),
      await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'voting.residents').execute(),
    ]);
    expect(stored).not.toMatch(/912345678|381234567/);
    const rows = await t.deps.db.selectFrom('voting_residents').select('number_hash').execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.number_hash))).toBe(true);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'voting.residents')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details_json))).toEqual([{ numbers: 2, duplicates: 1 }]);

    const view = (await organizer.get(url())).json();
    expect(view).toMatchObject({ restricted: true, numbers: 2, loadedBy: expect.any(String) });
    expect(Date.parse(view.loadedAt)).toBeGreaterThan(0);
  });

  it('refuses a file with bad rows whole, each row named in both languages, keeping the list in force', async () => {
    const res = await load(organizer, 'sdt\n0912345678\n0233 3863 123\n1900 1234\n');
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('residents.rowErrors');
    expect(error.message).toContain('2 dòng lỗi');
    expect(error.details.rows.map((r: { line: number }) => r.line)).toEqual([3, 4]);
    expect(error.details.rows[0].vi).toContain('Dòng 3: Số 02333863123 là số cố định');
    expect(error.details.rows[0].en).toContain('Line 3:');
    organizer.lang = 'en';
    const en = await load(organizer, 'sdt\nabc\n');
    organizer.lang = 'vi';
    expect(en.json().error.message).toContain('rows with errors');
    expect((await organizer.get(url())).json().numbers).toBe(2);
  });

  it('lets only listed numbers verify while the restriction is on, with the rule named to the others', async () => {
    await setVotingWindow(t, slug);
    const listed = new Client(t.app);
    expect((await ask(listed, '0912 345 678')).statusCode).toBe(200);
    expect(smsCodes(t, '+84912345678')).toHaveLength(1);

    const other = new Client(t.app);
    other.remoteAddress = '10.9.9.9';
    const refused = await ask(other, '0987 654 321');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('vote.notResident');
    expect(refused.json().error.message).toContain('không có trong danh sách cư dân');
    expect(smsCodes(t, '+84987654321')).toHaveLength(0);
    // E-mail is not a way in while only residents may vote.
    const mail = await other.post(`/api/contests/${slug}/voting/codes`, {
      kind: 'email',
      value: 'ai.do@gmail.com',
      altcha: await solvedChallenge(other),
    });
    expect(mail.statusCode).toBe(400);
    expect(mail.json().error.code).toBe('vote.identityKindNotAllowed');
  });

  it('is replaced whole by a new file, which can add a number missed while voting runs', async () => {
    expect((await load(organizer, '0987654321\n0381234567\n')).json()).toEqual({ numbers: 2, duplicates: 0 });
    const added = new Client(t.app);
    added.remoteAddress = '10.9.9.10';
    expect((await ask(added, '0987654321')).statusCode).toBe(200);
    const dropped = new Client(t.app);
    dropped.remoteAddress = '10.9.9.11';
    expect((await ask(dropped, '0912345678')).json().error.code).toBe('vote.notResident');
  });

  it('is cleared by the organizer; with the restriction on, no number then verifies', async () => {
    const res = await organizer.delete(url());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ removed: 2 });
    expect(await t.deps.db.selectFrom('voting_residents').selectAll().execute()).toEqual([]);
    const c = new Client(t.app);
    c.remoteAddress = '10.9.9.12';
    expect((await ask(c, '0381234567')).json().error.code).toBe('vote.notResident');
    expect((await organizer.get(url())).json()).toMatchObject({ restricted: true, numbers: 0, loadedAt: null });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'voting.residentsClear')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details_json))).toEqual([{ numbers: 2 }]);
  });

  it('is read by voting staff only and changed by the organizer only', async () => {
    for (const role of ['secretariat', 'secretary', 'publisher'] as const) {
      const u = await makeUser(t, { role });
      const c = await loggedInClient(t, u.email, u.password);
      expect((await c.get(url())).statusCode).toBe(200);
      const put = await load(c, '0912345678\n');
      expect(put.statusCode).toBe(403);
      expect(put.json().error.code).toBe('auth.forbidden');
      expect((await c.delete(url())).statusCode).toBe(403);
    }
    for (const role of ['juror', 'entrant'] as const) {
      const u = await makeUser(t, { role });
      const c = await loggedInClient(t, u.email, u.password);
      expect((await c.get(url())).statusCode).toBe(403);
    }
    const anonymous = new Client(t.app);
    expect((await anonymous.get(url())).statusCode).toBe(401);
    expect((await load(anonymous, '0912345678\n')).statusCode).toBe(401);
    expect(await t.deps.db.selectFrom('voting_residents').selectAll().execute()).toEqual([]);
  });
});
