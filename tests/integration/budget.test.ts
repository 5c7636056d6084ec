import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContest } from '../../server/services/contests/create-contest.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { updateContest } from '../../server/services/contests/update-contest.ts';
import { demoContest } from '../../server/demo/vinh-linh-2024.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

/** The budget estimate (R18): Phòng Nội vụ drafts and submits it, finance approves or returns it, all audited. */
let t: TestApp;
let base: string;
let secretariat: Client;
let finance: Client;
let organizer: Client;
let otherOrganizer: Client;
let unitRep: Client;
let secretary: Client;
const admin = () => ({ userId: t.admin.userId, isSiteAdmin: true, ip: null });

async function as(role: 'secretariat' | 'finance' | 'organizer' | 'secretary', slug?: string): Promise<Client> {
  const u = await makeUser(t, { role, slug });
  return loggedInClient(t, u.email, u.password);
}

beforeAll(async () => {
  t = await startTestApp();
  base = `/api/contests/${t.demoSlug}/budget`;
  secretariat = await as('secretariat');
  finance = await as('finance');
  organizer = await as('organizer');
  secretary = await as('secretary');
  const other = await createContest(t.deps, admin(), { ...demoContest(new Date()), slug: 'cuoc-thi-khac' });
  otherOrganizer = await as('organizer', other.slug);
  const unit = await t.deps.db.selectFrom('units').select('id').where('name', '=', 'Xã Vĩnh Thái').executeTakeFirst();
  const rep = await makeUser(t, { role: 'unit_rep', unitId: Number(unit!.id) });
  unitRep = await loggedInClient(t, rep.email, rep.password);
});
afterAll(async () => t?.close());

const LINES = [
  {
    category: 'ceremony',
    description: 'Thuê hội trường, âm thanh, ánh sáng',
    unit: 'buổi',
    quantity: 1,
    unitPriceVnd: 4_500_000,
  },
  {
    category: 'jury_allowance',
    // Typed on a Mac: decomposed; stored and printed composed.
    description: 'Bồi dưỡng thành viên Ban Giám khảo chấm chung khảo'.normalize('NFD'),
    unit: 'người',
    quantity: 5,
    unitPriceVnd: 300_000,
    note: 'Theo Nghị quyết của HĐND tỉnh',
  },
  { category: 'printing', description: 'In giấy chứng nhận, khung', unit: 'bộ', quantity: 8, unitPriceVnd: 125_000 },
];
// Prizes of the demo structure: 5 + 3 + 2×2 + 3×1 + 1 million = 16,000,000; costs 4.5M + 1.5M + 1M = 7,000,000.
const PRIZES = 16_000_000;
const COSTS = 7_000_000;

async function auditActions(): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'outcome'])
    .where('action', 'like', 'budget.%')
    .orderBy('seq')
    .execute();
  return rows.map((r) => (r.outcome === 'ok' ? r.action : `${r.action}:${r.outcome}`));
}

const code = (res: { json(): unknown }) => (res.json() as { error?: { code?: string } }).error?.code;

