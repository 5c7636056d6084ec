import ExcelJS from 'exceljs';
import { CURRENT_LICENCE } from '@core/licence.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditRecordView,
  Compliance,
  ContestEntryRow,
  ContestRoleView,
  ContestView,
  EntryView,
  MyEntry,
} from '../helpers/api-types.ts';
import { attachAcceptedFile, completeDraft, unitId } from '../helpers/entries.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let slug: string;
let vinhThai: number;
let rep: Client;
let secretariat: Client;

async function newDraft(
  c: Client,
  draft = completeDraft({ kind: 'unit', unitId: vinhThai }),
  intake = false,
): Promise<number> {
  const res = await c.post(`/api/contests/${slug}/entries${intake ? '?intake=true' : ''}`, draft);
  if (res.statusCode !== 201) throw new Error(`draft not created: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

beforeAll(async () => {
  t = await startTestApp();
  slug = t.demoSlug;
  vinhThai = await unitId(t, 'Xã Vĩnh Thái');
  const r = await makeUser(t, { role: 'unit_rep', unitId: vinhThai, fullName: 'Lê Thị Đại Diện' });
  rep = await loggedInClient(t, r.email, r.password);
  const s = await makeUser(t, { role: 'secretariat' });
  secretariat = await loggedInClient(t, s.email, s.password);
});
afterAll(async () => t?.close());

describe('drafts', () => {
  it('stores titles and names without bidi overrides and refuses ones made only of invisible characters', async () => {
    const draft = completeDraft({ kind: 'unit', unitId: vinhThai });
    const id = await newDraft(rep, { ...draft, title: 'Đêm hội \u202eeuq\u202c làng' });
    expect((await rep.get(`/api/entries/${id}`)).json<EntryView>().draft.title).toBe('Đêm hội euq làng');
    const res = await rep.post(`/api/contests/${slug}/entries`, { ...draft, title: '\u200b \u200d\ufeff' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation');
    expect(res.json().error.details.issues).toEqual([
      expect.objectContaining({ in: 'body', path: 'title', message: expect.stringMatching(/không nhìn thấy/) }),
    ]);
    const author = { ...draft.authors[0]!, fullName: '\u2066\u200b\u200b\u2069' };
    const res2 = await rep.put(`/api/contests/${slug}/entries/${id}`, { ...draft, authors: [author] });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.details.issues[0].path).toBe('authors.0.fullName');
  });

  it('saves an incomplete draft and lists what is missing, in both languages', async () => {
    const id = await newDraft(rep, {
      ...completeDraft({ kind: 'unit', unitId: vinhThai }),
      title: '',
      authors: [],
      originalityDeclared: false,
      consentGiven: false,
    });
    const view = (await rep.get(`/api/entries/${id}`)).json<EntryView>();
    expect(view.status).toBe('draft');
    expect(view.canEdit).toBe(true);
    expect(view.unitName).toBe('Xã Vĩnh Thái');
    expect(view.missing.map((m) => m.field)).toEqual(['title', 'authors', 'originalityDeclared', 'consentGiven']);
    // What is missing in plain words, without the plan's rule code.
    expect(view.missing[1]!.message).toEqual({ vi: 'Cần ít nhất một tác giả.', en: 'At least one author is needed.' });
    const submit = await rep.post(`/api/entries/${id}/submit`);
    expect(submit.statusCode).toBe(400);
    expect(submit.json().error.code).toBe('entry.incomplete');
    expect(submit.json().error.message).toContain('4 mục');
  });

  it('lets only a representative of the unit enter for it', async () => {
    const other = await makeUser(t);
    const c = await loggedInClient(t, other.email, other.password);
    const res = await c.post(`/api/contests/${slug}/entries`, completeDraft({ kind: 'unit', unitId: vinhThai }));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('entry.notUnitRep');
  });

  it('hides an entry from other entrants and lets staff read but not edit it', async () => {
    const id = await newDraft(rep);
    const stranger = await makeUser(t);
    const c = await loggedInClient(t, stranger.email, stranger.password);
    expect((await c.get(`/api/entries/${id}`)).json().error.code).toBe('entry.notFound');
    expect(
      (await c.put(`/api/contests/${slug}/entries/${id}`, completeDraft({ kind: 'person' }))).json().error.code,
    ).toBe('entry.notFound');
    const staffView = await secretariat.get(`/api/entries/${id}`);
    expect(staffView.statusCode).toBe(200);
    expect(staffView.json().canEdit).toBe(false);
    expect(
      (
        await secretariat.put(`/api/contests/${slug}/entries/${id}`, completeDraft({ kind: 'unit', unitId: vinhThai }))
      ).json().error.code,
    ).toBe('auth.forbidden');
  });
});

describe('staff may not enter (R4)', () => {
  it('refuses a juror, and a person on the roster by phone written another way', async () => {
    const juror = await makeUser(t, { role: 'juror' });
    const jc = await loggedInClient(t, juror.email, juror.password);
    const res = await jc.post(`/api/contests/${slug}/entries`, completeDraft({ kind: 'person' }));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('Ban Giám khảo');

    await secretariat.post(`/api/contests/${slug}/roster`, {
      body: 'organizing_committee',
      fullName: 'Trần Văn Ủy Viên',
      phone: '0905 777 888',
    });
    const person = await makeUser(t);
    const pc = await loggedInClient(t, person.email, person.password);
    const draft = completeDraft({ kind: 'person' });
    draft.authors[0]!.phone = '+84905777888';
    expect((await pc.post(`/api/contests/${slug}/entries`, draft)).json().error.code).toBe('entry.staffExcluded');
  });

  it('refuses at submission when the author joined the roster after the draft was saved', async () => {
    const person = await makeUser(t);
    const pc = await loggedInClient(t, person.email, person.password);
    const draft = completeDraft({ kind: 'person' });
    draft.authors[0]!.email = 'tac.gia@example.vn';
    const id = await newDraft(pc, draft);
    await attachAcceptedFile(t, id);
    await secretariat.post(`/api/contests/${slug}/roster`, {
      body: 'jury',
      fullName: 'Tác Giả Sau Này',
      email: 'Tac.Gia@example.vn',
    });
    expect((await pc.post(`/api/entries/${id}/submit`)).json().error.code).toBe('entry.staffExcluded');
  });
});

describe('submission, receipt and withdrawal', () => {
  it('submits a complete entry with an accepted file, locks it, gives a receipt (code, time, SHA-256)', async () => {
    const id = await newDraft(rep);
    expect((await rep.post(`/api/entries/${id}/submit`)).json().error.code).toBe('entry.noAcceptedFile');
    await attachAcceptedFile(t, id);
    const res = await rep.post(`/api/entries/${id}/submit`);
    expect(res.statusCode).toBe(200);
    const receipt = res.json();
    expect(receipt.code).toMatch(/^VINHLINH-\d{3}$/);
    expect(receipt).toMatchObject({
      fileSizeBytes: 123_456_789,
      sha256: 'a'.repeat(64),
      timeZone: 'Asia/Ho_Chi_Minh',
      inGrace: false,
    });
    expect(receipt.checksPassed).toContain('duration');
    expect(receipt.submittedAtLocal).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect((await rep.get(`/api/entries/${id}/receipt`)).json()).toEqual(receipt);
    const after = (await rep.get(`/api/entries/${id}`)).json();
    expect(after).toMatchObject({ status: 'submitted', canEdit: false, canWithdraw: true });
    expect((await secretariat.get(`/api/entries/${id}`)).json().canWithdraw).toBe(false);
    expect(
      (await rep.put(`/api/contests/${slug}/entries/${id}`, completeDraft({ kind: 'unit', unitId: vinhThai }))).json()
        .error.code,
    ).toBe('entry.locked');
    const mine = (await rep.get('/api/me/entries')).json<MyEntry[]>();
    expect(mine.find((e) => e.id === id)).toMatchObject({ status: 'submitted', code: receipt.code });
    const mail = t.sentMail.find((m) => m.subject.includes(receipt.code));
    expect(mail?.text).toContain(receipt.sha256);
    // The usage licence accepted with the declaration is stored with the entry and printed on the receipt.
    expect(receipt.licence).toEqual(CURRENT_LICENCE);
    expect(mail?.text).toContain(`${CURRENT_LICENCE.vi} (phiên bản ${CURRENT_LICENCE.version})`);
    const row = await t.deps.db.selectFrom('entries').select('licence_version').where('id', '=', id).executeTakeFirst();
    expect(row?.licence_version).toBe(CURRENT_LICENCE.version);
    // An entry submitted before the licence was stated prints none, rather than words its entrant never saw.
    await t.deps.db.updateTable('entries').set({ licence_version: null }).where('id', '=', id).execute();
    expect((await rep.get(`/api/entries/${id}/receipt`)).json().licence).toBeNull();
    await t.deps.db
      .updateTable('entries')
      .set({ licence_version: row!.licence_version })
      .where('id', '=', id)
      .execute();
  });

  it('allows at most two submitted entries per commune, and a withdrawal frees a place (R2)', async () => {
    const u = await unitId(t, 'Xã Vĩnh Chấp');
    const r = await makeUser(t, { role: 'unit_rep', unitId: u });
    const c = await loggedInClient(t, r.email, r.password);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await newDraft(c, completeDraft({ kind: 'unit', unitId: u }, { title: `Tác phẩm ${i + 1}` }));
      await attachAcceptedFile(t, id);
      ids.push(id);
    }
    expect((await c.post(`/api/entries/${ids[0]}/submit`)).statusCode).toBe(200);
    expect((await c.post(`/api/entries/${ids[1]}/submit`)).statusCode).toBe(200);
    const third = await c.post(`/api/entries/${ids[2]}/submit`);
    expect(third.statusCode).toBe(409);
    expect(third.json().error.message).toContain('"Xã Vĩnh Chấp" đã nộp đủ 2 tác phẩm');
    expect((await c.post(`/api/entries/${ids[0]}/withdraw`)).statusCode).toBe(200);
    expect((await c.get(`/api/entries/${ids[0]}`)).json().status).toBe('draft');
    expect((await c.post(`/api/entries/${ids[2]}/submit`)).statusCode).toBe(200);
  });

  it("allows a person two entries (R3), counted by the author's phone across accounts", async () => {
    const accounts = [await makeUser(t), await makeUser(t)];
    const [ca, cb] = [
      await loggedInClient(t, accounts[0]!.email, accounts[0]!.password),
      await loggedInClient(t, accounts[1]!.email, accounts[1]!.password),
    ];
    const phone = (p: string) =>
      completeDraft({ kind: 'person' }, { authors: [{ ...completeDraft({ kind: 'person' }).authors[0]!, phone: p }] });
    const ids: number[] = [];
    for (const [c, p] of [
      [ca, '0933 111 222'],
      [cb, '+84933111222'],
      [cb, '0933.111.222'],
    ] as const) {
      const id = await newDraft(c, { ...phone(p), title: `Cá nhân ${ids.length}` });
      await attachAcceptedFile(t, id);
      ids.push(id);
    }
    expect((await ca.post(`/api/entries/${ids[0]}/submit`)).statusCode).toBe(200);
    expect((await cb.post(`/api/entries/${ids[1]}/submit`)).statusCode).toBe(200);
    const third = await cb.post(`/api/entries/${ids[2]}/submit`);
    expect(third.json().error).toMatchObject({ code: 'entry.personQuotaFull' });
    expect(third.json().error.message).toContain('tối đa 2 tác phẩm');
  });

  it('does not let a representative whose role was revoked submit or withdraw for the unit', async () => {
    const u = await unitId(t, 'Xã Vĩnh Giang');
    const r = await makeUser(t, { role: 'unit_rep', unitId: u });
    const c = await loggedInClient(t, r.email, r.password);
    const first = await newDraft(c, completeDraft({ kind: 'unit', unitId: u }));
    const second = await newDraft(c, completeDraft({ kind: 'unit', unitId: u }, { title: 'Thứ hai' }));
    await attachAcceptedFile(t, first);
    await attachAcceptedFile(t, second);
    expect((await c.post(`/api/entries/${first}/submit`)).statusCode).toBe(200);
    const admin = await loggedInClient(t, t.admin.email, t.admin.password);
    const role = (await admin.get(`/api/contests/${slug}/roles`))
      .json<ContestRoleView[]>()
      .find((x) => x.userId === r.id && x.role === 'unit_rep')!;
    expect((await admin.delete(`/api/contests/${slug}/roles/${role.id}`)).statusCode).toBe(200);
    expect((await c.post(`/api/entries/${second}/submit`)).json().error.code).toBe('entry.notUnitRep');
    expect((await c.post(`/api/entries/${first}/withdraw`)).json().error.code).toBe('entry.notUnitRep');
  });

  it('answers a double submission of one entry with "locked", never with a full quota', async () => {
    const u = await unitId(t, 'Xã Trung Nam');
    const r = await makeUser(t, { role: 'unit_rep', unitId: u });
    const c = await loggedInClient(t, r.email, r.password);
    const id = await newDraft(c, completeDraft({ kind: 'unit', unitId: u }));
    await attachAcceptedFile(t, id);
    const results = await Promise.all([
      c.post(`/api/entries/${id}/submit`),
      c.post(`/api/entries/${id}/submit`),
      c.post(`/api/entries/${id}/submit`),
    ]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409, 409]);
    expect(results.filter((x) => x.statusCode === 409).map((x) => x.json().error.code)).toEqual([
      'entry.locked',
      'entry.locked',
    ]);
    const slots = await t.deps.db
      .selectFrom('entry_slots')
      .select('slot')
      .where('quota_key', '=', `unit:${u}`)
      .execute();
    expect(slots).toHaveLength(1);
  });

  it('treats a phone that is not Vietnamese as missing, so a roster member cannot dodge R4 with it', async () => {
    const person = await makeUser(t);
    const pc = await loggedInClient(t, person.email, person.password);
    const draft = completeDraft({ kind: 'person' });
    draft.authors[0]!.phone = '0905777888 (Zalo)';
    const id = await newDraft(pc, draft);
    await attachAcceptedFile(t, id);
    const res = await pc.post(`/api/entries/${id}/submit`);
    expect(res.json().error.code).toBe('entry.incomplete');
    expect(res.json().error.details.missing[0].message.vi).toContain('không hợp lệ');
  });

  it('caps the drafts one account can open in a contest', async () => {
    const person = await makeUser(t);
    const pc = await loggedInClient(t, person.email, person.password);
    for (let i = 0; i < 10; i++) await newDraft(pc, completeDraft({ kind: 'person' }, { title: `Nháp ${i}` }));
    const res = await pc.post(`/api/contests/${slug}/entries`, completeDraft({ kind: 'person' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('entry.tooManyDrafts');
  });

  it('refuses submission after the deadline, but not in the grace period of an upload begun in time', async () => {
    const u = await unitId(t, 'Xã Vĩnh Hà');
    const r = await makeUser(t, { role: 'unit_rep', unitId: u });
    const c = await loggedInClient(t, r.email, r.password);
    const late = await newDraft(c, completeDraft({ kind: 'unit', unitId: u }));
    const inTime = await newDraft(c, completeDraft({ kind: 'unit', unitId: u }, { title: 'Kịp giờ' }));
    const v = (await c.get(`/api/contests/${slug}`)).json<ContestView>();
    const end = Date.parse(v.phases.find((p) => p.kind === 'submission')!.endsAt);
    await attachAcceptedFile(t, late, { createdAt: new Date(end + 60_000).toISOString() });
    await attachAcceptedFile(t, inTime, { createdAt: new Date(end - 60_000).toISOString() });
    t.setNow(new Date(end + 30 * 60_000));
    try {
      const refused = await c.post(`/api/entries/${late}/submit`);
      expect(refused.json().error.code).toBe('phase.submissionClosed');
      expect(refused.json().error.message).toMatch(/Đã hết thời gian nhận bài dự thi \(\d{2}\/\d{2}\/\d{4} 00:00\)/);
      const ok = await c.post(`/api/entries/${inTime}/submit`);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().inGrace).toBe(true);
      expect((await c.post(`/api/entries/${inTime}/withdraw`)).json().error.code).toBe('entry.notWithdrawable');
    } finally {
      t.setNow(new Date());
    }
    t.setNow(new Date(end + 61 * 60_000));
    try {
      expect(
        (await c.post(`/api/contests/${slug}/entries`, completeDraft({ kind: 'unit', unitId: u }))).json().error.code,
      ).toBe('phase.submissionClosed');
    } finally {
      t.setNow(new Date());
    }
  });

  it('refuses submission before the window opens', async () => {
    const u = await unitId(t, 'Xã Vĩnh Khê');
    const r = await makeUser(t, { role: 'unit_rep', unitId: u });
    const c = await loggedInClient(t, r.email, r.password);
    const id = await newDraft(c, completeDraft({ kind: 'unit', unitId: u }));
    await attachAcceptedFile(t, id);
    const v = (await c.get(`/api/contests/${slug}`)).json<ContestView>();
    const start = Date.parse(v.phases.find((p) => p.kind === 'submission')!.startsAt);
    t.setNow(new Date(start - 3600_000));
    try {
      const res = await c.post(`/api/entries/${id}/submit`);
      expect(res.json().error.code).toBe('phase.submissionNotOpen');
      expect(res.json().error.message).toMatch(/nhận bài từ \d{2}\/\d{2}\/\d{4} 00:00 đến/);
    } finally {
      t.setNow(new Date());
    }
  });
});

describe('concurrency (F4)', () => {
  it('64 simultaneous submissions for one commune end with exactly 2 submitted', async () => {
    const u = await unitId(t, 'Xã Kim Thạch');
    // Registered through intake, which has no cap on drafts; the race is the same.
    const c = secretariat;
    const ids: number[] = [];
    for (let i = 0; i < 64; i++) {
      const id = await newDraft(c, completeDraft({ kind: 'unit', unitId: u }, { title: `Đồng thời ${i}` }), true);
      await attachAcceptedFile(t, id);
      ids.push(id);
    }
    const results = await Promise.all(ids.map((id) => c.post(`/api/entries/${id}/submit`)));
    const codes = results.map((res) => res.statusCode);
    expect(codes.filter((s) => s === 200)).toHaveLength(2);
    expect(codes.filter((s) => s === 409)).toHaveLength(62);
    const submitted = await t.deps.db
      .selectFrom('entries')
      .select('id')
      .where('unit_id', '=', u)
      .where('status', '=', 'submitted')
      .execute();
    expect(submitted).toHaveLength(2);
    const slots = await t.deps.db
      .selectFrom('entry_slots')
      .select('slot')
      .where('quota_key', '=', `unit:${u}`)
      .execute();
    expect(slots.map((s) => s.slot).sort()).toEqual([1, 2]);
  });
});

describe('intake by the secretariat (R13)', () => {
  it('registers an entry received by e-mail for a commune, marks it as intake and audits it', async () => {
    const u = await unitId(t, 'Thị trấn Cửa Tùng');
    const id = await newDraft(
      secretariat,
      completeDraft({ kind: 'unit', unitId: u }, { title: 'Nhận qua thư công vụ' }),
      true,
    );
    await attachAcceptedFile(t, id);
    const res = await secretariat.post(`/api/entries/${id}/submit`);
    expect(res.statusCode).toBe(200);
    const view = (await secretariat.get(`/api/entries/${id}`)).json<EntryView>();
    expect(view.isIntake).toBe(true);
    expect(view.events.map((e) => e.kind)).toEqual(['intake.created', 'submitted']);
    const audit = (
      await (await loggedInClient(t, t.admin.email, t.admin.password)).get(`/api/contests/${slug}/audit`)
    ).json<AuditRecordView[]>();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['entry.intake', 'entry.intakeSubmit']));
  });

  it('counts an intake entry for a person against the same phone as their online entries', async () => {
    const person = await makeUser(t);
    const pc = await loggedInClient(t, person.email, person.password);
    for (let i = 0; i < 2; i++) {
      const online = completeDraft({ kind: 'person' }, { title: `Trực tuyến ${i}` });
      online.authors[0]!.phone = '0988000111';
      const id = await newDraft(pc, online);
      await attachAcceptedFile(t, id);
      expect((await pc.post(`/api/entries/${id}/submit`)).statusCode).toBe(200);
    }
    const draft = completeDraft({ kind: 'person' }, { title: 'Mang USB đến' });
    draft.authors[0]!.phone = '+84 988 000 111';
    const id = await newDraft(secretariat, draft, true);
    await attachAcceptedFile(t, id);
    expect((await secretariat.post(`/api/entries/${id}/submit`)).json().error.code).toBe('entry.personQuotaFull');
  });

  it('is refused to a secretary (read-only staff)', async () => {
    const s = await makeUser(t, { role: 'secretary' });
    const c = await loggedInClient(t, s.email, s.password);
    expect(
      (
        await c.post(`/api/contests/${slug}/entries?intake=true`, completeDraft({ kind: 'unit', unitId: vinhThai }))
      ).json().error.code,
    ).toBe('auth.forbidden');
  });
});

describe('several contests', () => {
  it('numbers entries per contest, so a second contest with a similar slug accepts entries too', async () => {
    const admin = await loggedInClient(t, t.admin.email, t.admin.password);
    const v = (await admin.get(`/api/contests/${slug}`)).json<ContestView>();
    const body = {
      name: 'Vĩnh Linh 2025',
      theme: v.theme,
      topics: v.topics,
      rulesMarkdown: '',
      timeZone: v.timeZone,
      entryRules: v.entryRules,
      prizes: v.prizes,
      rubric: v.rubric,
      maxEntriesPerPerson: 2,
      phases: v.phases,
      unitCategories: v.unitCategories.map(({ id: _i, ...c }) => c),
      slug: 'vinh-linh-2025',
    };
    expect((await admin.post('/api/contests', body)).statusCode).toBe(201);
    const person = await makeUser(t);
    const pc = await loggedInClient(t, person.email, person.password);
    const draft = completeDraft({ kind: 'person' });
    draft.authors[0]!.phone = '0977 555 666';
    const id = (await pc.post('/api/contests/vinh-linh-2025/entries', draft)).json().id;
    await attachAcceptedFile(t, id);
    const res = await pc.post(`/api/entries/${id}/submit`);
    expect(res.statusCode).toBe(200);
    expect(res.json().code).toBe('VINHLINH-001');
  });
});

describe('compliance dashboard', () => {
  it('shows each unit against its quota and the communes with no entry yet', async () => {
    const res = (await secretariat.get(`/api/contests/${slug}/compliance`)).json<Compliance>();
    const chap = res.units.find((u) => u.unitName === 'Xã Vĩnh Chấp');
    expect(chap).toMatchObject({ submitted: 2, minEntries: 1, maxEntries: 2, belowMinimum: false });
    expect(res.belowMinimum).toContain('Xã Vĩnh Sơn');
    expect(res.belowMinimum).not.toContain('Xã Vĩnh Chấp');
    expect(res.belowMinimum).not.toContain('Phòng Nội vụ');
  });

  it('lists and searches entries without diacritics, filters by status, and exports XLSX without phones', async () => {
    const found = (
      await secretariat.get(`/api/contests/${slug}/entries?q=${encodeURIComponent('vinh chap')}&status=submitted`)
    ).json<ContestEntryRow[]>();
    expect(found).toHaveLength(2);
    expect(found.every((e) => e.unitName === 'Xã Vĩnh Chấp' && e.status === 'submitted')).toBe(true);
    const byTitle = (
      await secretariat.get(`/api/contests/${slug}/entries?q=${encodeURIComponent('nhan qua thu cong vu')}`)
    ).json<ContestEntryRow[]>();
    expect(byTitle.map((e) => e.title)).toEqual(['Nhận qua thư công vụ']);
    const xlsx = await secretariat.get(`/api/contests/${slug}/entries.xlsx?status=submitted`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Mã');
    const cells = ws.getSheetValues().flat().map(String).join(' ');
    expect(cells).toContain('Xã Vĩnh Chấp');
    expect(cells).not.toContain('0912345678');
    expect(cells).not.toContain('0912 345 678');
  });

  it('is not available to a juror or an entrant', async () => {
    const j = await makeUser(t, { role: 'juror' });
    const jc = await loggedInClient(t, j.email, j.password);
    expect((await jc.get(`/api/contests/${slug}/compliance`)).json().error.code).toBe('auth.forbidden');
    expect((await rep.get(`/api/contests/${slug}/entries`)).json().error.code).toBe('auth.forbidden');
  });
});
