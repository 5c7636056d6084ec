/** ADR 0023: a site administrator creates, copies, renames, publishes and archives contests from the staff area. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRosterMember } from '../../server/services/units/add-roster-member.ts';
import { completeDraft } from '../helpers/entries.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import type { ContestSummary, ContestView, ValidationErrorBody } from '../helpers/api-types.ts';

let t: TestApp;
let admin: Client;
let demoOrganizer: Client;
let nobody: Client;
const DAY = 86_400_000;
const adminActor = () => ({ userId: t.admin.userId, isSiteAdmin: true, ip: null });

async function auditOf(contestId: number, action: string) {
  return t.deps.db
    .selectFrom('audit_log')
    .selectAll()
    .where('contest_id', '=', contestId)
    .where('action', '=', action)
    .execute();
}

async function copy(slug: string, body: Record<string, unknown> = {}) {
  return admin.post(`/api/contests/${t.demoSlug}/copy`, {
    slug,
    name: `Cuộc thi ${slug}`,
    offsetDays: 0,
    ...body,
  });
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await loggedInClient(t, t.admin.email, t.admin.password);
  const org = await makeUser(t, { role: 'organizer' });
  demoOrganizer = await loggedInClient(t, org.email, org.password);
  const u = await makeUser(t);
  nobody = await loggedInClient(t, u.email, u.password);
  await addRosterMember(t.deps, adminActor(), t.demoSlug, {
    body: 'jury',
    fullName: 'Lê Thị Giám Khảo',
    position: 'Phó Trưởng phòng Văn hóa',
    email: 'giamkhao@example.vn',
  });
});
afterAll(async () => t?.close());

describe('copying a contest', () => {
  it('copies settings, units and the roster, moves the phases, and keeps the copy a draft', async () => {
    const res = await copy('vinh-linh-2025', { offsetDays: 365, includeRoster: true, name: 'Vĩnh Linh 2025' });
    expect(res.statusCode).toBe(201);
    const { id, slug } = res.json<{ id: number; slug: string }>();
    expect(slug).toBe('vinh-linh-2025');

    const source = (await admin.get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    const copied = (await admin.get('/api/contests/vinh-linh-2025')).json<ContestView>();
    expect(copied).toMatchObject({ status: 'draft', isDemo: false, name: 'Vĩnh Linh 2025' });
    for (const k of ['theme', 'topics', 'rulesMarkdown', 'entryRules', 'prizes', 'rubric', 'timeZone'] as const)
      expect(copied[k]).toEqual(source[k]);
    expect(copied.maxEntriesPerPerson).toBe(source.maxEntriesPerPerson);
    expect(
      copied.phases.map((p) => [
        p.kind,
        Date.parse(p.startsAt) - Date.parse(source.phases.find((s) => s.kind === p.kind)!.startsAt),
      ]),
    ).toEqual(source.phases.map((p) => [p.kind, 365 * DAY]));
    expect(copied.unitCategories.map(({ id: _i, ...c }) => c)).toEqual(
      source.unitCategories.map(({ id: _i, ...c }) => c),
    );
    expect(copied.unitCategories.map((c) => c.id)).not.toEqual(source.unitCategories.map((c) => c.id));

    const units = await t.deps.db
      .selectFrom('units')
      .innerJoin('unit_categories', 'unit_categories.id', 'units.category_id')
      .select(['units.name', 'unit_categories.code', 'unit_categories.contest_id as catContest'])
      .where('units.contest_id', '=', id)
      .execute();
    const sourceUnits = await t.deps.db.selectFrom('units').select('id').where('contest_id', '=', source.id).execute();
    expect(units).toHaveLength(sourceUnits.length);
    expect(units.every((u) => u.catContest === id)).toBe(true);
    expect(units.filter((u) => u.code === 'commune')).toHaveLength(18);

    const roster = await t.deps.db.selectFrom('roster_members').selectAll().where('contest_id', '=', id).execute();
    expect(roster).toEqual([expect.objectContaining({ full_name: 'Lê Thị Giám Khảo', body: 'jury' })]);

    const session = (await admin.get('/api/auth/session')).json();
    expect(session.memberships).toEqual(
      expect.arrayContaining([expect.objectContaining({ slug: 'vinh-linh-2025', role: 'organizer' })]),
    );
    const [audit] = await auditOf(id, 'contest.copy');
    expect(JSON.parse(audit!.details_json)).toMatchObject({
      from: t.demoSlug,
      offsetDays: 365,
      units: sourceUnits.length,
    });
    expect(audit!.details_json).not.toContain('giamkhao@');
  });

  it('leaves the roster behind unless asked, and takes no entries or news', async () => {
    const { id } = (await copy('khong-danh-sach')).json<{ id: number }>();
    expect(await t.deps.db.selectFrom('roster_members').select('id').where('contest_id', '=', id).execute()).toEqual(
      [],
    );
    expect(await t.deps.db.selectFrom('entries').select('id').where('contest_id', '=', id).execute()).toEqual([]);
  });

  it('refuses a taken slug and a malformed one with a message saying how to write it', async () => {
    const taken = await copy(t.demoSlug);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('contest.slugTaken');
    const bad = await copy('Vĩnh Linh');
    expect(bad.statusCode).toBe(400);
    const issue = bad.json<ValidationErrorBody>().error.details.issues.find((i) => i.path === 'slug')!;
    expect(issue.message).toContain('chữ thường không dấu');
    admin.lang = 'en';
    try {
      const en = await copy('Vinh_Linh');
      expect(en.json<ValidationErrorBody>().error.details.issues[0]!.message).toContain('lowercase letters');
    } finally {
      admin.lang = 'vi';
    }
  });

  it('is for site administrators only: not for the contest organizer, nor for others', async () => {
    for (const c of [demoOrganizer, nobody]) {
      const res = await c.post(`/api/contests/${t.demoSlug}/copy`, {
        slug: 'ban-sao-cam',
        name: 'Bản sao',
        offsetDays: 0,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    const anon = await new Client(t.app).post(`/api/contests/${t.demoSlug}/copy`, {
      slug: 'ban-sao-cam',
      name: 'Bản sao',
      offsetDays: 0,
    });
    expect(anon.statusCode).toBe(401);
    expect((await new Client(t.app).get('/api/contests/ban-sao-cam')).statusCode).toBe(404);
  });
});

describe('drafts and publishing', () => {
  it('hides a draft from the public and from other contests’ people, and shows it to its staff', async () => {
    const { id } = (await copy('ban-nhap-2026')).json<{ id: number }>();
    const anon = new Client(t.app);
    expect((await anon.get('/api/contests/ban-nhap-2026')).json().error.code).toBe('contest.notFound');
    expect((await anon.get('/api/contests')).json<ContestSummary[]>().map((c) => c.slug)).not.toContain(
      'ban-nhap-2026',
    );
    expect((await demoOrganizer.get('/api/contests/ban-nhap-2026')).statusCode).toBe(404);
    const listed = (await admin.get('/api/contests')).json<ContestSummary[]>().find((c) => c.id === id);
    expect(listed).toMatchObject({ status: 'draft', bucket: 'draft' });

    const staff = await makeUser(t, { role: 'secretariat', slug: 'ban-nhap-2026' });
    const sc = await loggedInClient(t, staff.email, staff.password);
    expect((await sc.get('/api/contests/ban-nhap-2026')).json<ContestView>().status).toBe('draft');
  });

  it('takes entries only once published, and hides the contest again when unpublished', async () => {
    await copy('cong-bo-2026');
    const entrant = await makeUser(t);
    const ec = await loggedInClient(t, entrant.email, entrant.password);
    const early = await ec.post('/api/contests/cong-bo-2026/entries', completeDraft({ kind: 'person' }));
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'contest.notPublished' });
    expect(early.json().error.message).toContain('chưa được công bố');

    const pub = await admin.post('/api/contests/cong-bo-2026/status', { status: 'published' });
    expect(pub.json()).toEqual({ status: 'published' });
    const summary = (await new Client(t.app).get('/api/contests')).json<ContestSummary[]>();
    expect(summary.find((c) => c.slug === 'cong-bo-2026')).toMatchObject({ status: 'published', bucket: 'open' });
    expect((await ec.post('/api/contests/cong-bo-2026/entries', completeDraft({ kind: 'person' }))).statusCode).toBe(
      201,
    );

    await admin.post('/api/contests/cong-bo-2026/status', { status: 'draft' });
    expect((await new Client(t.app).get('/api/contests/cong-bo-2026')).statusCode).toBe(404);
    const contest = await t.deps.db
      .selectFrom('contests')
      .select('id')
      .where('slug', '=', 'cong-bo-2026')
      .executeTakeFirstOrThrow();
    expect((await auditOf(contest.id, 'contest.publish')).length).toBe(1);
    expect((await auditOf(contest.id, 'contest.unpublish')).length).toBe(1);
  });

  it('archives a contest only when it is over, then lists it as past and stops changes', async () => {
    const { id } = (await copy('luu-tru-2026', { offsetDays: -400 })).json<{ id: number }>();
    await admin.post('/api/contests/luu-tru-2026/status', { status: 'published' });
    const early = await admin.post(`/api/contests/${t.demoSlug}/status`, { status: 'archived' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('contest.notOver');
    expect(early.json().error.message).toMatch(/giai đoạn cuối còn đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);

    // The demo's last phase ends 195 days after today; 400 days back, the copy is over.
    const res = await admin.post('/api/contests/luu-tru-2026/status', { status: 'archived' });
    expect(res.statusCode).toBe(200);
    const v = (await new Client(t.app).get('/api/contests/luu-tru-2026')).json<ContestView>();
    expect(v.status).toBe('archived');
    const listed = (await new Client(t.app).get('/api/contests')).json<ContestSummary[]>();
    expect(listed.find((c) => c.id === id)).toMatchObject({ bucket: 'past' });

    const { id: _i, slug: _s, isDemo: _d, status: _st, ...rest } = v;
    const put = await admin.put('/api/contests/luu-tru-2026', {
      name: rest.name,
      theme: rest.theme,
      topics: rest.topics,
      rulesMarkdown: rest.rulesMarkdown,
      timeZone: rest.timeZone,
      entryRules: rest.entryRules,
      prizes: rest.prizes,
      rubric: rest.rubric,
      maxEntriesPerPerson: rest.maxEntriesPerPerson,
      phases: rest.phases,
      unitCategories: rest.unitCategories.map(({ id: _c, ...c }) => c),
    });
    expect(put.json().error.code).toBe('contest.archived');
    expect((await auditOf(id, 'contest.archive')).length).toBe(1);
  });

  it('refuses status changes to anyone but a site administrator', async () => {
    for (const c of [demoOrganizer, nobody]) {
      const res = await c.post(`/api/contests/${t.demoSlug}/status`, { status: 'draft' });
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    expect((await new Client(t.app).get(`/api/contests/${t.demoSlug}`)).json<ContestView>().status).toBe('published');
  });
});

describe('blank contests and renaming', () => {
  it('creates a blank draft from the staff area', async () => {
    const source = (await admin.get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    const res = await admin.post('/api/contests', {
      slug: 'cuoc-thi-trong',
      name: 'Cuộc thi mới',
      theme: 'Chủ đề sẽ cập nhật',
      topics: [],
      rulesMarkdown: '',
      timeZone: 'Asia/Ho_Chi_Minh',
      entryRules: source.entryRules,
      prizes: [],
      rubric: [],
      maxEntriesPerPerson: 1,
      phases: [],
      unitCategories: [],
      status: 'draft',
    });
    expect(res.statusCode).toBe(201);
    expect((await admin.get('/api/contests/cuoc-thi-trong')).json<ContestView>().status).toBe('draft');
    expect((await new Client(t.app).get('/api/contests/cuoc-thi-trong')).statusCode).toBe(404);
  });

  it('changes the slug and the name, audits the old values, and refuses a taken slug', async () => {
    const { id } = (await copy('doi-ten-2026')).json<{ id: number }>();
    const res = await admin.patch('/api/contests/doi-ten-2026', { slug: 'doi-ten-moi', name: 'Tên mới của cuộc thi' });
    expect(res.json()).toEqual({ slug: 'doi-ten-moi', name: 'Tên mới của cuộc thi' });
    expect((await admin.get('/api/contests/doi-ten-2026')).statusCode).toBe(404);
    expect((await admin.get('/api/contests/doi-ten-moi')).json<ContestView>().name).toBe('Tên mới của cuộc thi');
    const [audit] = await auditOf(id, 'contest.rename');
    expect(JSON.parse(audit!.details_json)).toEqual({
      from: { slug: 'doi-ten-2026', name: 'Cuộc thi doi-ten-2026' },
      to: { slug: 'doi-ten-moi', name: 'Tên mới của cuộc thi' },
    });

    const taken = await admin.patch('/api/contests/doi-ten-moi', { slug: t.demoSlug });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain('đã được dùng cho cuộc thi khác');
    const empty = await admin.patch('/api/contests/doi-ten-moi', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.issues[0].message).toContain('địa chỉ rút gọn');
  });

  it('lets only a site administrator rename', async () => {
    for (const c of [demoOrganizer, nobody]) {
      const res = await c.patch(`/api/contests/${t.demoSlug}`, { name: 'Tên lạ' });
      expect(res.json().error.code).toBe('auth.forbidden');
    }
  });
});