describe('budget estimate and its appraisal', () => {
  it('starts as a draft holding the prize money of the structure', async () => {
    const res = await secretariat.get(base);
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b).toMatchObject({ revision: 1, state: 'draft', stale: false, lines: [], canEdit: true, canReview: false });
    expect(b.estimate.prizeTotalVnd).toBe(PRIZES);
    expect(b.estimate.prizeLines.map((l: { name: string }) => l.name)).toContain('Giải bình chọn nhiều nhất');
    expect((await finance.get(base)).json()).toMatchObject({ canEdit: false, canReview: true });
  });

  it('refuses a cost line with a fractional quantity', async () => {
    const bad = await secretariat.put(base, { lines: [{ ...LINES[0], quantity: 1.5 }] });
    expect(bad.statusCode).toBe(400);
  });

  it('saves the cost lines (NFC) with totals and the total in words', async () => {
    const res = await secretariat.put(base, { lines: LINES });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ totalVnd: PRIZES + COSTS });
    const b = (await secretariat.get(base)).json();
    expect(b.lines[1].description).toBe('Bồi dưỡng thành viên Ban Giám khảo chấm chung khảo');
    expect(b.lines[1].description).toBe(b.lines[1].description.normalize('NFC'));
    expect(b.estimate.costTotalVnd).toBe(COSTS);
    expect(b.estimate.totalInWords).toBe('Bằng chữ: Hai mươi ba triệu đồng.');
  });

  it('lets neither finance nor a unit, nor another contest’s organizer, edit the lines', async () => {
    for (const c of [finance, unitRep, otherOrganizer, secretary]) {
      const res = await c.put(base, { lines: [] });
      expect(res.statusCode).toBe(403);
      expect(code(res)).toBe('auth.forbidden');
    }
    expect(code(await new Client(t.app).get(base))).toBe('auth.required');
    expect(code(await otherOrganizer.get(base))).toBe('auth.forbidden');
    expect(code(await unitRep.get(`${base}.xlsx`))).toBe('auth.forbidden');
    // Finance's refused edit is audited: it has a role in the contest.
    expect(await auditActions()).toContain('budget.edit:denied');
  });

  it('goes to finance, who cannot approve a draft and may not be bypassed by the secretariat', async () => {
    expect(code(await finance.post(`${base}/approve`))).toBe('budget.notSubmitted');
    expect((await secretariat.post(`${base}/submit`)).json()).toEqual({ state: 'submitted', revision: 1 });
    expect(code(await secretariat.post(`${base}/submit`))).toBe('budget.alreadySubmitted');
    const locked = await secretariat.put(base, { lines: LINES.slice(0, 1) });
    expect(code(locked)).toBe('budget.underReview');
    expect(locked.json().error.message).toContain('Phòng Tài chính - Kế hoạch');
    expect(code(await secretariat.post(`${base}/approve`))).toBe('auth.forbidden');
    expect(code(await organizer.post(`${base}/approve`))).toBe('auth.forbidden');
    expect(code(await otherOrganizer.post(`${base}/return`, { text: 'Không phải cuộc thi của tôi' }))).toBe(
      'auth.forbidden',
    );
  });

  it('is returned with comments of at least ten characters, then corrected and submitted again', async () => {
    const short = await finance.post(`${base}/return`, { text: 'Sửa lại' });
    expect(code(short)).toBe('budget.commentTooShort');
    finance.lang = 'en';
    expect((await finance.post(`${base}/return`, { text: 'Sửa' })).json().error.message).toContain('10 characters');
    finance.lang = 'vi';
    const comment = 'Mức bồi dưỡng giám khảo vượt định mức, đề nghị giảm còn 200.000 đ/người';
    expect((await finance.post(`${base}/return`, { text: comment })).json()).toEqual({
      state: 'returned',
      revision: 1,
    });
    const returned = (await secretariat.get(base)).json();
    expect(returned.state).toBe('returned');
    expect(returned.history.at(-1)).toMatchObject({ step: 'return', text: comment, totalVnd: PRIZES + COSTS });
    const fixed = LINES.map((l) => (l.category === 'jury_allowance' ? { ...l, unitPriceVnd: 200_000 } : l));
    expect((await secretariat.put(base, { lines: fixed })).json()).toEqual({ totalVnd: PRIZES + COSTS - 500_000 });
    expect((await secretariat.post(`${base}/submit`)).statusCode).toBe(200);
  });

  it('is approved by finance and frozen; approving twice is refused', async () => {
    expect((await finance.post(`${base}/approve`)).json()).toEqual({ state: 'approved', revision: 1 });
    expect(code(await finance.post(`${base}/approve`))).toBe('budget.notSubmitted');
    expect(code(await secretariat.put(base, { lines: [] }))).toBe('budget.approvedFrozen');
    expect(code(await finance.post(`${base}/return`, { text: 'Xem lại toàn bộ các khoản' }))).toBe(
      'budget.notSubmitted',
    );
  });

  it('keeps what finance approved when the prize structure changes, and is revised into a new round', async () => {
    const c = await loadContest(t.deps.db, { slug: t.demoSlug });
    const prizes = c.settings.prizes.map((p, i) => (i === 0 ? { ...p, amountVnd: 7_000_000 } : p));
    await updateContest(t.deps, admin(), t.demoSlug, {
      ...c.settings,
      prizes,
      phases: c.phases,
      unitCategories: c.unitCategories,
    });
    const stale = (await secretariat.get(base)).json();
    expect(stale).toMatchObject({ state: 'approved', stale: true });
    expect(stale.estimate.prizeTotalVnd).toBe(PRIZES);
    expect(code(await secretariat.post(`${base}/revise`, { text: 'ngắn' }))).toBe('budget.reasonTooShort');
    expect(code(await finance.post(`${base}/revise`, { text: 'Giải Nhất tăng lên 7 triệu đồng' }))).toBe(
      'auth.forbidden',
    );
    const revised = await secretariat.post(`${base}/revise`, { text: 'Giải Nhất tăng lên 7 triệu đồng' });
    expect(revised.json()).toEqual({ state: 'draft', revision: 2 });
    const now = (await secretariat.get(base)).json();
    expect(now).toMatchObject({ revision: 2, state: 'draft', stale: false });
    expect(now.lines).toHaveLength(3);
    expect(now.estimate.prizeTotalVnd).toBe(PRIZES + 2_000_000);
    expect(now.history.map((h: { revision: number; step: string }) => `${h.revision}:${h.step}`)).toEqual([
      '1:submit',
      '1:return',
      '1:submit',
      '1:approve',
      '2:revise',
    ]);
  });

  it('downloads as XLSX with the lines, the total and the total in words', async () => {
    const res = await finance.get(`${base}.xlsx?issuer=${encodeURIComponent('Phòng Nội vụ huyện Vĩnh Linh')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('lan-2.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: (string | number)[][] = [];
    ws.eachRow((row) => rows.push((row.values as (string | number)[]).slice(1)));
    const flat = rows.map((r) => r.join('|'));
    expect(ws.getCell('A1').value).toBe('PHÒNG NỘI VỤ HUYỆN VĨNH LINH');
    const total = PRIZES + 2_000_000 + COSTS - 500_000;
    expect(rows.find((r) => r[1] === 'Tổng cộng (I + II)')?.[5]).toBe(total);
    expect(rows.find((r) => r[1] === 'Bồi dưỡng thành viên Ban Giám khảo chấm chung khảo')?.slice(2, 6)).toEqual([
      'người',
      5,
      200_000,
      1_000_000,
    ]);
    expect(flat.some((l) => l.includes('Bằng chữ: Hai mươi tư triệu năm trăm nghìn đồng.'))).toBe(true);
  });

  it('audits every step', async () => {
    const actions = await auditActions();
    for (const a of ['budget.linesSaved', 'budget.submit', 'budget.return', 'budget.approve', 'budget.revise'])
      expect(actions).toContain(a);
    expect(actions).toContain('budget.exported');
    expect(actions).toContain('budget.review:denied');
  });
});
