import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeDraft } from '../helpers/entries.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { purgeExpiredPersonalData } from '../../server/services/privacy/purge-expired-personal-data.ts';

/**
 * Erasure on request and retention (issue 15, items 8–9), on both databases: the person asks, a site administrator
 * carries it out or refuses with a reason; afterwards no phone, address or e-mail of the person is left in any table,
 * while the winners' names stay on the results; the retention job removes non-winners' contact details and voters'
 * hashes once their time is up, once.
 */
let t: TestApp;
let slug: string;
let contestId: number;
let adminC: Client;

const WINNER = { fullName: 'Trần Thị Ánh Dương', phone: '0987 111 222', address: 'Thôn Lê Xá, xã Vĩnh Long' };
const LOSER = { fullName: 'Trần Thị Ánh Dương', phone: '0987 111 333', address: 'Xóm Đình, thôn Lê Xá' };
const OTHER = { fullName: 'Phạm Văn Bí Mật', phone: '0977 333 444', address: 'Khu phố 9, thị trấn Cửa Tùng' };

function draftFor(author: typeof WINNER, title: string) {
  const d = completeDraft({ kind: 'person' }, { title });
  d.authors = [{ ...d.authors[0]!, ...author, email: '' }];
  return d;
}

async function entryOf(c: Client, author: typeof WINNER, title: string, status: 'draft' | 'submitted' = 'submitted') {
  const res = await c.post(`/api/contests/${slug}/entries`, draftFor(author, title));
  expect(res.statusCode).toBe(201);
  const id = res.json().id as number;
  if (status === 'submitted')
    await t.deps.db
      .updateTable('entries')
      .set({ status: 'submitted', submitted_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  return id;
}

/** Records an announced allocation naming `entryIds` as winners, as the awards services store it. */
async function announce(entryIds: number[], at: Date) {
  const version =
    ((
      await t.deps.db
        .selectFrom('award_allocations')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('contest_id', '=', contestId)
        .executeTakeFirst()
    )?.v ?? 0) + 1;
  await t.deps.db
    .insertInto('award_allocations')
    .values({
      contest_id: contestId,
      version,
      state: 'announced',
      result_json: '{}',
      inputs_sha256: 'x',
      proposed_at: at.toISOString(),
      announced_at: at.toISOString(),
    })
    .execute();
  let place = 0;
  for (const entryId of entryIds)
    await t.deps.db
      .insertInto('award_winners')
      .values({
        contest_id: contestId,
        allocation_version: version,
        prize_index: 0,
        place: place++,
        entry_id: entryId,
        prize_name: 'Giải Nhất',
        prize_kind: 'jury',
        amount_vnd: 5_000_000,
      })
      .execute();
}

/** Every row of every table, as text, to search for a person's details. */
async function everyTableAsText(): Promise<Map<string, string>> {
  const tables =
    t.deps.dialect === 'postgres'
      ? (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.deps.db)
        ).rows
      : (
          await sql<{ name: string }>`select name from sqlite_master
            where type = 'table' and name not like 'sqlite_%'`.execute(t.deps.db)
        ).rows;
  const out = new Map<string, string>();
  for (const { name } of tables) {
    const rows = (await sql`select * from ${sql.table(name)}`.execute(t.deps.db)).rows;
    out.set(name, JSON.stringify(rows));
  }
  return out;
}

beforeAll(async () => {
  t = await startTestApp({ env: { LOG_LEVEL: 'error' } });
  slug = t.demoSlug;
  contestId = (await t.deps.db.selectFrom('contests').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
    .id;
  adminC = await loggedInClient(t, t.admin.email, t.admin.password);
});
afterAll(() => t.close());

describe('asking for erasure', () => {
  it('needs the current password, queues one request with its deadline, and shows it to the person', async () => {
    const me = await makeUser(t);
    const c = await loggedInClient(t, me.email, me.password);
    expect((await c.get('/api/account/erasure-request')).json()).toBeNull();
    const wrong = await c.post('/api/account/erasure-request', { password: 'sai-mat-khau-1' });
    expect(wrong.json().error.code).toBe('auth.wrongPassword');
    const asked = await c.post('/api/account/erasure-request', {
      password: me.password,
      note: 'Tôi rút khỏi cuộc thi',
    });
    expect(asked.statusCode).toBe(201);
    const r = asked.json();
    expect(r).toMatchObject({ status: 'pending', note: 'Tôi rút khỏi cuộc thi' });
    expect(r.hoursLeft).toBeGreaterThanOrEqual(71);
    expect(Date.parse(r.dueAt) - Date.parse(r.requestedAt)).toBe(72 * 3600_000);
    const again = await c.post('/api/account/erasure-request', { password: me.password });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('privacy.erasurePending');
    expect((await c.get('/api/account/erasure-request')).json()).toMatchObject({ id: r.id, status: 'pending' });
    expect((await new Client(t.app).post('/api/account/erasure-request', { password: 'x' })).statusCode).toBe(401);
  });

  it('lets only site administrators see and handle the queue', async () => {
    const organizer = await makeUser(t, { role: 'organizer' });
    const oc = await loggedInClient(t, organizer.email, organizer.password);
    expect((await oc.get('/api/admin/erasure-requests')).statusCode).toBe(403);
    expect((await oc.post('/api/admin/erasure-requests/1/carry-out', {})).statusCode).toBe(403);
    expect(
      (await oc.post('/api/admin/erasure-requests/1/refuse', { reason: 'Không đủ căn cứ pháp lý' })).statusCode,
    ).toBe(403);
    expect((await new Client(t.app).get('/api/admin/erasure-requests')).statusCode).toBe(401);
    const queue = await adminC.get('/api/admin/erasure-requests');
    expect(queue.statusCode).toBe(200);
    expect(queue.json()[0]).toMatchObject({ status: 'pending', user: { fullName: expect.any(String) } });
    expect(JSON.stringify(queue.json())).not.toMatch(/@example\.vn/);
    expect((await adminC.post('/api/admin/erasure-requests/999999/carry-out', {})).statusCode).toBe(404);
  });
});

describe('carrying out a request', () => {
  it("leaves no phone, address or e-mail of the person anywhere; a winner's name stays on the results", async () => {
    const me = await makeUser(t, { fullName: 'Trần Thị Ánh Dương' });
    await t.deps.db.updateTable('users').set({ phone: '+84987111999' }).where('id', '=', me.id).execute();
    const other = await makeUser(t, { fullName: 'Phạm Văn Bí Mật' });
    const c = await loggedInClient(t, me.email, me.password);
    const oc = await loggedInClient(t, other.email, other.password);
    const won = await entryOf(c, WINNER, 'Làng nghề bên sông');
    const lost = await entryOf(c, LOSER, 'Chợ phiên trên mạng');
    const others = await entryOf(oc, OTHER, 'Của người khác');
    await announce([won, others], new Date());
    const id = (await c.post('/api/account/erasure-request', { password: me.password })).json().id;

    const done = await adminC.post(`/api/admin/erasure-requests/${id}/carry-out`, {});
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      entriesErased: 1,
      keptWinners: [{ id: won, title: 'Làng nghề bên sông' }],
      withdrawn: 0,
    });

    const tables = await everyTableAsText();
    const needles = [me.email, '987111999', '0987 111 222', '0987 111 333', WINNER.address, LOSER.address];
    for (const [name, text] of tables)
      for (const n of needles) expect(text.includes(n), `${n} left in ${name}`).toBe(false);
    // Someone else's details are untouched.
    expect([...tables.values()].some((s) => s.includes(OTHER.address))).toBe(true);

    const drafts = await t.deps.db
      .selectFrom('entries')
      .select(['id', 'draft_json'])
      .where('id', 'in', [won, lost])
      .execute();
    const authorOf = (entryId: number) =>
      JSON.parse(drafts.find((d) => d.id === entryId)!.draft_json).authors[0] as { fullName: string };
    expect(authorOf(won).fullName).toBe('Trần Thị Ánh Dương');
    expect(authorOf(lost).fullName).toBe('Đã xóa');

    expect((await new Client(t.app).login(me.email, me.password)).statusCode).toBe(401);
    const mail = t.sentMail.filter((m) => m.to === me.email).at(-1)!;
    expect(mail.subject).toBe('Dữ liệu cá nhân của bạn đã được xóa');
    expect(mail.text).toContain('Làng nghề bên sông');

    const again = await adminC.post(`/api/admin/erasure-requests/${id}/carry-out`, {});
    expect(again.json().error.code).toBe('privacy.erasureHandled');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'privacy.erasureCarryOut')
      .execute();
    expect(audit).toContainEqual({ action: 'privacy.erasureCarryOut', target: `user:${me.id}` });
  });

  it('withdraws a non-winning entry still in the running before the results, and frees its place', async () => {
    await t.deps.db.deleteFrom('award_winners').where('contest_id', '=', contestId).execute();
    await t.deps.db.deleteFrom('award_allocations').where('contest_id', '=', contestId).execute();
    const me = await makeUser(t);
    const c = await loggedInClient(t, me.email, me.password);
    const running = await entryOf(c, OTHER, 'Vẫn đang dự thi');
    await t.deps.db
      .insertInto('entry_slots')
      .values({ contest_id: contestId, quota_key: `test:${running}`, slot: 1, entry_id: running })
      .execute();
    const id = (await c.post('/api/account/erasure-request', { password: me.password })).json().id;
    const done = (await adminC.post(`/api/admin/erasure-requests/${id}/carry-out`, {})).json();
    expect(done).toMatchObject({ withdrawn: 1, entriesErased: 1, keptWinners: [] });
    const row = await t.deps.db
      .selectFrom('entries')
      .select(['status', 'withdrawn_at'])
      .where('id', '=', running)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('draft');
    expect(row.withdrawn_at).not.toBeNull();
    expect(
      await t.deps.db.selectFrom('entry_slots').select('slot').where('entry_id', '=', running).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('refuses with a reason the person is sent, and only once', async () => {
    const me = await makeUser(t);
    const c = await loggedInClient(t, me.email, me.password);
    const id = (await c.post('/api/account/erasure-request', { password: me.password })).json().id;
    const short = await adminC.post(`/api/admin/erasure-requests/${id}/refuse`, { reason: 'không' });
    expect(short.json().error.code).toBe('privacy.refuseReasonRequired');
    const reason = 'Đang giải quyết khiếu nại về tác phẩm của bạn; sẽ xóa khi có kết luận.';
    expect((await adminC.post(`/api/admin/erasure-requests/${id}/refuse`, { reason })).statusCode).toBe(200);
    expect(t.sentMail.filter((m) => m.to === me.email).at(-1)!.text).toContain(reason);
    expect((await c.get('/api/account/erasure-request')).json()).toMatchObject({
      status: 'refused',
      staffReason: reason,
    });
    const twice = await adminC.post(`/api/admin/erasure-requests/${id}/refuse`, { reason });
    expect(twice.json().error.code).toBe('privacy.erasureHandled');
    // A new request may be made after a refusal.
    expect((await c.post('/api/account/erasure-request', { password: me.password })).statusCode).toBe(201);
  });
});

describe('the retention job', () => {
  it('lets organizers set the period, in range, and no one else', async () => {
    const organizer = await makeUser(t, { role: 'organizer' });
    const oc = await loggedInClient(t, organizer.email, organizer.password);
    const entrant = await makeUser(t);
    const ec = await loggedInClient(t, entrant.email, entrant.password);
    expect((await oc.get(`/api/contests/${slug}/retention`)).json()).toMatchObject({ months: 12 });
    expect((await ec.put(`/api/contests/${slug}/retention`, { months: 6 })).statusCode).toBe(403);
    const juror = await makeUser(t, { role: 'juror' });
    const jc = await loggedInClient(t, juror.email, juror.password);
    expect((await jc.get(`/api/contests/${slug}/retention`)).statusCode).toBe(403);
    const out = await oc.put(`/api/contests/${slug}/retention`, { months: 121 });
    expect(out.json().error.code).toBe('privacy.retentionMonths');
    expect((await oc.put(`/api/contests/${slug}/retention`, { months: 6 })).json()).toMatchObject({ months: 6 });
  });

  it("removes non-winners' contact details and voters' hashes once their time is up, once, with a report", async () => {
    await t.deps.db.deleteFrom('award_winners').where('contest_id', '=', contestId).execute();
    await t.deps.db.deleteFrom('award_allocations').where('contest_id', '=', contestId).execute();
    await t.deps.db.updateTable('contests').set({ retention_months: 6 }).where('id', '=', contestId).execute();
    const me = await makeUser(t);
    const c = await loggedInClient(t, me.email, me.password);
    const won = await entryOf(c, WINNER, 'Giữ lại');
    const lost = await entryOf(c, LOSER, 'Hết hạn lưu');
    const announcedAt = new Date();
    await announce([won], announcedAt);
    const voter = await t.deps.db
      .insertInto('voters')
      .values({
        contest_id: contestId,
        identity_hash: 'h'.repeat(64),
        kind: 'phone',
        display: '…999',
        email_domain: null,
        pseudonym: 'v-test-1',
        verified_at: announcedAt.toISOString(),
        created_at: announcedAt.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const at = (months: number) => new Date(announcedAt.getTime() + months * 31 * 86400_000);
    try {
      t.setNow(at(1));
      expect(await purgeExpiredPersonalData(t.deps)).toEqual([]);
      // Six months after the results (and long after voting closed plus 90 days): both go.
      t.setNow(at(7));
      const reports = await purgeExpiredPersonalData(t.deps);
      expect(reports).toContainEqual(expect.objectContaining({ kind: 'entrants', winnersKept: 1 }));
      expect(reports).toContainEqual(expect.objectContaining({ kind: 'voters', hashes: 1 }));
      const drafts = await t.deps.db
        .selectFrom('entries')
        .select(['id', 'draft_json'])
        .where('id', 'in', [won, lost])
        .execute();
      const authorOf = (id: number) =>
        JSON.parse(drafts.find((d) => d.id === id)!.draft_json).authors[0] as Record<string, string>;
      expect(authorOf(lost)).toMatchObject({ fullName: LOSER.fullName, phone: '', address: '' });
      expect(authorOf(won)).toMatchObject({ phone: WINNER.phone, address: WINNER.address });
      const v = await t.deps.db
        .selectFrom('voters')
        .select(['identity_hash', 'pseudonym'])
        .where('id', '=', voter.id)
        .executeTakeFirstOrThrow();
      expect(v).toEqual({ identity_hash: null, pseudonym: 'v-test-1' });
      expect(await purgeExpiredPersonalData(t.deps)).toEqual([]);
      const later = await loggedInClient(t, t.admin.email, t.admin.password);
      const runs = await later.get(`/api/contests/${slug}/retention`);
      expect(runs.statusCode).toBe(200);
      expect(
        runs
          .json()
          .runs.map((r: { kind: string }) => r.kind)
          .sort(),
      ).toEqual(['entrants', 'voters']);
      const audited = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'privacy.retention')
        .execute();
      expect(audited).toHaveLength(2);
    } finally {
      t.setNow(null);
    }
  });
});
