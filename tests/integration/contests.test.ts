import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { DEMO_COMMUNES, DEMO_DISTRICT_OFFICES } from '../../server/demo/vinh-linh-2024.ts';
import { loadDemoContest } from '../../server/services/contests/load-demo-contest.ts';
import type { AuditRecordView, ContestSummary, ContestView, ValidationErrorBody } from '../helpers/api-types.ts';

let t: TestApp;
let organizer: Client;

function editable(v: ContestView) {
  return {
    name: v.name,
    theme: v.theme,
    topics: v.topics,
    rulesMarkdown: v.rulesMarkdown,
    timeZone: v.timeZone,
    entryRules: v.entryRules,
    prizes: v.prizes,
    rubric: v.rubric,
    maxEntriesPerPerson: v.maxEntriesPerPerson,
    phases: v.phases,
    unitCategories: v.unitCategories.map(({ id: _id, ...c }) => c),
  };
}

beforeAll(async () => {
  t = await startTestApp();
  const u = await makeUser(t, { role: 'organizer' });
  organizer = await loggedInClient(t, u.email, u.password);
});
afterAll(async () => t?.close());

describe('the demo contest', () => {
  it('is the plan: theme, five topics, prizes, quotas, 18 communes and the district offices', async () => {
    const v = (await new Client(t.app).get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    expect(v.isDemo).toBe(true);
    expect(v.name).toContain('Vĩnh Linh năm 2024');
    expect(v.topics).toHaveLength(5);
    expect(v.prizes.map((p) => [p.name, p.count, p.kind])).toEqual([
      ['Giải Nhất', 1, 'jury'],
      ['Giải Nhì', 1, 'jury'],
      ['Giải Ba', 2, 'jury'],
      ['Giải Khuyến khích', 3, 'jury'],
      ['Giải bình chọn nhiều nhất', 1, 'public_vote'],
    ]);
    expect(v.entryRules).toMatchObject({
      minDurationSec: 300,
      maxDurationSec: 600,
      aspectRatio: { width: 16, height: 9 },
      containers: ['mp4'],
    });
    expect(v.entryRules.allowedResolutions).toEqual([
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]);
    expect(v.unitCategories.find((c) => c.code === 'commune')).toMatchObject({ minEntries: 1, maxEntries: 2 });
    expect(v.maxEntriesPerPerson).toBe(2);
    expect(v.rulesMarkdown).toContain('20/06/2024');
    expect(v.rulesMarkdown).toContain('25/06/2024');
    const units = await t.deps.db
      .selectFrom('units')
      .innerJoin('unit_categories', 'unit_categories.id', 'units.category_id')
      .select(['units.name', 'unit_categories.code'])
      .execute();
    expect(
      units
        .filter((u) => u.code === 'commune')
        .map((u) => u.name)
        .sort(),
    ).toEqual([...DEMO_COMMUNES].sort());
    expect(
      units
        .filter((u) => u.code === 'district_office')
        .map((u) => u.name)
        .sort(),
    ).toEqual([...DEMO_DISTRICT_OFFICES].sort());
    expect(DEMO_COMMUNES).toHaveLength(18);
  });

  it("has submission open now, keeping the plan's six-day window", async () => {
    const v = (await new Client(t.app).get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    expect(v.currentPhase).toBe('submission');
    const sub = v.phases.find((p) => p.kind === 'submission')!;
    expect(Date.parse(sub.endsAt) - Date.parse(sub.startsAt)).toBe(6 * 86400000);
    expect(v.next).toEqual({ at: sub.endsAt, kind: 'submission', edge: 'end' });
  });

  it('is never loaded into a database that already has a contest', async () => {
    expect(await loadDemoContest(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null })).toBeNull();
    const n = await t.deps.db
      .selectFrom('contests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('computes the phase in force from the server clock', async () => {
    const v = (await new Client(t.app).get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    const voting = v.phases.find((p) => p.kind === 'public_voting')!;
    t.setNow(new Date(Date.parse(voting.startsAt) + 1000));
    try {
      const later = (await new Client(t.app).get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
      expect(later.currentPhase).toBe('public_voting');
      expect(later.serverTime).toBe(new Date(Date.parse(voting.startsAt) + 1000).toISOString());
    } finally {
      t.setNow(new Date());
    }
  });
});

describe('editing a contest', () => {
  it('saves every part of the configuration and audits which parts changed', async () => {
    const v = (await organizer.get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    const body = editable(v);
    body.name = 'Cuộc thi video CCHC Vĩnh Linh 2024 (sửa)';
    body.topics = [...body.topics, 'Chủ đề thứ sáu'];
    body.prizes[0]!.amountVnd = 7_000_000;
    body.entryRules.maxDurationSec = 720;
    body.rubric = [
      { name: 'Nội dung', weight: 60, scaleMax: 10 },
      { name: 'Kỹ thuật', weight: 40, scaleMax: 10 },
    ];
    body.phases = body.phases.filter((p) => p.kind !== 'awards');
    body.unitCategories.push({ code: 'school', name: 'Trường học', minEntries: 0, maxEntries: 1 });
    expect((await organizer.put(`/api/contests/${t.demoSlug}`, body)).statusCode).toBe(200);
    const after = (await organizer.get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    expect(after.name).toBe(body.name);
    expect(after.topics).toHaveLength(6);
    expect(after.prizes[0]!.amountVnd).toBe(7_000_000);
    expect(after.totalPrizeMoneyVnd).toBe(7_000_000 + 3_000_000 + 2 * 2_000_000 + 3 * 1_000_000 + 1_000_000);
    expect(after.entryRules.maxDurationSec).toBe(720);
    expect(after.rubric).toHaveLength(2);
    expect(after.phases.map((p) => p.kind)).not.toContain('awards');
    expect(after.unitCategories.map((c) => c.code)).toContain('school');
    const audit = (await organizer.get(`/api/contests/${t.demoSlug}/audit`)).json<AuditRecordView[]>();
    expect(audit[0]).toMatchObject({ action: 'contest.edit', outcome: 'ok' });
    expect((audit[0]!.details as { changed: string[] }).changed).toEqual(
      expect.arrayContaining(['name', 'topics', 'prizes', 'entryRules', 'rubric']),
    );
  });

  it('shows a change another process wrote to the row at the next read, though parsed settings are kept', async () => {
    const before = (await organizer.get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    await t.deps.db
      .updateTable('contests')
      .set({ theme: 'Chủ đề do tiến trình khác ghi', max_entries_per_person: 3 })
      .where('slug', '=', t.demoSlug)
      .execute();
    const after = (await organizer.get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    expect(after.theme).toBe('Chủ đề do tiến trình khác ghi');
    expect(after.maxEntriesPerPerson).toBe(3);
    await t.deps.db
      .updateTable('contests')
      .set({ theme: before.theme, max_entries_per_person: before.maxEntriesPerPerson })
      .where('slug', '=', t.demoSlug)
      .execute();
    expect((await organizer.get(`/api/contests/${t.demoSlug}`)).json().theme).toBe(before.theme);
  });

  it("rejects invalid settings with field-level messages in the caller's language", async () => {
    const v = (await organizer.get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    const body = editable(v);
    body.rubric = [{ name: 'Nội dung', weight: 50, scaleMax: 10 }];
    body.phases = [{ ...body.phases[0]!, endsAt: body.phases[0]!.startsAt }];
    body.timeZone = 'Mars/Olympus';
    const res = await organizer.put(`/api/contests/${t.demoSlug}`, body);
    expect(res.statusCode).toBe(400);
    const messages = res.json<ValidationErrorBody>().error.details.issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'rubric: Tổng trọng số các tiêu chí chấm phải bằng 100.',
        'phases.0.endsAt: Thời điểm kết thúc phải sau thời điểm bắt đầu.',
        'timeZone: Múi giờ không hợp lệ (ví dụ đúng: Asia/Ho_Chi_Minh).',
      ]),
    );
  });

  it('will not drop a unit category that units still use', async () => {
    const v = (await organizer.get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    const body = editable(v);
    body.unitCategories = body.unitCategories.filter((c) => c.code !== 'commune');
    const res = await organizer.put(`/api/contests/${t.demoSlug}`, body);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('unit.inUse');
    expect(
      (await organizer.get(`/api/contests/${t.demoSlug}`)).json<ContestView>().unitCategories.map((c) => c.code),
    ).toContain('commune');
  });

  it('answers 404 in Vietnamese for an unknown contest', async () => {
    const res = await new Client(t.app).get('/api/contests/khong-co');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'contest.notFound', message: 'Không tìm thấy cuộc thi.' });
  });
});

describe('creating a contest', () => {
  it('makes the creating administrator its organizer, and refuses a taken slug', async () => {
    const admin = await loggedInClient(t, t.admin.email, t.admin.password);
    const v = (await admin.get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
    const body = { ...editable(v), slug: 'cuoc-thi-anh-2025', name: 'Cuộc thi ảnh 2025' };
    const res = await admin.post('/api/contests', body);
    expect(res.statusCode).toBe(201);
    const session = (await admin.get('/api/auth/session')).json();
    expect(session.memberships).toEqual(
      expect.arrayContaining([expect.objectContaining({ slug: 'cuoc-thi-anh-2025', role: 'organizer' })]),
    );
    const again = await admin.post('/api/contests', body);
    expect(again.json().error.code).toBe('contest.slugTaken');
    const list = (await new Client(t.app).get('/api/contests')).json<ContestSummary[]>();
    expect(list.map((c) => c.slug)).toEqual(expect.arrayContaining(['cuoc-thi-anh-2025', t.demoSlug]));
  });
});
